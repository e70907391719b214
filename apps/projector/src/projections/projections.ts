import { topicForAggregate } from '@kvalitet/contracts';
import { createCaseReadModelProjection } from './case-read-model/case-read-model.projection';
import { createLedningssystemReadModelProjection } from './ledningssystem-read-model.projection';
import type { Projection } from './projection';

export function createProjections(namespace?: string): Projection[] {
  return [
    createCaseReadModelProjection({ topic: topicForAggregate('case', namespace) }),
    // After the case read model: its rebuild empties rm_tasks, this one then puts the register tasks back.
    createLedningssystemReadModelProjection({ ...(namespace === undefined ? {} : { namespace }) }),
  ];
}
