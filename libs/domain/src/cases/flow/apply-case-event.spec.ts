import type { CaseFlowEvent as CaseWorkflowEvent } from './case-flow-event';
import { applyCaseEvent } from './apply-case-event';
import type { CaseFlowRules } from './apply-case-event';
import { initialCaseFlowState } from './case-flow-state';
import type { CaseFlowState } from './case-flow-state';
import { applyWorkResult, pendingWork } from './pending-work';

const T0 = '2026-11-25T10:00:00.000Z';
let version = 0;

function event<T extends CaseWorkflowEvent['type']>(
  type: T,
  data: Extract<CaseWorkflowEvent, { type: T }>['data'],
): CaseWorkflowEvent {
  version += 1;
  return { id: `e${version}`, type, version, occurredAt: T0, data } as CaseWorkflowEvent;
}

function given(...events: CaseWorkflowEvent[]): CaseFlowState {
  const state = initialCaseFlowState('c1');
  for (const e of events) applyCaseEvent(state, e);
  return state;
}

const reported = (
  type: Parameters<typeof reportedData>[0],
  extra: Partial<ReturnType<typeof reportedData>> = {},
) => event('CaseReported', { ...reportedData(type), ...extra });
function reportedData(
  type:
    | 'complaint'
    | 'suggestion'
    | 'praise'
    | 'deviation'
    | 'hsl_deviation'
    | 'lex_sarah'
    | 'lex_maria'
    | 'data_breach'
    | 'external_finding',
) {
  return { type, unitId: 'solgarden', reportedAt: T0, unclassified: false };
}

const wanted = (state: CaseFlowState) => ({
  deadlines: Object.values(state.deadlines)
    .filter((d) => d.status === 'wanted')
    .map((d) => d.key),
  tasks: Object.values(state.tasks)
    .filter((t) => t.status === 'wanted')
    .map((t) => t.key),
});

/** Pretends the activity started every wanted deadline and created every wanted task. */
function started(state: CaseFlowState): CaseFlowState {
  const work = pendingWork(state, T0);
  if (!work) return state;
  applyWorkResult(state, {
    deadlines: work.deadlines.map((d) => ({
      key: d.key,
      outcome: 'started',
      deadlineId: `id:${d.key}`,
      dueAt: '2026-11-26T10:00:00.000Z',
      policyVersion: 1,
      status: 'open',
      escalationLevel: 0,
    })),
    tasks: [
      ...work.tasks.map((t) => ({ key: t.key, outcome: 'created' as const, taskId: `id:${t.key}` })),
      ...work.completeTasks.map((key) => ({ key, outcome: 'done' as const, taskId: `id:${key}` })),
    ],
    ...(work.cancelDeadlines
      ? { cancellations: work.cancelDeadlines.map((c) => ({ key: c.key, outcome: 'cancelled' as const })) }
      : {}),
  });
  return state;
}

/** The rules of workflows that ran before ADR 0009 and the delegated decide task (their patches absent). */
const BEFORE_PATCHES: CaseFlowRules = {
  ivoReportPerDecision: () => false,
  cancelSupersededDeadlines: () => false,
  decideTask: () => false,
  imyNotification: () => false,
  statutorySteps: () => false,
  caseAnswers: () => false,
};

beforeEach(() => {
  version = 0;
});

