import fc from 'fast-check';
import type { CaseEvent } from './case-events';
import { CASE_DEADLINE_KINDS } from './case-deadline-kind';
import { GENERIC_OUTCOMES, LEX_SARAH_OUTCOMES } from './case-outcome';
import { CASE_TASK_KINDS } from './case-task-kind';
import type { CaseState } from './case-state';
import { evolveCase, evolveCaseInPlace, rebuildCase } from './evolve-case';
import { caseReported, events as e, laterIso } from './test-support';

// Any history, valid or not (evolve is total): few ids, so events hit known and unknown entries,
// repeat, and come before or after the report.
const id = (prefix: string) => fc.constantFrom(`${prefix}1`, `${prefix}2`, `${prefix}3`);
const at = fc.integer({ min: 0, max: 10_000 }).map(laterIso);
const caseEvent: fc.Arbitrary<CaseEvent> = fc.oneof(
  fc.constant(caseReported()),
  at.map((t) => e.acknowledged('enhetschef', t)),
  fc.constantFrom('sas', 'enhetschef').map((who) => e.assigned(who)),
  at.map((t) => e.investigationStarted(t)),
  fc
    .option(fc.boolean(), { nil: undefined })
    .map((deviationOccurred) =>
      e.investigationRecorded(deviationOccurred === undefined ? {} : { deviationOccurred }),
    ),
  fc.constantFrom(...LEX_SARAH_OUTCOMES, ...GENERIC_OUTCOMES).map((o) => e.decided(o)),
  at.map((t) => e.reportedToIvo(t)),
  id('a').map((a) => e.actionAdded(a)),
  fc.tuple(id('a'), at).map(([a, t]) => e.actionCompleted(a, t)),
  fc
    .tuple(fc.array(id('a'), { maxLength: 3 }), fc.boolean())
    .map(([ids, effective]) => e.followUpRecorded(ids, effective)),
  at.map((t) => e.closed(t)),
  at.map((t) => e.reopened(t)),
  fc
    .tuple(id('d'), fc.constantFrom(...CASE_DEADLINE_KINDS), fc.option(id('a'), { nil: undefined }))
    .map(([d, kind, actionId]) => e.deadlineStarted(d, kind, actionId === undefined ? {} : { actionId })),
  fc.tuple(id('d'), at).map(([d, t]) => e.deadlineMet(d, t)),
  fc.tuple(id('d'), fc.boolean(), at).map(([d, late, t]): CaseEvent => ({
    type: 'DeadlineMet',
    data: { deadlineId: d, at: t, ...(late ? { late: true } : {}) },
  })),
  fc
    .tuple(id('d'), fc.integer({ min: 0, max: 3 }), fc.subarray(['unit_manager', 'sas', 'forvaltningschef']))
    .map(([d, level, to]) => e.deadlineMissed(d, level, to)),
  id('d').map((d): CaseEvent => ({
    type: 'DeadlineCancelled',
    data: { deadlineId: d, at: laterIso(5), reason: 'path_changed' },
  })),
  fc.tuple(id('d'), fc.constantFrom('before' as const, 'missed' as const)).map(([d, when]): CaseEvent => ({
    type: 'DeadlineReminderSent',
    data: { deadlineId: d, when, recipients: [], at: laterIso(1) },
  })),
  fc
    .tuple(id('t'), fc.constantFrom(...CASE_TASK_KINDS), fc.option(id('d'), { nil: undefined }))
    .map(([t, kind, deadlineId]) => e.taskCreated(t, kind, deadlineId === undefined ? {} : { deadlineId })),
  fc.tuple(id('t'), fc.constantFrom('sas', 'enhetschef')).map(([t, by]) => e.taskCompleted(t, by)),
);

function foldInPlace(history: readonly CaseEvent[]): CaseState {
  let state: CaseState = null;
  for (const event of history) state = evolveCaseInPlace(state, event);
  return state;
}

describe('evolveCaseInPlace (the rebuild fold, ADR 0012)', () => {
  it('folds any history to the state evolveCase folds it to, after every event', () => {
    fc.assert(
      fc.property(fc.array(caseEvent, { maxLength: 80 }), (history) => {
        let pure: CaseState = null;
        let inPlace: CaseState = null;
        for (const event of history) {
          pure = evolveCase(pure, event);
          inPlace = evolveCaseInPlace(inPlace, event);
          expect(inPlace).toEqual(pure);
        }
        expect(JSON.stringify(foldInPlace(history))).toBe(JSON.stringify(rebuildCase(history)));
      }),
      { numRuns: 500 },
    );
  });

  it('changes no state that evolveCase made, only maps it copied for itself', () => {
    const reported = evolveCase(null, caseReported())!;
    const withTask = evolveCase(reported, e.taskCreated('t1', CASE_TASK_KINDS[0]!));
    const snapshot = JSON.stringify(withTask);
    const owned = evolveCaseInPlace(structuredClone(withTask), e.taskCreated('t2', CASE_TASK_KINDS[0]!))!;
    // The first in-place change copies the map; the state it was handed keeps its old map object.
    expect(JSON.stringify(withTask)).toBe(snapshot);
    expect(Object.keys(owned.tasks)).toEqual(['t1', 't2']);
    expect(owned.version).toBe(3);
  });

  it('sets task after task in the same map, in event order', () => {
    const history = [
      caseReported(),
      ...['t3', 't1', 't2'].map((t) => e.taskCreated(t, CASE_TASK_KINDS[0]!)),
      e.taskCompleted('t1'),
    ];
    const state = foldInPlace(history)!;
    expect(Object.keys(state.tasks)).toEqual(['t3', 't1', 't2']);
    expect(state.tasks['t1']?.status).toBe('done');
    expect(state).toEqual(rebuildCase(history));
  });
});
