import { SYSTEM, T0_ISO, caseReported, command, events as e, given, laterIso } from '../test-support';

describe('start-deadline', () => {
  it('starts a deadline with its policy version', () => {
    given(caseReported())
      .when(
        command(
          'start-deadline',
          {
            deadlineId: 'd1',
            kind: 'lex_sarah_first_response',
            dueAt: '2026-11-20T20:00:00+01:00',
            policyVersion: 3,
          },
          SYSTEM,
        ),
      )
      .then(
        e.deadlineStarted('d1', 'lex_sarah_first_response', {
          dueAt: '2026-11-20T19:00:00.000Z',
          policyVersion: 3,
        }),
      );
  });

  it("starts an action's deadline for an existing action only", () => {
    const history = [caseReported(), e.investigationStarted(), e.actionAdded('a1')];
    given(...history)
      .when(
        command(
          'start-deadline',
          {
            deadlineId: 'd1',
            kind: 'action',
            dueAt: '2026-12-20T15:00:00Z',
            policyVersion: 1,
            actionId: 'a1',
          },
          SYSTEM,
        ),
      )
      .then(e.deadlineStarted('d1', 'action', { dueAt: '2026-12-20T15:00:00.000Z', actionId: 'a1' }));
    given(...history)
      .when(
        command(
          'start-deadline',
          {
            deadlineId: 'd1',
            kind: 'action',
            dueAt: '2026-12-20T15:00:00Z',
            policyVersion: 1,
            actionId: 'a9',
          },
          SYSTEM,
        ),
      )
      .thenRefused({ code: 'NOT_FOUND', field: 'actionId' });
    given(...history)
      .when(
        command(
          'start-deadline',
          { deadlineId: 'd1', kind: 'action', dueAt: '2026-12-20T15:00:00Z', policyVersion: 1 },
          SYSTEM,
        ),
      )
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'actionId' });
  });

  it('is idempotent on the deadline id', () => {
    given(caseReported(), e.deadlineStarted('d1', 'acknowledgement'))
      .when(
        command(
          'start-deadline',
          { deadlineId: 'd1', kind: 'acknowledgement', dueAt: '2026-11-21T15:00:00Z', policyVersion: 1 },
          SYSTEM,
        ),
      )
      .thenNothing();
  });

  it.each([
    [{ kind: 'reminder' }, 'kind'],
    [{ dueAt: 'P1D' }, 'dueAt'],
    [{ policyVersion: -1 }, 'policyVersion'],
    [{ policyVersion: 1.5 }, 'policyVersion'],
    [{ deadlineId: '' }, 'deadlineId'],
  ])('refuses invalid input %j', (data, field) => {
    given(caseReported())
      .when(
        command(
          'start-deadline',
          {
            deadlineId: 'd1',
            kind: 'acknowledgement',
            dueAt: '2026-11-21T15:00:00Z',
            policyVersion: 1,
            ...data,
          } as never,
          SYSTEM,
        ),
      )
      .thenRefused({ code: 'VALIDATION_FAILED', field });
  });
});

describe('record-deadline-missed', () => {
  const missed = (escalationLevel = 1, escalatedTo = ['division_manager', 'sas']) =>
    command('record-deadline-missed', { deadlineId: 'd1', escalationLevel, escalatedTo }, SYSTEM);
  const withDeadline = [caseReported(), e.deadlineStarted('d1', 'lex_sarah_first_response')];

  it('records the miss with its escalation', () => {
    const then = given(...withDeadline).when(missed());
    then.then(e.deadlineMissed('d1', 1, ['division_manager', 'sas']));
    expect(then.state().deadlines.d1).toMatchObject({
      status: 'missed',
      missedAt: T0_ISO,
      escalationLevel: 1,
    });
  });

  it('refuses when a person met the deadline first (the race is decided by the event store)', () => {
    given(...withDeadline, e.deadlineMet('d1'))
      .when(missed())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'DEADLINE_NOT_OPEN' });
  });

  it('escalates a missed deadline again one level up, and ignores a repeated level', () => {
    const history = [...withDeadline, e.deadlineMissed('d1', 1, ['division_manager', 'sas'])];
    const then = given(...history).when(missed(2, ['director']), new Date(laterIso(24 * 60)));
    expect(then.state().deadlines.d1).toMatchObject({
      status: 'missed',
      missedAt: T0_ISO,
      escalationLevel: 2,
      escalatedTo: ['division_manager', 'sas', 'director'],
    });
    given(...history)
      .when(missed(1))
      .thenNothing();
  });

  it('refuses an unknown deadline and invalid input', () => {
    given(caseReported()).when(missed()).thenRefused({ code: 'NOT_FOUND', reason: 'DEADLINE_NOT_FOUND' });
    given(...withDeadline)
      .when(missed(0))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'escalationLevel' });
    given(...withDeadline)
      .when(missed(1, ['']))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'escalatedTo' });
  });
});

