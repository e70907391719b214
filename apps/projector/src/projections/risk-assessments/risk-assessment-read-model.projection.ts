import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import { buildRiskAssessmentView, type RiskAssessmentEvent } from '@kvalitet/domain';
import { EventStore, RISK_ASSESSMENT_AGGREGATE, toRiskAssessmentEvents } from '@kvalitet/persistence';
import type { Projection } from '../projection';
import { lockAndClearRiskAssessments, upsertRiskAssessment } from './risk-assessment-rows';

export const RISK_ASSESSMENT_READ_MODEL = 'risk-assessment-read-model';

/**
 * The risk assessment list (`rm_risk_assessments`) and its tasks in the common inbox (`rm_tasks`).
 * Assessments are small and few, so each batch re-reads the whole stream of every assessment it
 * touches from the event store (in the consumer's transaction) and writes its row again: the row is
 * always the fold of the full history, whatever Kafka redelivers or skips. Run after the case read
 * model, whose rebuild empties rm_tasks.
 */
export function createRiskAssessmentReadModelProjection(options: { namespace?: string } = {}): Projection {
  return {
    name: RISK_ASSESSMENT_READ_MODEL,
    topics: [topicForAggregate('risk_assessment', options.namespace)],
    handleBatch: async (events: EventEnvelope[], manager: EntityManager) => {
      const ids = [
        ...new Set(
          events.filter((e) => e.aggregateType === RISK_ASSESSMENT_AGGREGATE).map((e) => e.aggregateId),
        ),
      ].sort();
      const store = new EventStore(manager.connection);
      for (const id of ids) {
        const view = buildRiskAssessmentView(toRiskAssessmentEvents(await store.load(id, manager)));
        if (view) await upsertRiskAssessment(manager, view);
      }
    },
    reset: lockAndClearRiskAssessments,
    writeRebuilt: async (manager, pages) => {
      const streams = new Map<string, RiskAssessmentEvent[]>();
      for await (const page of pages) {
        for (const event of page) {
          if (event.aggregateType !== RISK_ASSESSMENT_AGGREGATE) continue;
          const list = streams.get(event.aggregateId) ?? [];
          list.push(...toRiskAssessmentEvents([event]));
          streams.set(event.aggregateId, list);
        }
      }
      let count = 0;
      for (const events of streams.values()) {
        const view = buildRiskAssessmentView(events);
        if (!view) continue;
        await upsertRiskAssessment(manager, view);
        count += 1;
      }
      return count;
    },
  };
}