describe('applyCaseEvent: the path of each type', () => {
  it.each([
    ['complaint', ['acknowledgement'], ['task/acknowledge/unit_manager']],
    ['suggestion', ['acknowledgement'], ['task/acknowledge/unit_manager']],
    ['praise', [], []],
    ['deviation', ['investigation/r0'], ['task/acknowledge/unit_manager']],
    ['hsl_deviation', ['investigation/r0', 'mas_classification'], ['task/classify/mas']],
    [
      'lex_sarah',
      ['lex_sarah_first_response', 'lex_sarah_investigation/r0'],
      ['task/acknowledge/unit_manager', 'task/acknowledge/lex_sarah_investigator'],
    ],
    [
      'lex_maria',
      ['investigation/r0', 'mas_classification', 'patient_information'],
      [
        'task/acknowledge/unit_manager',
        'task/acknowledge/mas',
        'task/classify/mas',
        'task/inform_patient/mas',
      ],
    ],
    [
      'data_breach',
      ['investigation/r0', 'imy_notification'],
      ['task/imy_notification/data_protection_officer'],
    ],
    ['external_finding', ['investigation/r0'], []],
  ] as const)('%s reported → deadlines %j, tasks %j', (type, deadlines, tasks) => {
    expect(wanted(given(reported(type)))).toEqual({ deadlines, tasks });
  });

  it('the acknowledge task shows the deadline acknowledging meets', () => {
    const state = given(reported('lex_sarah'));
    expect(state.tasks['task/acknowledge/lex_sarah_investigator']).toMatchObject({
      deadlineKey: 'lex_sarah_first_response',
      unitId: 'solgarden',
    });
  });

  it('unclassified public feedback gets a classify task for central registration', () => {
    expect(wanted(given(reported('complaint', { unclassified: true }))).tasks).toEqual([
      'task/acknowledge/unit_manager',
      'task/classify/quality_coordinator',
    ]);
  });
});

describe('applyCaseEvent: meeting deadlines', () => {
  it('acknowledging meets acknowledgement and first response, and the domain completed the acknowledge tasks', () => {
    const state = started(given(reported('lex_sarah')));
    applyCaseEvent(state, event('CaseAcknowledged', { at: T0 }));
    expect(state.deadlines['lex_sarah_first_response']!.status).toBe('met');
    expect(state.deadlines['lex_sarah_investigation/r0']!.status).toBe('open');
    expect(Object.values(state.tasks).map((t) => t.status)).toEqual(['done', 'done']);
  });

  it('work done before a deadline could start: the deadline is not started at all', () => {
    const state = given(reported('complaint'), event('CaseAcknowledged', { at: T0 }));
    expect(state.deadlines['acknowledgement']).toMatchObject({
      status: 'inactive',
      inactiveReason: 'satisfied',
    });
    expect(pendingWork(state, T0)).toBeNull();
  });

  it('a DeadlineMet event meets the deadline with that id; a met missed deadline closes its escalation tasks', () => {
    const state = started(given(reported('deviation')));
    const track = state.deadlines['investigation/r0']!;
    track.status = 'missed';
    state.tasks['task/escalation/investigation/r0/division_manager'] = {
      key: 'task/escalation/investigation/r0/division_manager',
      kind: 'escalation',
      assigneeRole: 'division_manager',
      unitId: 'solgarden',
      deadlineKey: 'investigation/r0',
      status: 'created',
      taskId: 'x',
    };
    applyCaseEvent(state, event('DeadlineMet', { deadlineId: 'id:investigation/r0', at: T0 }));
    expect(track.status).toBe('met');
    expect(state.tasks['task/escalation/investigation/r0/division_manager']!.status).toBe('closing');
    expect(pendingWork(state, T0)?.completeTasks).toEqual([
      'task/escalation/investigation/r0/division_manager',
    ]);
  });
});

