import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import type { ClassificationVocabulary } from '@kvalitet/domain';
import { loadClassificationVocabulary } from '@kvalitet/persistence';
import type { Projection } from '../projection';
import { caseRowOf, foldCaseEvent, startFold, taskRowsOf, type CaseFold } from './apply-case-event';
import type { CaseRow, CounterRow, TaskRow } from './case-read-model-rows';
import {
  addCounters,
  loadCaseRowsForUpdate,
  lockCaseReadModels,
  upsertCaseRows,
  upsertTaskRows,
  startRebuiltCaseReadModels,
} from './case-read-model-store';

export const CASE_READ_MODEL = 'case-read-model';

/** Folds events into rows in memory, starting from `rows`; returns the changed rows, task rows and counter increments. */
export function foldCaseEvents(
  rows: ReadonlyMap<string, CaseRow>,
  events: readonly EventEnvelope[],
  vocabulary: ClassificationVocabulary,
): { changed: CaseRow[]; tasks: TaskRow[]; counters: CounterRow[] } {
  const folds = new Map<string, CaseFold>();
  const counters: CounterRow[] = [];
  for (const event of events) {
    let fold = folds.get(event.aggregateId);
    if (!fold) {
      fold = startFold(rows.get(event.aggregateId) ?? null);
      folds.set(event.aggregateId, fold);
    }
    const increments = foldCaseEvent(fold, event);
    if (increments) counters.push(...increments);
  }
  const changed: CaseRow[] = [];
  const tasks: TaskRow[] = [];
  for (const [id, fold] of folds) {
    if (!fold.state || fold.version === (rows.get(id)?.version ?? 0)) continue;
    changed.push(caseRowOf(fold, vocabulary));
    tasks.push(...taskRowsOf(fold));
  }
  return { changed, tasks, counters };
}

/** Case list/detail (`rm_cases`), task inbox (`rm_tasks`) and counters per unit/type/month. */
export function createCaseReadModelProjection(options: { topic?: string } = {}): Projection {
  return {
    name: CASE_READ_MODEL,
    topics: [options.topic ?? topicForAggregate('case')],
    handleBatch: async (events: EventEnvelope[], manager: EntityManager) => {
      const caseEvents = events.filter((e) => e.aggregateType === 'case');
      if (caseEvents.length === 0) return;
      const rows = await loadCaseRowsForUpdate(
        manager,
        [...new Set(caseEvents.map((e) => e.aggregateId))].sort(),
      );
      const { changed, tasks, counters } = foldCaseEvents(
        rows,
        caseEvents,
        await loadClassificationVocabulary(manager),
      );
      await upsertCaseRows(manager, changed);
      await upsertTaskRows(manager, tasks);
      await addCounters(manager, counters);
    },
    // Partitions hold different cases; the only shared rows, the counters, are locked in key order.
    partitionsConsumedConcurrently: 3,
    reset: lockCaseReadModels,
    // Personal data is read: the state keeps some of it (e.g. why a deadline was cancelled).
    // Per case, so that a case is written as soon as its last event is folded, while the next ones are read.
    rebuildReads: { aggregateTypes: ['case'], personalData: true, order: 'aggregate' },
    writeRebuilt: async (manager, events) => {
      const vocabulary = await loadClassificationVocabulary(manager);
      const writer = await startRebuiltCaseReadModels(manager);
      const counters: CounterRow[] = [];
      const done = new Set<string>();
      let current = null as { id: string; fold: CaseFold } | null;
      let cases = 0;
      const finish = async () => {
        if (!current) return;
        done.add(current.id);
        if (!current.fold.state) return;
        cases++;
        await writer.add(caseRowOf(current.fold, vocabulary), taskRowsOf(current.fold));
      };
      for await (const page of events) {
        for (const event of page) {
          if (event.aggregateType !== 'case') continue;
          if (current?.id !== event.aggregateId) {
            await finish();
            if (done.has(event.aggregateId))
              throw new Error(
                `återuppbyggnaden fick händelserna för ${event.aggregateId} utspridda, inte ärende för ärende`,
              );
            current = { id: event.aggregateId, fold: startFold(null, { inPlace: true }) };
          }
          const increments = foldCaseEvent(current.fold, event);
          if (increments) for (const increment of increments) counters.push(increment);
        }
      }
      await finish();
      await writer.finish(counters);
      return cases;
    },
  };
}
