import fc from 'fast-check';
import type { CaseActor, CaseCommand } from './case-commands';
import { CASE_DEADLINE_KINDS } from './case-deadline-kind';
import type { CaseEvent } from './case-events';
import { CASE_EVENT_TYPES } from './case-events';
import { formatCaseNumber } from './case-number';
import { CASE_OUTCOMES } from './case-outcome';
import type { CaseOutcome } from './case-outcome';
import { CASE_STAGES } from './case-stage';
import { isIvoReportPending } from './case-progress';
import type { CaseState } from './case-state';
import { CASE_TASK_KINDS } from './case-task-kind';
import { CASE_NUMBER_PREFIXES, CASE_TYPES } from './case-type';
import type { CaseType } from './case-type';
import { decideCase } from './decide-case';
import { evolveCase, rebuildCase } from './evolve-case';
import { MANAGER, SAS, STAFF, SYSTEM, T0 } from './test-support';

/*
 * Property-based tests: random sequences of commands, valid and invalid mixed, are decided and
 * evolved one by one; the invariants of the aggregate must hold after every step, and replaying all
 * events must give the state that was built step by step.
 */

const ids = <T extends string>(...values: T[]) => fc.constantFrom(...values);
const actionId = ids('a1', 'a2', 'a3');
const deadlineId = ids('d1', 'd2', 'd3', 'd4');
const taskId = ids('t1', 't2', 't3');
const text = fc.oneof(
  { weight: 9, arbitrary: ids('Text', 'Åtgärd klar') },
  { weight: 1, arbitrary: ids('', '  ') },
);
const dueAt = fc.oneof(
  { weight: 5, arbitrary: ids('2027-06-01T00:00:00Z', '2027-01-15T12:00:00+01:00') },
  { weight: 1, arbitrary: ids('2026-11-01T00:00:00Z', 'sen') },
);
const caseType = fc.constantFrom(...CASE_TYPES);
// The v1 kinds most often: the later ones are met only on a few types, and the generator must still
// reach deadlines met late.
const deadlineKind = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...CASE_DEADLINE_KINDS.slice(0, CASE_DEADLINE_KINDS.indexOf('imy_notification')),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...CASE_DEADLINE_KINDS) },
);
const outcome = fc.oneof(
  {
    weight: 2,
    arbitrary: ids<CaseOutcome>(
      'allvarligt_missforhallande',
      'pataglig_risk_for_allvarligt_missforhallande',
      'allvarlig_vardskada',
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom(...CASE_OUTCOMES) },
  { weight: 1, arbitrary: fc.constant('bogus' as CaseOutcome) },
);
const person = fc.constantFrom<CaseActor>(SAS, MANAGER, STAFF);
const rarely = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);
/** Lex Sarah and lex Maria are favoured so that decisions and IVO reports are reached often. */
const reportedType = fc.oneof(
  { weight: 1, arbitrary: ids<CaseType>('lex_sarah', 'lex_maria') },
  { weight: 2, arbitrary: caseType },
);

function as<T extends CaseCommand['type']>(
  type: T,
  actor: CaseActor,
  data: Extract<CaseCommand, { type: T }>['data'],
): CaseCommand {
  return { type, actor, data } as CaseCommand;
}

const reportCommand = fc
  .record({
    type: reportedType,
    numberType: fc.oneof(
      { weight: 19, arbitrary: fc.constant<CaseType | null>(null) },
      { weight: 1, arbitrary: caseType },
    ),
    unclassified: fc.boolean(),
    description: text,
  })
  .map(({ type, numberType, unclassified, description }) =>
    as('report', STAFF, {
      caseId: 'case-p',
      caseNumber: formatCaseNumber(CASE_NUMBER_PREFIXES[numberType ?? type], 2026, 7),
      type,
      unitId: 'solgarden',
      occurredAt: '2026-11-20',
      reportedAt: '2026-11-20T10:00:00+01:00',
      description,
      channel: 'staff_form',
      unclassified: unclassified && (type === 'complaint' || type === 'suggestion' || type === 'praise'),
    }),
  );

