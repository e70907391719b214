import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import type { Projection } from '../projection';
import { applyCaseEvent } from './apply-case-event';
import type { CaseRow, CounterRow, TaskRow } from './case-read-model-rows';
import { addCounters, loadCaseRowsForUpdate, lockAndClearCaseReadModels, upsertCaseRows, upsertTaskRows } from './case-read-model-store';

export const CASE_READ_MODEL = 'case-read-model';

/** Folds events into rows in memory, starting from `rows`; returns what changed. */
export function foldCaseEvents(rows: Map<string, CaseRow>, events: readonly EventEnvelope[]): { changed: Set<string>; tasks: TaskRow[]; counters: CounterRow[] } {
  const changed = new Set<string>();
  const tasks: TaskRow[] = [];
  const counters: CounterRow[] = [];
  for (const event of events) {
    const change = applyCaseEvent(rows.get(event.aggregateId) ?? null, event);
    if (!change) continue;
    rows.set(event.aggregateId, change.row);
    changed.add(event.aggregateId);
    tasks.push(...change.tasks);
    counters.push(...change.counters);
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
      await upsertCaseRows(manager, [...changed].map((id) => rows.get(id)!));
      await upsertTaskRows(manager, tasks);
      await addCounters(manager, counters);
    },
    reset: lockAndClearCaseReadModels,
    writeRebuilt: async (manager, events) => {
      const rows = new Map<string, CaseRow>();
      const tasks: TaskRow[] = [];
      const counters: CounterRow[] = [];
      for await (const page of events) {
        const folded = foldCaseEvents(rows, page.filter((e) => e.aggregateType === 'case'));
        tasks.push(...folded.tasks);
        counters.push(...folded.counters);
      }
      await upsertCaseRows(manager, [...rows.values()]);
      await upsertTaskRows(manager, tasks);
      await addCounters(manager, counters);
      return rows.size;
    },
  };
}
