import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import type { Projection } from '../projection';
import { caseRowOf, foldCaseEvent, startFold, taskRowsOf, type CaseFold } from './apply-case-event';
import type { CaseRow, CounterRow, TaskRow } from './case-read-model-rows';
import {
  addCounters,
  insertCaseRows,
  insertTaskRows,
  loadCaseRowsForUpdate,
  lockAndClearCaseReadModels,
  upsertCaseRows,
  upsertTaskRows,
} from './case-read-model-store';

export const CASE_READ_MODEL = 'case-read-model';

/** Folds events into rows in memory, starting from `rows`; returns the changed rows, task rows and counter increments. */
export function foldCaseEvents(rows: ReadonlyMap<string, CaseRow>, events: readonly EventEnvelope[]): { changed: CaseRow[]; tasks: TaskRow[]; counters: CounterRow[] } {
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
    changed.push(caseRowOf(fold));
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
      const rows = await loadCaseRowsForUpdate(manager, [...new Set(caseEvents.map((e) => e.aggregateId))].sort());
      const { changed, tasks, counters } = foldCaseEvents(rows, caseEvents);
      await upsertCaseRows(manager, changed);
      await upsertTaskRows(manager, tasks);
      await addCounters(manager, counters);
    },
    reset: lockAndClearCaseReadModels,
    writeRebuilt: async (manager, events) => {
      const folds = new Map<string, CaseFold>();
      const counters: CounterRow[] = [];
      for await (const page of events) {
        for (const event of page) {
          if (event.aggregateType !== 'case') continue;
          let fold = folds.get(event.aggregateId);
          if (!fold) {
            fold = startFold(null);
            folds.set(event.aggregateId, fold);
          }
          counters.push(...(foldCaseEvent(fold, event) ?? []));
        }
      }
      const rows = [...folds.values()].filter((f) => f.state !== null);
      // The reset emptied the tables: plain inserts, no conflicts to handle.
      await insertCaseRows(manager, rows.map(caseRowOf));
      await insertTaskRows(manager, rows.flatMap(taskRowsOf));
      await addCounters(manager, counters);
      return rows.length;
    },
  };
}