const caseCommand: fc.Arbitrary<CaseCommand> = fc.oneof(
  { weight: 1, arbitrary: reportCommand },
  {
    weight: 3,
    arbitrary: fc
      .record({ actor: person, note: fc.option(text, { nil: undefined }) })
      .map(({ actor, note }) => as('acknowledge', actor, note === undefined ? {} : { note })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ actor: person, assignee: ids('sas', 'enhetschef', '') })
      .map(({ actor, assignee }) => as('assign', actor, { assignee })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ type: fc.option(caseType, { nil: undefined }), category: text, rationale: text })
      .map(({ type, category, rationale }) =>
        as('classify', SAS, { ...(type === undefined ? {} : { type }), category, rationale }),
      ),
  },
  { weight: 4, arbitrary: person.map((actor) => as('start-investigation', actor, {})) },
  {
    weight: 5,
    arbitrary: fc
      .record({ summary: text, deviationOccurred: fc.option(fc.boolean(), { nil: undefined }) })
      .map(({ summary, deviationOccurred }) =>
        as('record-investigation', SAS, {
          summary,
          causes: ['Orsak'],
          ...(deviationOccurred === undefined ? {} : { deviationOccurred }),
        }),
      ),
  },
  { weight: 5, arbitrary: fc.record({ outcome, rationale: text }).map((data) => as('decide', SAS, data)) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        ivoReference: text,
        reportedAt: fc.oneof(
          { weight: 9, arbitrary: ids('2026-11-20', '2026-11-20T16:00:00+01:00') },
          { weight: 1, arbitrary: ids('2030-01-01T00:00:00Z') },
        ),
      })
      .map((data) => as('report-to-ivo', SAS, data)),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ notifiable: fc.boolean(), rationale: text })
      .map((data) => as('assess-breach', SAS, data)),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ reportedAt: ids('2026-11-20', '2026-11-20T16:00:00+01:00', '2030-01-01T00:00:00Z') })
      .map((data) => as('report-to-imy', SAS, data)),
  },
  {
    weight: 5,
    arbitrary: fc
      .record({ actionId, title: text, level: ids('individual', 'organisational'), dueAt })
      .map((data) => as('add-action', MANAGER, { ...data, owner: 'enhetschef' })),
  },
  {
    weight: 5,
    arbitrary: fc
      .record({ actionId: fc.oneof(actionId, ids('a9')), result: text })
      .map((data) => as('complete-action', MANAGER, data)),
  },
  {
    weight: 5,
    arbitrary: fc
      .record({ effective: fc.boolean(), note: text })
      .map((data) => as('follow-up', MANAGER, data)),
  },
  { weight: 5, arbitrary: text.map((summary) => as('close', SAS, { summary })) },
  // The statutory steps of api.md v1.1 (LC-8, DL-6, DL-9): a lex Maria case cannot close without them.
  {
    weight: 3,
    arbitrary: fc.oneof(
      fc.constant(as('inform-patient', SAS, { informedAt: '2026-11-20', who: 'relative', how: 'phone' })),
      text.map((notPossibleReason) => as('inform-patient', SAS, { notPossibleReason })),
    ),
  },
  { weight: 2, arbitrary: fc.constant(as('confirm-journal-note', SAS, { notedAt: '2026-11-20' })) },
  { weight: 3, arbitrary: fc.constant(as('inform-board', SAS, { meetingDate: '2026-11-18' })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ summary: text, reopen: fc.boolean() })
      .map((data) => as('record-ivo-decision', SAS, { decidedAt: '2026-11-20', ...data })),
  },
  { weight: 2, arbitrary: text.map((reason) => as('reopen', SAS, { reason })) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        deadlineId,
        kind: deadlineKind,
        dueAt,
        policyVersion: fc.constantFrom(1, 2),
        actionId,
        stray: rarely,
      })
      .map(({ actionId: forAction, stray, ...data }) => {
        // Usually only `action` deadlines carry an action id; now and then the other way round.
        const withAction = (data.kind === 'action') !== stray;
        return as('start-deadline', SYSTEM, { ...data, ...(withAction ? { actionId: forAction } : {}) });
      }),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ deadlineId, escalationLevel: fc.integer({ min: 0, max: 3 }) })
      .map((data) => as('record-deadline-missed', SYSTEM, { ...data, escalatedTo: ['unit_manager'] })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        taskId,
        kind: fc.constantFrom(...CASE_TASK_KINDS),
        deadlineId: fc.option(deadlineId, { nil: undefined }),
      })
      .map(({ deadlineId: forDeadline, ...data }) =>
        as('create-task', SYSTEM, {
          ...data,
          assigneeRole: 'unit_manager',
          ...(forDeadline === undefined ? {} : { deadlineId: forDeadline }),
        }),
      ),
  },
  { weight: 2, arbitrary: taskId.map((id) => as('complete-task', SYSTEM, { taskId: id })) },
  {
    weight: 2,
    arbitrary: deadlineId.map((id) =>
      as('cancel-deadline', SYSTEM, { deadlineId: id, reason: 'path_changed' }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ deadlineId, when: fc.constantFrom('before' as const, 'missed' as const) })
      .map((data) => as('record-reminder', SYSTEM, { ...data, recipients: [{ username: 'enhetschef' }] })),
  },
);