describe('create-task', () => {
  it('creates a task for a role in the case unit by default', () => {
    given(caseReported())
      .when(
        command(
          'create-task',
          {
            taskId: 't1',
            kind: 'acknowledge',
            assigneeRole: 'unit_manager',
            dueAt: '2026-11-20T20:00:00+01:00',
          },
          SYSTEM,
        ),
      )
      .then(e.taskCreated('t1', 'acknowledge', { dueAt: '2026-11-20T19:00:00.000Z' }));
  });

  it('creates a task for a person, linked to a deadline, in another unit', () => {
    given(caseReported(), e.deadlineStarted('d1', 'lex_sarah_first_response'))
      .when(
        command(
          'create-task',
          {
            taskId: 't1',
            kind: 'escalation',
            assignee: 'avdelningschef',
            unitId: 'aldreomsorg',
            deadlineId: 'd1',
          },
          SYSTEM,
        ),
      )
      .then({
        type: 'TaskCreated',
        data: {
          taskId: 't1',
          kind: 'escalation',
          assignee: 'avdelningschef',
          unitId: 'aldreomsorg',
          deadlineId: 'd1',
          createdAt: T0_ISO,
        },
      });
  });

  it('is idempotent on the task id', () => {
    given(caseReported(), e.taskCreated('t1', 'acknowledge'))
      .when(
        command('create-task', { taskId: 't1', kind: 'acknowledge', assigneeRole: 'unit_manager' }, SYSTEM),
      )
      .thenNothing();
  });

  it('refuses a task without a recipient, of an unknown kind, or linked to something unknown', () => {
    given(caseReported())
      .when(command('create-task', { taskId: 't1', kind: 'acknowledge' }, SYSTEM))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'assignee' });
    given(caseReported())
      .when(command('create-task', { taskId: 't1', kind: 'call' as never, assignee: 'sas' }, SYSTEM))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'kind' });
    given(caseReported())
      .when(
        command(
          'create-task',
          { taskId: 't1', kind: 'escalation', assignee: 'sas', deadlineId: 'd9' },
          SYSTEM,
        ),
      )
      .thenRefused({ code: 'NOT_FOUND', field: 'deadlineId' });
    given(caseReported())
      .when(
        command(
          'create-task',
          { taskId: 't1', kind: 'carry_out_action', assignee: 'sas', actionId: 'a9' },
          SYSTEM,
        ),
      )
      .thenRefused({ code: 'NOT_FOUND', field: 'actionId' });
  });
});

describe('complete-task', () => {
  it('completes an open task', () => {
    given(caseReported(), e.taskCreated('t1', 'escalation'))
      .when(command('complete-task', { taskId: 't1' }, SYSTEM))
      .then(e.taskCompleted('t1', 'system'));
  });

  it('is idempotent for a task already done, and refuses an unknown task', () => {
    given(caseReported(), e.taskCreated('t1', 'escalation'), e.taskCompleted('t1'))
      .when(command('complete-task', { taskId: 't1' }, SYSTEM))
      .thenNothing();
    given(caseReported())
      .when(command('complete-task', { taskId: 't9' }, SYSTEM))
      .thenRefused({ code: 'NOT_FOUND', reason: 'TASK_NOT_FOUND' });
  });
});
