import type { AddActionData } from '../case-commands';
import {
  MANAGER,
  T0_ISO,
  caseReported,
  command,
  complaintReported,
  events as e,
  given,
  later,
} from '../test-support';

const addAction = (data: Partial<AddActionData> = {}) =>
  command(
    'add-action',
    {
      actionId: 'a1',
      title: ' Ny rutin för nattillsyn ',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: '2026-12-20T16:00:00+01:00',
      ...data,
    },
    MANAGER,
  );
const completeAction = (actionId = 'a1', result = 'Rutinen är införd.') =>
  command('complete-action', { actionId, result }, MANAGER);
const followUp = (effective = true, note = 'Stickprov visar att rutinen följs.') =>
  command('follow-up', { effective, note }, MANAGER);

const decided = [
  caseReported(),
  e.investigationStarted(),
  e.investigationRecorded(),
  e.decided('missforhallande'),
];
const complaintInvestigated = [
  complaintReported(),
  e.investigationStarted(),
  e.investigationRecorded({ deviationOccurred: true }),
];

describe('add-action', () => {
  it('adds an action with owner and due date and moves the case to acting', () => {
    const then = given(...decided).when(addAction());
    then.then(
      e.actionAdded('a1', {
        title: 'Ny rutin för nattillsyn',
        dueAt: '2026-12-20T15:00:00.000Z',
        by: 'enhetschef',
        at: T0_ISO,
      }),
    );
    expect(then.state()).toMatchObject({
      stage: 'acting',
      actions: { a1: { status: 'open', level: 'organisational' } },
    });
  });

  it('allows immediate measures during the investigation without ending it', () => {
    const state = given(caseReported(), e.investigationStarted())
      .when(addAction({ level: 'individual' }))
      .state();
    expect(state.stage).toBe('investigating');
  });

  it('takes a case in following up back to acting (ineffective follow-up, LC-3)', () => {
    const history = [
      ...decided,
      e.actionAdded('a1'),
      e.actionCompleted('a1'),
      e.followUpRecorded(['a1'], false),
    ];
    expect(given(...history).state?.stage).toBe('following_up');
    expect(
      given(...history)
        .when(addAction({ actionId: 'a2' }))
        .state().stage,
    ).toBe('acting');
  });

  it('is refused in the reported stage', () => {
    given(caseReported())
      .when(addAction())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'WRONG_STAGE' });
  });

  it('refuses a due date that is not in the future', () => {
    given(...decided)
      .when(addAction({ dueAt: '2026-11-20T15:00:00Z' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'dueAt', reason: 'DUE_AT_IN_PAST' });
  });

  it.each([
    [{ title: '' }, 'title', 'TITLE_REQUIRED'],
    [{ owner: ' ' }, 'owner', 'OWNER_REQUIRED'],
    [{ level: 'team' as never }, 'level', 'LEVEL_INVALID'],
    [{ dueAt: '2026-12-20' }, 'dueAt', 'DUE_AT_INVALID'],
    [{ actionId: '' }, 'actionId', 'ACTION_ID_REQUIRED'],
  ])('refuses invalid input %j', (data, field, reason) => {
    given(...decided)
      .when(addAction(data))
      .thenRefused({ code: 'VALIDATION_FAILED', field, reason });
  });

  it('refuses an action id that already exists', () => {
    given(...decided, e.actionAdded('a1'))
      .when(addAction())
      .thenRefused({ code: 'ALREADY_EXISTS', field: 'actionId' });
  });
});

