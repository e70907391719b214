import type { CaseCommand } from './case-commands';
import { CASE_COMMAND_TYPES, CASE_SYSTEM_COMMAND_TYPES } from './case-commands';
import { SAS, SYSTEM, caseReported, command, events as e, given, later } from './test-support';

/** One valid-looking command of every type (data that would pass on a suitable case). */
const sample: Record<CaseCommand['type'], CaseCommand> = {
  report: command('report', {
    caseId: 'case-1',
    caseNumber: 'LS-2026-0007',
    type: 'lex_sarah',
    unitId: 'solgarden',
    occurredAt: '2026-11-20',
    description: 'x',
    channel: 'staff_form',
  }),
  acknowledge: command('acknowledge', {}),
  assign: command('assign', { assignee: 'mas' }),
  classify: command('classify', { category: 'x' }),
  'start-investigation': command('start-investigation', {}),
  'record-investigation': command('record-investigation', { summary: 'x', causes: [] }),
  decide: command('decide', { outcome: 'missforhallande', rationale: 'x' }),
  'report-to-ivo': command('report-to-ivo', { ivoReference: 'x', reportedAt: '2026-11-20' }),
  'assess-breach': command('assess-breach', { notifiable: true, rationale: 'x' }),
  'report-to-imy': command('report-to-imy', { reportedAt: '2026-11-20' }),
  respond: command('respond', { respondedAt: '2026-11-20', channel: 'letter', summary: 'Svar.' }),
  'inform-patient': command('inform-patient', { notPossibleReason: 'x' }),
  'confirm-journal-note': command('confirm-journal-note', { notedAt: '2026-11-20' }),
  'inform-board': command('inform-board', { meetingDate: '2026-11-20' }),
  'record-ivo-decision': command('record-ivo-decision', { decidedAt: '2026-11-20', summary: 'x' }),
  link: command('link', { caseId: 'case-2', caseNumber: 'AV-2026-0002', relation: 'related' }),
  escalate: command('escalate', {
    toType: 'lex_sarah',
    rationale: 'x',
    newCaseId: 'case-3',
    newCaseNumber: 'LS-2026-0003',
  }),
  'add-action': command('add-action', {
    actionId: 'a2',
    title: 'x',
    level: 'individual',
    owner: 'x',
    dueAt: '2027-01-01T00:00:00Z',
  }),
  'complete-action': command('complete-action', { actionId: 'a1', result: 'x' }),
  'follow-up': command('follow-up', { effective: true, note: 'x' }),
  close: command('close', { summary: 'x' }),
  reopen: command('reopen', { reason: 'x' }),
  'mark-protected-identity': command('mark-protected-identity', { reason: 'x' }),
  'unmark-protected-identity': command('unmark-protected-identity', { reason: 'x' }),
  'start-deadline': command(
    'start-deadline',
    { deadlineId: 'd9', kind: 'follow_up', dueAt: '2027-01-01T00:00:00Z', policyVersion: 1 },
    SYSTEM,
  ),
  'record-deadline-missed': command(
    'record-deadline-missed',
    { deadlineId: 'd1', escalationLevel: 1, escalatedTo: ['director'] },
    SYSTEM,
  ),
  'cancel-deadline': command('cancel-deadline', { deadlineId: 'd1', reason: 'path_changed' }, SYSTEM),
  'record-reminder': command(
    'record-reminder',
    { deadlineId: 'd1', when: 'before', recipients: [{ username: 'enhetschef' }] },
    SYSTEM,
  ),
  'create-task': command(
    'create-task',
    { taskId: 't9', kind: 'escalation', assigneeRole: 'director' },
    SYSTEM,
  ),
  'complete-task': command('complete-task', { taskId: 't1' }, SYSTEM),
  'place-legal-hold': command('place-legal-hold', { reason: 'x' }),
  'lift-legal-hold': command('lift-legal-hold', {}),
  erase: command('erase', { rules: [], erasedBy: 'gallring' }, SYSTEM),
};

const closedCase = [
  caseReported(),
  e.deadlineStarted('d1', 'lex_sarah_investigation'),
  e.taskCreated('t1', 'escalation'),
  e.investigationStarted(),
  e.investigationRecorded(),
  e.decided('missforhallande'),
  e.actionAdded('a1'),
  e.actionCompleted('a1'),
  e.followUpRecorded(['a1']),
  e.closed(),
];

describe('decideCase', () => {
  const userCommands = CASE_COMMAND_TYPES.filter(
    (type) => type !== 'report' && !CASE_SYSTEM_COMMAND_TYPES.includes(type),
  );

  it.each(CASE_COMMAND_TYPES.filter((type) => type !== 'report'))(
    'refuses %s on a case that does not exist',
    (type) => {
      given().when(sample[type]).thenRefused({ code: 'NOT_FOUND', reason: 'CASE_NOT_FOUND' });
    },
  );

  // `link` and `record-ivo-decision` are allowed on a closed case (api.md v1.1).
  it.each(
    userCommands.filter(
      (type) =>
        ![
          'reopen',
          'link',
          'record-ivo-decision',
          'mark-protected-identity',
          'unmark-protected-identity',
          'place-legal-hold',
          'lift-legal-hold',
          'erase',
        ].includes(type),
    ),
  )('refuses %s on a closed case', (type) => {
    given(...closedCase)
      .when(sample[type])
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'CASE_CLOSED' });
  });

  it.each(CASE_SYSTEM_COMMAND_TYPES)('accepts the system command %s on a closed case', (type) => {
    expect(given(...closedCase).when(sample[type]).result.ok).toBe(true);
  });

  it('accepts reopen on a closed case', () => {
    expect(given(...closedCase).when(sample.reopen).result.ok).toBe(true);
  });

  it('is deterministic: the same command, state and time give the same events', () => {
    const history = [
      caseReported(),
      e.deadlineStarted('d1', 'acknowledgement'),
      e.taskCreated('t1', 'acknowledge'),
    ];
    const first = given(...history).when(command('acknowledge', { note: 'ok' }, SAS), later(5)).result;
    const second = given(...history).when(command('acknowledge', { note: 'ok' }, SAS), later(5)).result;
    expect(first).toEqual(second);
  });

  it('has a sample for every command type', () => {
    expect(Object.keys(sample).sort()).toEqual([...CASE_COMMAND_TYPES].sort());
  });
});