/** Minutes to advance the clock before each command. */
const step = fc.tuple(caseCommand, fc.integer({ min: 0, max: 2 * 24 * 60 }));
const scenario = fc.tuple(reportCommand, fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }));

interface Stats {
  runs: number;
  closed: number;
  ivoReported: number;
  reopened: number;
  missed: number;
  metLate: number;
  cancelled: number;
  reminded: number;
}

/** Plain checks (cheaper than `expect` in a loop of many thousand steps); a failure throws with a reason. */
function invariant(condition: boolean, what: string): void {
  if (!condition) throw new Error(`Invariant broken: ${what}`);
}

function checkInvariants(
  state: CaseState,
  all: readonly CaseEvent[],
  first: { caseNumber: string; reportedAt: string } | null,
  met: ReadonlySet<string>,
  cancelled: ReadonlySet<string>,
) {
  if (state === null) {
    invariant(all.length === 0, 'no state without events');
    return;
  }
  invariant(state.version === all.length, 'version == number of events');
  invariant(CASE_STAGES.includes(state.stage), 'stage is one of the five');
  if (first) {
    invariant(state.caseNumber === first.caseNumber, 'caseNumber never changes');
    invariant(state.reportedAt === first.reportedAt, 'reportedAt never changes');
  }
  if (state.stage === 'closed') {
    invariant(
      Object.values(state.actions).every((action) => action.status === 'followed_up'),
      'a closed case has every action followed up',
    );
    invariant(!isIvoReportPending(state), 'a closed case has an IVO report for a serious decision');
    invariant(
      (state.type !== 'lex_sarah' && state.type !== 'lex_maria') || state.decision !== null,
      'a closed lex case has a decision',
    );
    invariant(state.closedAt !== null, 'a closed case has closedAt');
  } else {
    invariant(state.closedAt === null, 'an open case has no closedAt');
  }
  for (const id of met) invariant(state.deadlines[id]?.status === 'met', `deadline ${id} once met stays met`);
  for (const id of cancelled)
    invariant(state.deadlines[id]?.status === 'cancelled', `deadline ${id} once cancelled stays cancelled`);
  for (const deadline of Object.values(state.deadlines)) {
    invariant(
      deadline.metLate !== true || (deadline.status === 'met' && deadline.missedAt !== undefined),
      'met late means met after a recorded miss',
    );
  }
}