describe('complete-action', () => {
  const withAction = [
    ...decided,
    e.actionAdded('a1'),
    e.actionAdded('a2'),
    e.deadlineStarted('d-a1', 'action', { actionId: 'a1' }),
    e.deadlineStarted('d-a2', 'action', { actionId: 'a2' }),
    e.taskCreated('t-a1', 'carry_out_action', { actionId: 'a1', assignee: 'enhetschef' }),
    e.taskCreated('t-a2', 'carry_out_action', { actionId: 'a2', assignee: 'enhetschef' }),
  ];

  it("completes the action, meeting only that action's deadline and task", () => {
    const then = given(...withAction).when(completeAction('a1'));
    then.then(
      {
        type: 'ActionCompleted',
        data: { actionId: 'a1', result: 'Rutinen är införd.', by: 'enhetschef', at: T0_ISO },
      },
      e.deadlineMet('d-a1'),
      e.taskCompleted('t-a1', 'enhetschef'),
    );
    expect(then.state().stage).toBe('acting');
  });

  it('moves the case to following up when the last action is completed', () => {
    expect(
      given(...withAction, e.actionCompleted('a2'))
        .when(completeAction('a1'))
        .state().stage,
    ).toBe('following_up');
  });

  it('stays investigating when an immediate measure is completed before the investigation is concluded', () => {
    const history = [caseReported(), e.investigationStarted(), e.actionAdded('a1')];
    expect(
      given(...history)
        .when(completeAction('a1'))
        .state().stage,
    ).toBe('investigating');
  });

  it('refuses an unknown action with NOT_FOUND', () => {
    given(...withAction)
      .when(completeAction('nope'))
      .thenRefused({ code: 'NOT_FOUND', reason: 'ACTION_NOT_FOUND', field: 'actionId' });
  });

  it('refuses an action that is already completed, and a missing result', () => {
    given(...withAction, e.actionCompleted('a1'))
      .when(completeAction('a1'))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ACTION_NOT_OPEN' });
    given(...withAction)
      .when(completeAction('a1', ''))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'result' });
  });
});

describe('follow-up', () => {
  it('follows up every completed action not yet followed up, meets follow_up deadlines and completes follow_up tasks', () => {
    const history = [
      ...complaintInvestigated,
      e.actionAdded('a1'),
      e.actionAdded('a2'),
      e.actionAdded('a3'),
      e.actionCompleted('a1'),
      e.followUpRecorded(['a1']),
      e.actionCompleted('a2'),
      e.actionCompleted('a3'),
      e.deadlineStarted('d-fu', 'follow_up'),
      e.taskCreated('t-fu', 'follow_up'),
    ];
    const then = given(...history).when(followUp(), later(60));
    then.then(
      {
        type: 'FollowUpRecorded',
        data: {
          effective: true,
          note: 'Stickprov visar att rutinen följs.',
          actionIds: ['a2', 'a3'],
          by: 'enhetschef',
          at: later(60).toISOString(),
        },
      },
      e.deadlineMet('d-fu', later(60).toISOString()),
      e.taskCompleted('t-fu', 'enhetschef', later(60).toISOString()),
    );
    expect(Object.values(then.state().actions).map((a) => a.status)).toEqual([
      'followed_up',
      'followed_up',
      'followed_up',
    ]);
  });

  it('accepts an ineffective follow-up (LC-3)', () => {
    const state = given(...complaintInvestigated, e.actionAdded('a1'), e.actionCompleted('a1'))
      .when(followUp(false, 'Fallen fortsätter.'))
      .state();
    expect(state.actions.a1).toMatchObject({ status: 'followed_up', effective: false });
  });

  it('may follow up completed actions while others are still open', () => {
    const history = [
      ...complaintInvestigated,
      e.actionAdded('a1'),
      e.actionAdded('a2'),
      e.actionCompleted('a1'),
    ];
    expect(
      given(...history)
        .when(followUp())
        .events()[0]?.data,
    ).toMatchObject({ actionIds: ['a1'] });
  });

  it('is allowed without actions only in following up', () => {
    const noDeviation = [
      complaintReported(),
      e.investigationStarted(),
      e.investigationRecorded({ deviationOccurred: false }),
    ];
    expect(
      given(...noDeviation)
        .when(followUp())
        .events()[0]?.data,
    ).toMatchObject({ actionIds: [] });
    given(...complaintInvestigated)
      .when(followUp())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'WRONG_STAGE' });
  });

  it('is refused when no completed action awaits follow-up', () => {
    given(...complaintInvestigated, e.actionAdded('a1'))
      .when(followUp())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'NOTHING_TO_FOLLOW_UP' });
    given(...complaintInvestigated, e.actionAdded('a1'), e.actionCompleted('a1'), e.followUpRecorded(['a1']))
      .when(followUp())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'NOTHING_TO_FOLLOW_UP' });
  });

  it('needs effective as a boolean and a note', () => {
    const history = [...complaintInvestigated, e.actionAdded('a1'), e.actionCompleted('a1')];
    given(...history)
      .when(command('follow-up', { note: 'x' } as never))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'effective', reason: 'EFFECTIVE_REQUIRED' });
    given(...history)
      .when(followUp(true, ' '))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'note', reason: 'NOTE_REQUIRED' });
  });
});
