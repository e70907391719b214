import { topicForAggregate } from '@kvalitet/contracts';
import { createCaseReadModelProjection } from './case-read-model/case-read-model.projection';
import type { Projection } from './projection';

export function createProjections(namespace?: string): Projection[] {
  return [createCaseReadModelProjection({ topic: topicForAggregate('case', namespace) })];
}