describe('applyCaseEvent: later deadlines and tasks', () => {
  it('assign gives the assignee an investigate task with the investigation deadline; reassignment closes the old one', () => {
    const state = started(given(reported('deviation'), event('CaseAssigned', { assignee: 'anna', at: T0 })));
    expect(state.tasks['task/investigate/r0/anna']).toMatchObject({
      assignee: 'anna',
      status: 'created',
      deadlineKey: 'investigation/r0',
    });
    applyCaseEvent(state, event('CaseAssigned', { assignee: 'bo', previousAssignee: 'anna', at: T0 }));
    expect(state.tasks['task/investigate/r0/anna']!.status).toBe('closing');
    expect(state.tasks['task/investigate/r0/bo']!.status).toBe('wanted');
  });

  it('a serious decision starts ivo_report and a report_to_ivo task for the decider; a new serious decision after a reopen starts another (ADR 0009)', () => {
    const serious = () =>
      event('CaseDecided', {
        outcome: 'allvarligt_missforhallande',
        requiresIvoReport: true,
        by: 'chef',
        at: T0,
      });
    const state = given(reported('lex_sarah'), serious());
    expect(state.deadlines['ivo_report/1']).toMatchObject({ kind: 'ivo_report', base: T0, status: 'wanted' });
    expect(state.tasks['task/report_to_ivo/1']).toMatchObject({
      assignee: 'chef',
      deadlineKey: 'ivo_report/1',
    });
    started(state);
    applyCaseEvent(state, event('ReportedToIvo', { at: T0 }));
    expect(state.deadlines['ivo_report/1']!.status).toBe('met');
    applyCaseEvent(state, serious());
    expect(state.deadlines['ivo_report/2']).toMatchObject({ kind: 'ivo_report', status: 'wanted' });
    expect(state.tasks['task/report_to_ivo/2']).toMatchObject({
      status: 'wanted',
      deadlineKey: 'ivo_report/2',
    });
  });

  it('before the patch (replayed histories): no second IVO deadline after an IVO report', () => {
    const state = initialCaseFlowState('c1');
    const serious = () =>
      event('CaseDecided', {
        outcome: 'allvarligt_missforhallande',
        requiresIvoReport: true,
        by: 'chef',
        at: T0,
      });
    for (const e of [reported('lex_sarah'), serious(), event('ReportedToIvo', { at: T0 }), serious()])
      applyCaseEvent(state, e, BEFORE_PATCHES);
    expect(state.deadlines['ivo_report/2']).toBeUndefined();
  });

  it('lex Sarah and lex Maria: a delegated decide task once the investigation is recorded, done by the decision; none before the patch', () => {
    const state = started(given(reported('lex_maria')));
    applyCaseEvent(state, event('InvestigationRecorded', { at: T0 }));
    expect(state.tasks['task/decide/r0']).toMatchObject({
      kind: 'decide',
      delegatedDecision: true,
      status: 'wanted',
    });
    expect(pendingWork(state, T0)!.tasks).toContainEqual(
      expect.objectContaining({ key: 'task/decide/r0', kind: 'decide', delegatedDecision: true }),
    );
    started(state);
    applyCaseEvent(
      state,
      event('CaseDecided', { outcome: 'vardskada', requiresIvoReport: false, by: 'mas', at: T0 }),
    );
    expect(state.tasks['task/decide/r0']!.status).toBe('done');

    const deviation = started(given(reported('deviation')));
    applyCaseEvent(deviation, event('InvestigationRecorded', { at: T0 }));
    expect(deviation.tasks['task/decide/r0']).toBeUndefined();

    const old = initialCaseFlowState('c2');
    for (const e of [reported('lex_sarah'), event('InvestigationRecorded', { at: T0 })])
      applyCaseEvent(old, e, BEFORE_PATCHES);
    expect(old.tasks['task/decide/r0']).toBeUndefined();
  });

  it('actions: a deadline at the action due date and a task for the owner; follow_up once every action is done', () => {
    const state = started(given(reported('deviation')));
    applyCaseEvent(
      state,
      event('ActionAdded', {
        actionId: 'a1',
        level: 'individual',
        owner: 'anna',
        dueAt: '2026-12-01T00:00:00.000Z',
        at: T0,
      }),
    );
    applyCaseEvent(
      state,
      event('ActionAdded', {
        actionId: 'a2',
        level: 'organisational',
        owner: 'bo',
        dueAt: '2026-12-02T00:00:00.000Z',
        at: T0,
      }),
    );
    expect(state.deadlines['action/a1']).toMatchObject({
      fixedDueAt: '2026-12-01T00:00:00.000Z',
      actionId: 'a1',
    });
    expect(state.tasks['task/carry_out_action/a2']).toMatchObject({ assignee: 'bo', actionId: 'a2' });
    started(state);
    applyCaseEvent(state, event('ActionCompleted', { actionId: 'a1', at: T0 }));
    expect(state.deadlines['follow_up/1']).toBeUndefined();
    applyCaseEvent(state, event('ActionCompleted', { actionId: 'a2', at: '2026-11-30T00:00:00.000Z' }));
    expect(state.deadlines['follow_up/1']).toMatchObject({
      base: '2026-11-30T00:00:00.000Z',
      status: 'wanted',
    });
    expect(state.tasks['task/follow_up/1']).toMatchObject({ assigneeRole: 'unit_manager' });
    started(state);
    applyCaseEvent(state, event('FollowUpRecorded', { actionIds: ['a1', 'a2'], effective: false, at: T0 }));
    expect(state.deadlines['follow_up/1']!.status).toBe('met');
    // An ineffective follow-up: a new action, then a second follow-up deadline.
    applyCaseEvent(
      state,
      event('ActionAdded', {
        actionId: 'a3',
        level: 'individual',
        owner: 'anna',
        dueAt: '2026-12-10T00:00:00.000Z',
        at: T0,
      }),
    );
    started(state);
    applyCaseEvent(state, event('ActionCompleted', { actionId: 'a3', at: T0 }));
    expect(state.deadlines['follow_up/2']).toBeDefined();
  });
});

