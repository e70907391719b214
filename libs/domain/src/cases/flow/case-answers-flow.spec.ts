import type { CaseFlowEvent } from './case-flow-event';
import { applyCaseEvent, CURRENT_CASE_FLOW_RULES } from './apply-case-event';
import type { CaseFlowRules } from './apply-case-event';
import { initialCaseFlowState } from './case-flow-state';
import type { CaseFlowState } from './case-flow-state';
import { applyWorkResult, pendingNotices, pendingWork } from './pending-work';

const T0 = '2026-11-25T10:00:00.000Z';
let version = 0;

function event<T extends CaseFlowEvent['type']>(
  type: T,
  data: Extract<CaseFlowEvent, { type: T }>['data'],
): CaseFlowEvent {
  version += 1;
  return { id: `e${version}`, type, version, occurredAt: T0, data } as CaseFlowEvent;
}

function given(rules: CaseFlowRules, ...events: CaseFlowEvent[]): CaseFlowState {
  const state = initialCaseFlowState('c1');
  for (const e of events) {
    applyCaseEvent(state, e, rules);
    started(state);
  }
  return state;
}

/** Pretends the activity started every wanted deadline and created every wanted task. */
function started(state: CaseFlowState): void {
  const work = pendingWork(state, T0);
  if (!work) return;
  applyWorkResult(state, {
    deadlines: work.deadlines.map((d) => ({
      key: d.key,
      outcome: 'started',
      deadlineId: `id-${d.key}`,
      dueAt: d.fixedDueAt ?? T0,
      policyVersion: 1,
      status: 'open',
      escalationLevel: 0,
    })),
    tasks: [
      ...work.tasks.map((t) => ({ key: t.key, outcome: 'created' as const, taskId: `id-${t.key}` })),
      ...work.completeTasks.map((key) => ({ key, outcome: 'done' as const, taskId: `id-${key}` })),
    ],
  });
}

const reported = (type: 'complaint' | 'suggestion' | 'external_finding' | 'deviation', extra = {}) =>
  event('CaseReported', { type, unitId: 'solgarden', reportedAt: T0, unclassified: false, ...extra });

const BEFORE: CaseFlowRules = { ...CURRENT_CASE_FLOW_RULES, caseAnswers: () => false };

beforeEach(() => {
  version = 0;
});

describe('case flow: the answer deadlines and notices (api.md v1.1; LC-4 step 7, DL-13, IMP-8)', () => {
  it('a complaint whose reporter wants an answer starts `response` and the unit manager’s task; respond meets it and owes the answer mail', () => {
    const state = given(CURRENT_CASE_FLOW_RULES, reported('complaint', { answerWanted: true }));
    expect(state.deadlines['response']).toMatchObject({ kind: 'response', status: 'open', base: T0 });
    expect(state.tasks['task/respond/unit_manager']).toMatchObject({
      kind: 'respond',
      assigneeRole: 'unit_manager',
      deadlineKey: 'response',
      status: 'created',
    });
    const responded = event('CaseResponded', { at: T0 });
    applyCaseEvent(state, responded);
    expect(state.deadlines['response']!.status).toBe('met');
    expect(state.tasks['task/respond/unit_manager']!.status).toBe('done');
    expect(pendingNotices(state)).toEqual([
      { key: `answer/${responded.id}`, kind: 'answer', eventId: responded.id, status: 'wanted' },
    ]);
  });

  it('no answer wanted, a suggestion, or a workflow from before the patch: no `response`', () => {
    for (const state of [
      given(CURRENT_CASE_FLOW_RULES, reported('complaint')),
      given(CURRENT_CASE_FLOW_RULES, reported('suggestion', { answerWanted: true })),
      given(BEFORE, reported('complaint', { answerWanted: true })),
    ])
      expect(Object.keys(state.deadlines)).toEqual(['acknowledgement']);
  });

  it('external_response: due at the issuer’s date, the director’s task, moved to the assignee when assigned', () => {
    const due = '2026-12-15T23:00:00.000Z';
    const state = given(
      CURRENT_CASE_FLOW_RULES,
      reported('external_finding', { respondByDueAt: due }),
      event('CaseAssigned', { assignee: 'enhetschef', at: T0 }),
    );
    expect(state.deadlines['external_response']).toMatchObject({
      fixedDueAt: due,
      dueAt: due,
      status: 'open',
    });
    expect(state.tasks['task/respond/director']).toMatchObject({ assigneeRole: 'director', status: 'done' });
    expect(state.tasks['task/respond/enhetschef']).toMatchObject({
      assignee: 'enhetschef',
      deadlineKey: 'external_response',
      status: 'created',
    });
    expect(
      Object.keys(given(BEFORE, reported('external_finding', { respondByDueAt: due })).deadlines),
    ).toEqual(['investigation/r0']);
  });

  it('the staff reporter of a deviation is owed the outcome notice when it closes; not before the patch', () => {
    const report = reported('deviation', { staffReporter: true });
    const closed = event('CaseClosed', { at: T0 });
    const state = given(CURRENT_CASE_FLOW_RULES, report, closed);
    expect(pendingNotices(state)).toEqual([
      { key: `outcome/${closed.id}`, kind: 'outcome', eventId: closed.id, status: 'wanted' },
    ]);
    expect(
      pendingNotices(given(CURRENT_CASE_FLOW_RULES, reported('deviation'), event('CaseClosed', { at: T0 }))),
    ).toEqual([]);
    expect(
      pendingNotices(
        given(BEFORE, reported('deviation', { staffReporter: true }), event('CaseClosed', { at: T0 })),
      ),
    ).toEqual([]);
  });
});
