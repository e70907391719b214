import { ApplicationFailure } from '@temporalio/common';
import {
  DEFAULT_DEADLINE_POLICY,
  DEFAULT_DELEGATION_ITEMS,
  caseNumberPrefix,
  decideCase,
  formatCaseNumber,
  rebuildCase,
} from '@kvalitet/domain';
import type {
  BoardMeeting,
  CaseActor,
  CaseCommand,
  CaseEvent,
  CaseType,
  DelegationItem,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { CaseRefusedError, VersionConflictError } from '@kvalitet/persistence';
import type { CaseCommandContext, CaseCommandInput, CaseCommandService } from '@kvalitet/persistence';
import { createCaseActivities } from './case-activities';
import { staticPolicySource } from './policy-source';
import { negatedDuration } from '@kvalitet/domain';
import type { DeadlineReminder } from './reminder-notifier';
import { stepUuid } from '@kvalitet/persistence';

const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
const NOW = new Date('2026-11-25T10:00:00.000Z');

/** The case application service's contract over an in-memory stream: load, decide, append with expectedVersion. */
class InMemoryCases {
  streams = new Map<string, CaseEvent[]>();
  /** Test hooks: serve an older state on the next load, or fail the next write with a conflict. */
  staleLoadOnce: number | null = null;
  conflictOnce = false;
  clock = () => NOW;
  /** The delegation register (ADR 0023): the demo one unless a test sets its own. */
  delegationItems: readonly DelegationItem[] = DEFAULT_DELEGATION_ITEMS;
  delegations = async (): Promise<readonly DelegationItem[]> => this.delegationItems;
  /** The nämnd's calendar (DL-6): none, so a board_information deadline takes its fallback date. */
  boardMeetings = async (): Promise<readonly BoardMeeting[]> => [];

  report(caseId: string, type: CaseType): void {
    const caseNumber = formatCaseNumber(caseNumberPrefix(type), 2026, this.streams.size + 1);
    const decision = decideCase(
      {
        type: 'report',
        actor: MANAGER,
        data: {
          caseId,
          caseNumber,
          type,
          unitId: 'solgarden',
          occurredAt: '2026-11-20',
          description: 'x',
          channel: 'staff_form',
        },
      },
      null,
      this.clock(),
    );
    if (!decision.ok) throw new Error(decision.refusal.message);
    this.streams.set(caseId, [...decision.events]);
  }

  async load(caseId: string) {
    let events = this.streams.get(caseId) ?? [];
    if (this.staleLoadOnce !== null) {
      events = events.slice(0, this.staleLoadOnce);
      this.staleLoadOnce = null;
    }
    return { state: rebuildCase(events), events: events.map((e, i) => envelope(caseId, e, i + 1)) };
  }

  async execute(caseId: string, command: CaseCommandInput, context: CaseCommandContext = {}) {
    const events = this.streams.get(caseId) ?? [];
    const state = rebuildCase(events);
    if (
      this.conflictOnce ||
      (context.expectedVersion !== undefined && (state?.version ?? 0) !== context.expectedVersion)
    ) {
      this.conflictOnce = false;
      throw new VersionConflictError(caseId, context.expectedVersion ?? 0);
    }
    const decision = decideCase(command as CaseCommand, state, this.clock());
    if (!decision.ok) throw new CaseRefusedError(decision.refusal);
    const next = [...events, ...decision.events];
    this.streams.set(caseId, next);
    return {
      state: rebuildCase(next)!,
      events: decision.events.map((e, i) => envelope(caseId, e, events.length + i + 1)),
    };
  }

  types(caseId: string): string[] {
    return (this.streams.get(caseId) ?? []).map((e) => e.type);
  }
}

function envelope(caseId: string, event: CaseEvent, version: number): EventEnvelope {
  return {
    id: `${caseId}-${version}`,
    position: String(version),
    aggregateType: 'case',
    aggregateId: caseId,
    version,
    type: event.type,
    schemaVersion: 1,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { actor: 'x', correlationId: 'x' },
    occurredAt: NOW.toISOString(),
    recordedAt: NOW.toISOString(),
  };
}

function setup() {
  const cases = new InMemoryCases();
  const reminders: DeadlineReminder[] = [];
  const policy = staticPolicySource({ ...DEFAULT_DEADLINE_POLICY, version: 5 });
  const activities = createCaseActivities({
    cases: cases as unknown as CaseCommandService,
    policy,
    clock: () => NOW,
    notifier: { remind: async (r) => void reminders.push(r) },
  });
  return { cases, activities, reminders, policy };
}

const caseId = '6c0f9c2e-1111-4222-8333-444455556666';
const at = NOW.toISOString();

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('step ids', () => {
  it('are UUIDs (version 5 layout) fixed by workflow id and step key', () => {
    const id = stepUuid('case-1', 'task/acknowledge/unit_manager');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stepUuid('case-1', 'task/acknowledge/unit_manager')).toBe(id);
    expect(stepUuid('case-2', 'task/acknowledge/unit_manager')).not.toBe(id);
    expect(stepUuid('case-1', 'task/acknowledge/mas')).not.toBe(id);
  });
});