function runScenario([report, steps]: [CaseCommand, Array<[CaseCommand, number]>], stats: Stats): void {
  let now = T0;
  let state: CaseState = null;
  const all: CaseEvent[] = [];
  const met = new Set<string>();
  const cancelled = new Set<string>();
  let first: { caseNumber: string; reportedAt: string } | null = null;

  for (const [command, minutes] of [[report, 0] as [CaseCommand, number], ...steps]) {
    now = new Date(now.getTime() + minutes * 60_000);
    const result = decideCase(command, state, now);
    if (!result.ok) {
      invariant(result.refusal.message !== '', 'a refusal has a message');
      checkInvariants(state, all, first, met, cancelled);
      continue;
    }
    for (const event of result.events) {
      invariant(CASE_EVENT_TYPES.includes(event.type), 'known event type');
      if (event.type === 'DeadlineMet') {
        const before = state?.deadlines[event.data.deadlineId]?.status;
        invariant(before === 'open' || before === 'missed', 'only an open or missed deadline is met');
        invariant((event.data.late === true) === (before === 'missed'), 'late exactly when it was missed');
        if (event.data.late === true) stats.metLate += 1;
      }
      if (event.type === 'DeadlineCancelled') stats.cancelled += 1;
      if (event.type === 'DeadlineReminderSent') stats.reminded += 1;
      invariant(
        event.type !== 'DeadlineMissed' || !met.has(event.data.deadlineId),
        'a met deadline is never missed',
      );
      state = evolveCase(state, event);
      all.push(event);
      if (event.type === 'DeadlineMet') met.add(event.data.deadlineId);
      if (event.type === 'DeadlineCancelled') cancelled.add(event.data.deadlineId);
      if (event.type === 'CaseClosed') stats.closed += 1;
      if (event.type === 'ReportedToIvo') stats.ivoReported += 1;
      if (event.type === 'CaseReopened') stats.reopened += 1;
      if (event.type === 'DeadlineMissed') stats.missed += 1;
    }
    if (first === null && state !== null)
      first = { caseNumber: state.caseNumber, reportedAt: state.reportedAt };
    checkInvariants(state, all, first, met, cancelled);

    // System commands are idempotent: repeating an accepted one changes nothing.
    if (
      command.type === 'start-deadline' ||
      command.type === 'create-task' ||
      command.type === 'complete-task' ||
      command.type === 'cancel-deadline' ||
      command.type === 'record-reminder'
    ) {
      const again = decideCase(command, state, now);
      invariant(again.ok && again.events.length === 0, `${command.type} is idempotent`);
    }
  }

  expect(rebuildCase(all)).toEqual(state);
  expect(rebuildCase(JSON.parse(JSON.stringify(all)) as CaseEvent[])).toEqual(state);
  stats.runs += 1;
}

describe('case invariants (property-based)', () => {
  it('hold after every step of random command sequences, and replay equals the incremental state', () => {
    const stats: Stats = {
      runs: 0,
      closed: 0,
      ivoReported: 0,
      reopened: 0,
      missed: 0,
      metLate: 0,
      cancelled: 0,
      reminded: 0,
    };
    fc.assert(
      fc.property(scenario, (input) => runScenario(input, stats)),
      { numRuns: 1600, seed: 20261120 },
    );
    expect(stats.metLate).toBeGreaterThan(20);
    expect(stats.cancelled).toBeGreaterThan(20);
    expect(stats.reminded).toBeGreaterThan(20);
    // The generator must reach the interesting parts of the lifecycle, or the properties prove little.
    expect(stats.closed).toBeGreaterThan(50);
    expect(stats.ivoReported).toBeGreaterThan(5);
    expect(stats.reopened).toBeGreaterThan(15);
    expect(stats.missed).toBeGreaterThan(80);
  });

  it('hold for unseeded runs too', () => {
    const stats: Stats = {
      runs: 0,
      closed: 0,
      ivoReported: 0,
      reopened: 0,
      missed: 0,
      metLate: 0,
      cancelled: 0,
      reminded: 0,
    };
    fc.assert(
      fc.property(scenario, (input) => runScenario(input, stats)),
      { numRuns: 300 },
    );
  });
});
