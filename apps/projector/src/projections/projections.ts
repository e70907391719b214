import { topicForAggregate } from '@kvalitet/contracts';
import { createCaseReadModelProjection } from './case-read-model/case-read-model.projection';
import { createLedningssystemReadModelProjection } from './ledningssystem-read-model.projection';
import type { Projection } from './projection';
import { createRiskAssessmentReadModelProjection } from './risk-assessments/risk-assessment-read-model.projection';
import { createRiskPatternProjection } from './risk-assessments/risk-pattern.projection';
import { UNIT_PARENTS } from './risk-assessments/unit-parents';
import { createImprovementReadModelProjection } from './improvement/improvement-read-model.projection';
import { createStatisticsProjection } from './statistics.projection';

export function createProjections(namespace?: string): Projection[] {
  return [
    createCaseReadModelProjection({ topic: topicForAggregate('case', namespace) }),
    // After the case read model: its rebuild empties rm_tasks, this one then puts the register tasks back.
    createLedningssystemReadModelProjection({ ...(namespace === undefined ? {} : { namespace }) }),
    // Risk assessments (ADR 0007): also after the case read model, for the same reason.
    createRiskAssessmentReadModelProjection({ ...(namespace === undefined ? {} : { namespace }) }),
    createRiskPatternProjection({
      ...(namespace === undefined ? {} : { namespace }),
      unitParents: UNIT_PARENTS,
    }),
    createImprovementReadModelProjection({ ...(namespace === undefined ? {} : { namespace }) }),
    // Statistics per unit, type, category, lagrum and period (ADR 0006).
    createStatisticsProjection({ topic: topicForAggregate('case', namespace) }),
  ];
}
