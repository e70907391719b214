import { createCaseReadModelProjection } from './case-read-model/case-read-model.projection';
import type { Projection } from './projection';

export function createProjections(): Projection[] {
  return [createCaseReadModelProjection()];
}