describe('applyCaseEvent: reclassification, close, reopen, dedupe', () => {
  it('hsl_deviation → lex_maria by the MAS keeps the running investigation deadline, meets the MAS assessment and adds the lex Maria tasks', () => {
    const state = started(given(reported('hsl_deviation')));
    const before = { ...state.deadlines['investigation/r0']! };
    applyCaseEvent(
      state,
      event('CaseClassified', { fromType: 'hsl_deviation', toType: 'lex_maria', byMas: true, at: T0 }),
    );
    expect(state.deadlines['investigation/r0']).toEqual(before);
    expect(state.deadlines['mas_classification']!.status).toBe('met');
    expect(wanted(state)).toEqual({
      deadlines: ['patient_information'],
      tasks: ['task/acknowledge/unit_manager', 'task/acknowledge/mas', 'task/inform_patient/mas'],
    });
    expect(state.tasks['task/classify/mas']!.status).toBe('done');
  });

  it("keeps the MAS's classify task while the MAS assessment is due when someone else classifies (DL-7)", () => {
    const state = started(given(reported('hsl_deviation')));
    applyCaseEvent(
      state,
      event('CaseClassified', { fromType: 'hsl_deviation', toType: 'hsl_deviation', at: T0 }),
    );
    expect(state.deadlines['mas_classification']!.status).toBe('open');
    expect(state.tasks['task/classify/mas']!.status).toBe('created');
  });

  it('deviation → lex_sarah → deviation: the superseded deadline is cancelled by an event; going back starts a new one from the same base (ADR 0009)', () => {
    const state = started(given(reported('deviation')));
    applyCaseEvent(
      state,
      event('CaseClassified', { fromType: 'deviation', toType: 'lex_sarah', at: '2026-11-26T00:00:00.000Z' }),
    );
    expect(state.deadlines['investigation/r0']).toMatchObject({
      status: 'cancelling',
      cancelToType: 'lex_sarah',
    });
    expect(pendingWork(state, T0)!.cancelDeadlines).toEqual([
      { key: 'investigation/r0', deadlineId: 'id:investigation/r0', toType: 'lex_sarah' },
    ]);
    expect(state.deadlines['lex_sarah_first_response']).toMatchObject({ status: 'wanted', base: T0 });
    expect(state.deadlines['lex_sarah_investigation/r0']).toMatchObject({ status: 'wanted', base: T0 });
    started(state);
    expect(state.deadlines['investigation/r0']).toMatchObject({
      status: 'inactive',
      inactiveReason: 'path_changed',
      cancelled: true,
    });
    applyCaseEvent(state, event('CaseClassified', { fromType: 'lex_sarah', toType: 'deviation', at: T0 }));
    expect(state.deadlines['investigation/r0+2']).toMatchObject({
      status: 'wanted',
      base: T0,
      kind: 'investigation',
    });
    expect(state.deadlines['lex_sarah_investigation/r0']).toMatchObject({ status: 'cancelling' });
    started(state);
    expect(pendingWork(state, T0)).toBeNull();
  });

  it('a deadline not yet started is simply dropped; before the patch nothing is cancelled', () => {
    const fresh = given(reported('deviation'));
    applyCaseEvent(fresh, event('CaseClassified', { fromType: 'deviation', toType: 'complaint', at: T0 }));
    expect(fresh.deadlines['investigation/r0']).toMatchObject({
      status: 'inactive',
      inactiveReason: 'path_changed',
    });

    const old = initialCaseFlowState('c3');
    applyCaseEvent(old, reported('deviation'), BEFORE_PATCHES);
    started(old);
    applyCaseEvent(
      old,
      event('CaseClassified', { fromType: 'deviation', toType: 'lex_sarah', at: T0 }),
      BEFORE_PATCHES,
    );
    expect(old.deadlines['investigation/r0']).toMatchObject({
      status: 'inactive',
      inactiveReason: 'path_changed',
    });
    expect(pendingWork(old, T0)!.cancelDeadlines).toBeUndefined();
    started(old);
    applyCaseEvent(
      old,
      event('CaseClassified', { fromType: 'lex_sarah', toType: 'deviation', at: T0 }),
      BEFORE_PATCHES,
    );
    expect(old.deadlines['investigation/r0']!.status).toBe('wanted');
  });

  it('close stops everything; reopen starts a new investigation round from the reopen', () => {
    const state = started(given(reported('lex_sarah'), event('CaseAssigned', { assignee: 'sas', at: T0 })));
    applyCaseEvent(state, event('InvestigationRecorded', { at: T0 }));
    applyCaseEvent(state, event('CaseClosed', { at: T0 }));
    expect(state.closed).toBe(true);
    expect(state.deadlines['lex_sarah_first_response']).toMatchObject({
      status: 'inactive',
      inactiveReason: 'case_closed',
    });
    expect(pendingWork(state, T0)).toBeNull();
    applyCaseEvent(state, event('CaseReopened', { at: '2027-01-10T00:00:00.000Z' }));
    expect(state.round).toBe(1);
    expect(wanted(state)).toEqual({
      deadlines: ['lex_sarah_investigation/r1'],
      tasks: ['task/investigate/r1/sas'],
    });
    expect(state.deadlines['lex_sarah_investigation/r1']!.base).toBe('2027-01-10T00:00:00.000Z');
  });

  it('an event seen before (same id or an older version) changes nothing', () => {
    const first = reported('complaint');
    const state = given(first);
    const ack = event('CaseAcknowledged', { at: T0 });
    expect(applyCaseEvent(state, ack)).toBe(true);
    const snapshot = JSON.stringify(state);
    expect(applyCaseEvent(state, ack)).toBe(false);
    expect(applyCaseEvent(state, first)).toBe(false);
    expect(JSON.stringify(state)).toBe(snapshot);
  });

  it('the dedupe window is bounded', () => {
    const state = given(reported('praise'));
    for (let i = 0; i < 200; i++) applyCaseEvent(state, event('DeadlineMet', { deadlineId: 'x', at: T0 }));
    expect(state.recentEventIds.length).toBeLessThanOrEqual(64);
    expect(state.lastVersion).toBe(201);
  });

  it('events before the report (a run started mid-life) are only counted, the rebuild comes from the history', () => {
    const state = initialCaseFlowState('c1');
    applyCaseEvent(state, {
      id: 'x',
      type: 'CaseAcknowledged',
      version: 5,
      occurredAt: T0,
      data: { at: T0 },
    });
    expect(state.known).toBe(false);
    expect(pendingWork(state, T0)).toBeNull();
  });
});