describe('negatedDuration', () => {
  it('turns a policy duration backwards', () => {
    expect(negatedDuration('P2D')).toBe('-P2D');
    expect(negatedDuration('-PT1H')).toBe('PT1H');
    expect(negatedDuration({ workingDays: 3 })).toEqual({ workingDays: -3 });
  });
});

describe('applyCaseWork', () => {
  it('starts a deadline with the policy read now (dueAt from the base, policyVersion recorded) and links tasks to it; the same step again writes nothing', async () => {
    const { cases, activities } = setup();
    cases.report(caseId, 'complaint');
    const input = {
      caseId,
      at,
      deadlines: [
        { key: 'acknowledgement', kind: 'acknowledgement' as const, base: '2026-11-25T08:00:00.000Z' },
      ],
      tasks: [
        {
          key: 'task/acknowledge/unit_manager',
          kind: 'acknowledge' as const,
          assigneeRole: 'unit_manager',
          unitId: 'solgarden',
          deadlineKey: 'acknowledgement',
        },
      ],
      completeTasks: [],
    };
    const first = await activities.applyCaseWork(input);
    const deadlineId = stepUuid(`case-${caseId}`, 'deadline/acknowledgement');
    expect(first.deadlines).toEqual([
      {
        key: 'acknowledgement',
        outcome: 'started',
        deadlineId,
        dueAt: '2026-11-26T08:00:00.000Z',
        policyVersion: 5,
        status: 'open',
        escalationLevel: 0,
      },
    ]);
    expect(first.tasks).toEqual([
      {
        key: 'task/acknowledge/unit_manager',
        outcome: 'created',
        taskId: stepUuid(`case-${caseId}`, 'task/acknowledge/unit_manager'),
      },
    ]);
    const { state } = await cases.load(caseId);
    expect(Object.values(state!.tasks)[0]).toMatchObject({ deadlineId, dueAt: '2026-11-26T08:00:00.000Z' });

    const again = await activities.applyCaseWork(input);
    expect(again).toEqual(first);
    expect(cases.types(caseId)).toEqual(['CaseReported', 'DeadlineStarted', 'TaskCreated']);
  });

  it('does not start a deadline or create a task whose work is already done, nor anything on a closed case', async () => {
    const { cases, activities } = setup();
    cases.report(caseId, 'complaint');
    await cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    const result = await activities.applyCaseWork({
      caseId,
      at,
      deadlines: [{ key: 'acknowledgement', kind: 'acknowledgement', base: at }],
      tasks: [
        {
          key: 'task/acknowledge/unit_manager',
          kind: 'acknowledge',
          assigneeRole: 'unit_manager',
          unitId: 'solgarden',
        },
      ],
      completeTasks: ['task/never-created'],
    });
    expect(result).toEqual({
      deadlines: [{ key: 'acknowledgement', outcome: 'satisfied' }],
      tasks: [
        { key: 'task/acknowledge/unit_manager', outcome: 'satisfied' },
        { key: 'task/never-created', outcome: 'not_found' },
      ],
    });
    expect(cases.types(caseId)).toEqual(['CaseReported', 'CaseAcknowledged']);
  });

  it('an action deadline takes the action due date and a reminder action_reminder_before earlier', async () => {
    const { cases, activities } = setup();
    cases.report(caseId, 'deviation');
    await cases.execute(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await cases.execute(caseId, {
      type: 'add-action',
      actor: MANAGER,
      data: {
        actionId: 'a1',
        title: 't',
        level: 'individual',
        owner: 'enhetschef',
        dueAt: '2026-12-10T09:00:00.000Z',
      },
    });
    const result = await activities.applyCaseWork({
      caseId,
      at,
      deadlines: [
        {
          key: 'action/a1',
          kind: 'action',
          base: at,
          actionId: 'a1',
          fixedDueAt: '2026-12-10T09:00:00.000Z',
        },
      ],
      tasks: [],
      completeTasks: [],
    });
    expect(result.deadlines[0]).toMatchObject({
      dueAt: '2026-12-10T09:00:00.000Z',
      reminderAt: '2026-12-08T09:00:00.000Z',
    });
  });

  it('decides again on fresh state after a concurrent write (optimistic concurrency)', async () => {
    const { cases, activities } = setup();
    cases.report(caseId, 'complaint');
    cases.conflictOnce = true;
    const result = await activities.applyCaseWork({
      caseId,
      at,
      deadlines: [{ key: 'acknowledgement', kind: 'acknowledgement', base: at }],
      tasks: [],
      completeTasks: [],
    });
    expect(result.deadlines[0]).toMatchObject({ outcome: 'started' });
    expect(cases.types(caseId)).toEqual(['CaseReported', 'DeadlineStarted']);
  });

  it('fails with the named non-retryable CaseNotFound for an unknown case', async () => {
    const { activities } = setup();
    const failure = await failureOf(
      activities.applyCaseWork({ caseId: 'nope', at, deadlines: [], tasks: [], completeTasks: [] }),
    );
    expect(failure).toMatchObject({ type: 'CaseNotFound', nonRetryable: true });
  });
});

describe('recordDeadlineMissed', () => {
  async function withOpenDeadline(type: CaseType = 'complaint') {
    const s = setup();
    s.cases.report(caseId, type);
    const kind = type === 'lex_sarah' ? 'lex_sarah_first_response' : 'acknowledgement';
    const { deadlines } = await s.activities.applyCaseWork({
      caseId,
      at,
      deadlines: [{ key: kind, kind, base: at }],
      tasks: [],
      completeTasks: [],
    });
    const deadlineId = (deadlines[0] as { deadlineId: string }).deadlineId;
    const input = {
      caseId,
      caseType: type,
      unitId: 'solgarden',
      deadlineKey: kind,
      deadlineId,
      kind,
      escalationLevel: 1,
      at,
    } as const;
    return { ...s, deadlineId, input };
  }

  it('records the miss one level up the chain with an escalation task per role and the next escalation time; repeating the step writes nothing', async () => {
    const { cases, activities, input, deadlineId } = await withOpenDeadline('lex_sarah');
    const result = await activities.recordDeadlineMissed(input);
    expect(result.escalatedTo).toEqual(['division_manager', 'lex_sarah_investigator']);
    expect(result.nextEscalationAt).toBe('2026-11-26T10:00:00.000Z');
    expect(result.tasks.map((t) => t.role)).toEqual(['division_manager', 'lex_sarah_investigator']);
    await activities.recordDeadlineMissed(input);
    expect(cases.types(caseId)).toEqual([
      'CaseReported',
      'DeadlineStarted',
      'DeadlineMissed',
      'TaskCreated',
      'TaskCreated',
    ]);
    const { state } = await cases.load(caseId);
    expect(state!.deadlines[deadlineId]).toMatchObject({ status: 'missed', escalationLevel: 1 });
    expect(
      Object.values(state!.tasks).every((t) => t.kind === 'escalation' && t.deadlineId === deadlineId),
    ).toBe(true);
  });

  it('a run rebuilt later finds the missed deadline as it is: level, next escalation and its open escalation tasks', async () => {
    const { activities, input, deadlineId } = await withOpenDeadline();
    const missed = await activities.recordDeadlineMissed(input);
    const rebuilt = await activities.applyCaseWork({
      caseId,
      at,
      deadlines: [{ key: 'acknowledgement', kind: 'acknowledgement', base: at }],
      tasks: [],
      completeTasks: [],
    });
    expect(rebuilt.deadlines[0]).toEqual({
      key: 'acknowledgement',
      outcome: 'started',
      deadlineId,
      dueAt: '2026-11-26T10:00:00.000Z',
      policyVersion: 5,
      status: 'missed',
      escalationLevel: 1,
      nextEscalationAt: '2026-11-26T10:00:00.000Z',
      escalationTasks: missed.tasks,
    });
  });

  it('a deadline a person met first: non-retryable DeadlineAlreadyMet, nothing written', async () => {
    const { cases, activities, input } = await withOpenDeadline();
    await cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    const failure = await failureOf(activities.recordDeadlineMissed(input));
    expect(failure).toMatchObject({ type: 'DeadlineAlreadyMet', nonRetryable: true });
    expect(cases.types(caseId)).not.toContain('DeadlineMissed');
  });

  it('the event store arbitrates the race: a refusal DEADLINE_NOT_OPEN from the decider also means DeadlineAlreadyMet', async () => {
    const { cases, activities, input } = await withOpenDeadline();
    await cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    // The activity reads the case as it was before the acknowledgement, then writes on the fresh stream.
    cases.staleLoadOnce = 2;
    const real = cases.execute.bind(cases);
    cases.execute = (id, command) => real(id, command); // no expectedVersion: the decider decides on the fresh state
    const failure = await failureOf(activities.recordDeadlineMissed(input));
    expect(failure).toMatchObject({ type: 'DeadlineAlreadyMet', nonRetryable: true });
  });

  it('a missed deadline whose work was done late is not escalated again', async () => {
    const { cases, activities, input } = await withOpenDeadline();
    await activities.recordDeadlineMissed(input);
    await cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    const failure = await failureOf(activities.recordDeadlineMissed({ ...input, escalationLevel: 2 }));
    expect(failure.type).toBe('DeadlineAlreadyMet');
  });

  it('a closed case: non-retryable CaseClosed', async () => {
    const { cases, activities, input } = await withOpenDeadline();
    await cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    await cases.execute(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await cases.execute(caseId, {
      type: 'record-investigation',
      actor: MANAGER,
      data: { summary: 's', causes: [], deviationOccurred: false },
    });
    await cases.execute(caseId, { type: 'close', actor: MANAGER, data: { summary: 's' } });
    const failure = await failureOf(activities.recordDeadlineMissed(input));
    expect(failure).toMatchObject({ type: 'CaseClosed', nonRetryable: true });
  });
});

describe('sendDeadlineReminder', () => {
  it('reminds once the deadline is open, with an id fixed by the step; not when the work is done', async () => {
    const { cases, activities, reminders } = setup();
    cases.report(caseId, 'complaint');
    const { deadlines } = await activities.applyCaseWork({
      caseId,
      at,
      deadlines: [{ key: 'acknowledgement', kind: 'acknowledgement', base: at }],
      tasks: [],
      completeTasks: [],
    });
    const deadlineId = (deadlines[0] as { deadlineId: string }).deadlineId;
    const input = {
      caseId,
      deadlineKey: 'acknowledgement',
      deadlineId,
      kind: 'acknowledgement' as const,
      dueAt: at,
      recipients: [{ role: 'unit_manager', unitId: 'solgarden' }],
      when: 'missed' as const,
    };
    expect(await activities.sendDeadlineReminder(input)).toEqual({ sent: true });
    expect(reminders[0]).toMatchObject({
      reminderId: stepUuid(`case-${caseId}`, 'reminder/acknowledgement/missed'),
      caseNumber: 'KL-2026-0001',
      when: 'missed',
    });
    await cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    expect(await activities.sendDeadlineReminder(input)).toEqual({ sent: false });
    expect(reminders).toHaveLength(1);
  });

  it('records DeadlineReminderSent before delivering; a retry (e.g. after a crash in delivery) records nothing new and delivers again with the same id', async () => {
    const { cases, activities, reminders } = setup();
    cases.report(caseId, 'complaint');
    const { deadlines } = await activities.applyCaseWork({
      caseId,
      at,
      deadlines: [{ key: 'acknowledgement', kind: 'acknowledgement', base: at }],
      tasks: [],
      completeTasks: [],
    });
    const input = {
      caseId,
      deadlineKey: 'acknowledgement',
      deadlineId: (deadlines[0] as { deadlineId: string }).deadlineId,
      kind: 'acknowledgement' as const,
      dueAt: at,
      recipients: [{ username: 'enhetschef' }],
      when: 'missed' as const,
    };
    await activities.sendDeadlineReminder(input);
    await activities.sendDeadlineReminder(input);
    expect(cases.types(caseId).filter((t) => t === 'DeadlineReminderSent')).toHaveLength(1);
    expect(reminders.map((r) => r.reminderId)).toEqual([reminders[0]!.reminderId, reminders[0]!.reminderId]);
    const { state } = await cases.load(caseId);
    expect(state!.deadlines[input.deadlineId]!.reminders).toEqual(['missed']);
  });
});

describe('applyCaseWork: cancellations and delegated decisions', () => {
  it('cancels a superseded deadline with DeadlineCancelled once; a met one is reported not_open', async () => {
    const { cases, activities } = setup();
    cases.report(caseId, 'complaint');
    const { deadlines } = await activities.applyCaseWork({
      caseId,
      at,
      deadlines: [{ key: 'acknowledgement', kind: 'acknowledgement', base: at }],
      tasks: [],
      completeTasks: [],
    });
    const deadlineId = (deadlines[0] as { deadlineId: string }).deadlineId;
    const cancel = {
      caseId,
      at,
      deadlines: [],
      tasks: [],
      completeTasks: [],
      cancelDeadlines: [{ key: 'acknowledgement', deadlineId, toType: 'deviation' as const }],
    };
    expect((await activities.applyCaseWork(cancel)).cancellations).toEqual([
      { key: 'acknowledgement', outcome: 'cancelled' },
    ]);
    expect((await activities.applyCaseWork(cancel)).cancellations).toEqual([
      { key: 'acknowledgement', outcome: 'cancelled' },
    ]);
    expect(cases.types(caseId).filter((t) => t === 'DeadlineCancelled')).toHaveLength(1);
    // Without cancellations in the input (a workflow from before ADR 0009) the answer has none either.
    expect(
      await activities.applyCaseWork({ caseId, at, deadlines: [], tasks: [], completeTasks: [] }),
    ).toEqual({
      deadlines: [],
      tasks: [],
    });

    const other = '6c0f9c2e-1111-4222-8333-444455556667';
    cases.report(other, 'complaint');
    const started = await activities.applyCaseWork({
      caseId: other,
      at,
      deadlines: [{ key: 'acknowledgement', kind: 'acknowledgement', base: at }],
      tasks: [],
      completeTasks: [],
    });
    await cases.execute(other, { type: 'acknowledge', actor: MANAGER, data: {} });
    const result = await activities.applyCaseWork({
      caseId: other,
      at,
      deadlines: [],
      tasks: [],
      completeTasks: [],
      cancelDeadlines: [
        { key: 'acknowledgement', deadlineId: (started.deadlines[0] as { deadlineId: string }).deadlineId },
      ],
    });
    expect(result.cancellations).toEqual([{ key: 'acknowledgement', outcome: 'not_open' }]);
  });

  it('a delegated decide task goes to the role the delegation register names for the case type (demo: lex Maria → mas; ADR 0023)', async () => {
    const { cases, activities } = setup();
    cases.report(caseId, 'lex_maria');
    await cases.execute(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await cases.execute(caseId, {
      type: 'record-investigation',
      actor: MANAGER,
      data: { summary: 's', causes: [] },
    });
    const request = {
      caseId,
      at,
      deadlines: [],
      tasks: [
        { key: 'task/decide/r0', kind: 'decide' as const, unitId: 'solgarden', delegatedDecision: true },
      ],
      completeTasks: [],
    };
    await activities.applyCaseWork(request);
    let { state } = await cases.load(caseId);
    expect(Object.values(state!.tasks).find((t) => t.kind === 'decide')).toMatchObject({
      assigneeRole: 'mas',
    });

    const other = '6c0f9c2e-1111-4222-8333-444455556668';
    cases.delegationItems = [
      {
        decision: 'lex_maria_decision',
        role: 'director',
        validFrom: '2026-01-01',
        validTo: null,
        boardDecision: 'punkt 7',
      },
    ];
    cases.report(other, 'lex_maria');
    await cases.execute(other, { type: 'start-investigation', actor: MANAGER, data: {} });
    await cases.execute(other, {
      type: 'record-investigation',
      actor: MANAGER,
      data: { summary: 's', causes: [] },
    });
    await activities.applyCaseWork({ ...request, caseId: other });
    ({ state } = await cases.load(other));
    expect(Object.values(state!.tasks).find((t) => t.kind === 'decide')).toMatchObject({
      assigneeRole: 'director',
    });
  });
});

describe('loadCaseEvents', () => {
  it('returns the case history as workflow events (only the types the workflow acts on, no free text)', async () => {
    const { cases, activities } = setup();
    cases.report(caseId, 'complaint');
    await cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: { note: 'Hej' } });
    await cases.execute(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    const events = await activities.loadCaseEvents({ caseId });
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['CaseReported', 1],
      ['CaseAcknowledged', 2],
    ]);
    expect(JSON.stringify(events)).not.toContain('Hej');
  });
});
