import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import {
  factOfFold,
  foldStatisticsEvent,
  startStatisticsFold,
  statisticsFactOf,
  withClassificationCodes,
  type StatisticsCaseFact,
  type StatisticsFold,
} from '@kvalitet/domain';
import { loadClassificationVocabulary } from '@kvalitet/persistence';
import { statisticsStore } from '@kvalitet/reporting';
import type { Projection } from './projection';

export const STATISTICS_READ_MODEL = 'statistics';

/**
 * The statistics read model (ADR 0006): one pseudonymised fact per case. A batch names the cases it
 * touches; each is re-folded from its whole stored history (the event rows only — the personal data
 * table is never read), so a redelivered or reordered message cannot make a fact wrong, and the fact
 * never holds more than the classification, unit and timestamps. Category and lagrum are stored as
 * codes of the managed lists (issue 24): free text from before the lists becomes the code it names,
 * or `annat` — the rule migration 1764180000000 applied, so a rebuild gives the same rows.
 */
export function createStatisticsProjection(options: { topic?: string } = {}): Projection {
  return {
    name: STATISTICS_READ_MODEL,
    topics: [options.topic ?? topicForAggregate('case')],
    handleBatch: async (events: EventEnvelope[], manager: EntityManager) => {
      const caseIds = [
        ...new Set(events.filter((e) => e.aggregateType === 'case').map((e) => e.aggregateId)),
      ].sort();
      if (caseIds.length === 0) return;
      const rows: { aggregate_id: string; type: string; data: unknown }[] = await manager.query(
        `SELECT aggregate_id, type, data FROM events WHERE aggregate_type = 'case' AND aggregate_id = ANY($1::uuid[]) ORDER BY aggregate_id, version`,
        [caseIds],
      );
      const byCase = new Map<string, { type: string; data: unknown }[]>();
      for (const row of rows) {
        const list = byCase.get(row.aggregate_id) ?? [];
        list.push(row);
        byCase.set(row.aggregate_id, list);
      }
      const vocabulary = await loadClassificationVocabulary(manager);
      const facts = [...byCase.values()]
        .map((history) => statisticsFactOf(history))
        .filter((f): f is StatisticsCaseFact => f !== null);
      await statisticsStore.upsert(
        manager,
        facts.map((f) => withClassificationCodes(f, vocabulary)),
      );
    },
    reset: (manager) => statisticsStore.lockAndClear(manager),
    // Reads the event rows itself, lean (aggregate, type, data; no personal data, no envelopes), which
    // halves a million-event rebuild; the pages offered by the rebuild runner are left unread.
    writeRebuilt: async (manager) => {
      const folds = new Map<string, StatisticsFold>();
      let after = '0';
      for (;;) {
        const page: { position: string; aggregate_id: string; type: string; data: unknown }[] =
          await manager.query(
            `SELECT position, aggregate_id, type, data FROM events WHERE aggregate_type = 'case' AND position > $1 ORDER BY position LIMIT 20000`,
            [after],
          );
        if (page.length === 0) break;
        after = page[page.length - 1]!.position;
        for (const event of page) {
          let fold = folds.get(event.aggregate_id);
          if (!fold) {
            fold = startStatisticsFold();
            folds.set(event.aggregate_id, fold);
          }
          foldStatisticsEvent(fold, event);
        }
      }
      const vocabulary = await loadClassificationVocabulary(manager);
      const facts = [...folds.values()].map(factOfFold).filter((f): f is StatisticsCaseFact => f !== null);
      await statisticsStore.upsert(
        manager,
        facts.map((f) => withClassificationCodes(f, vocabulary)),
      );
      return facts.length;
    },
  };
}
