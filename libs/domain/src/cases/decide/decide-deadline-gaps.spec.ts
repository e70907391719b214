import type { CaseActor } from '../case-commands';
import type { CaseEvent } from '../case-events';
import {
  MANAGER,
  SYSTEM,
  T0_ISO,
  caseReported,
  command,
  events as e,
  given,
  laterIso,
  run,
} from '../test-support';

/**
 * The three gaps closed by ADR 0009: late work meets a missed deadline (as met late), one IVO
 * notification per serious decision (a reopen and a new serious decision need a new one), and the
 * superseded path's deadlines are cancelled by an event after a reclassification. Plus reminders as
 * events (DeadlineReminderSent).
 */
const DIRECTOR: CaseActor = { username: 'forvaltningschef', roles: ['director'] };

const missedInvestigation = [
  caseReported(),
  e.deadlineStarted('d-inv', 'lex_sarah_investigation'),
  e.deadlineMissed('d-inv', 1, ['division_manager', 'lex_sarah_investigator']),
  e.taskCreated('t-esc-div', 'escalation', { deadlineId: 'd-inv', assigneeRole: 'division_manager' }),
  e.taskCreated('t-esc-sas', 'escalation', { deadlineId: 'd-inv', assigneeRole: 'lex_sarah_investigator' }),
  e.investigationStarted(),
];

const recordInvestigation = command('record-investigation', { summary: 'Utrett', causes: ['Bemanning'] });

describe('late work meets a missed deadline (met late, ADR 0009)', () => {
  it('record-investigation after the miss: DeadlineMet with late, the escalation tasks of the miss are done', () => {
    const then = given(...missedInvestigation).when(recordInvestigation);
    expect(then.events()).toEqual([
      expect.objectContaining({ type: 'InvestigationRecorded' }),
      { type: 'DeadlineMet', data: { deadlineId: 'd-inv', at: T0_ISO, late: true } },
      e.taskCompleted('t-esc-div', 'sas'),
      e.taskCompleted('t-esc-sas', 'sas'),
    ]);
    const deadline = then.state().deadlines['d-inv'];
    expect(deadline).toMatchObject({ status: 'met', metLate: true, missedAt: T0_ISO, metAt: T0_ISO });
    expect(Object.values(then.state().tasks).every((task) => task.status === 'done')).toBe(true);
  });

  it('work in time is met without the late mark', () => {
    const then = given(
      caseReported(),
      e.deadlineStarted('d-inv', 'lex_sarah_investigation'),
      e.investigationStarted(),
    ).when(recordInvestigation);
    expect(then.events()).toContainEqual({ type: 'DeadlineMet', data: { deadlineId: 'd-inv', at: T0_ISO } });
    expect(then.state().deadlines['d-inv']).toMatchObject({ status: 'met' });
    expect(then.state().deadlines['d-inv']?.metLate).toBeUndefined();
  });

  it('a late action completion and a late follow-up are met late too', () => {
    const { state } = run(
      [
        caseReported({ type: 'deviation' }),
        e.investigationStarted(),
        e.investigationRecorded(),
        e.actionAdded('a1'),
        e.deadlineStarted('d-act', 'action', { actionId: 'a1' }),
        e.deadlineMissed('d-act'),
      ],
      [
        [command('complete-action', { actionId: 'a1', result: 'Klar' }, MANAGER)],
        [
          command(
            'start-deadline',
            { deadlineId: 'd-fu', kind: 'follow_up', dueAt: laterIso(60), policyVersion: 1 },
            SYSTEM,
          ),
        ],
        [
          command(
            'record-deadline-missed',
            { deadlineId: 'd-fu', escalationLevel: 1, escalatedTo: ['division_manager'] },
            SYSTEM,
          ),
        ],
        [command('follow-up', { effective: true, note: 'Fungerar' }, MANAGER)],
      ],
    );
    expect(state.deadlines['d-act']).toMatchObject({ status: 'met', metLate: true });
    expect(state.deadlines['d-fu']).toMatchObject({ status: 'met', metLate: true });
  });

  it('once met late, a repeated escalation of the timer is refused as DEADLINE_NOT_OPEN', () => {
    const { events } = run(missedInvestigation, [[recordInvestigation]]);
    given(...events)
      .when(
        command(
          'record-deadline-missed',
          { deadlineId: 'd-inv', escalationLevel: 2, escalatedTo: ['director'] },
          SYSTEM,
        ),
      )
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'DEADLINE_NOT_OPEN' });
  });
});

describe('one IVO notification per serious decision, also after a reopen (DL-5, DL-8, ADR 0009)', () => {
  const seriousClosed: CaseEvent[] = [
    caseReported(),
    e.investigationStarted(),
    e.investigationRecorded(),
    e.decided('allvarligt_missforhallande'),
    e.reportedToIvo(),
    e.closed(),
    e.reopened(),
    e.investigationRecorded(),
  ];
  const reportToIvo = command(
    'report-to-ivo',
    { ivoReference: 'IVO 3.5.1-99999/2026', reportedAt: '2026-11-20' },
    DIRECTOR,
  );

  it('after a reopen, a new serious decision needs a new notification before closing', () => {
    const decided = run(seriousClosed, [
      [
        command(
          'decide',
          { outcome: 'pataglig_risk_for_allvarligt_missforhallande', rationale: 'Ny fakta' },
          DIRECTOR,
        ),
      ],
    ]);
    given(...decided.events)
      .when(command('close', { summary: 'Klart' }, DIRECTOR))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'IVO_REPORT_REQUIRED' });
    const reported = given(...decided.events).when(reportToIvo);
    expect(reported.events()[0]).toMatchObject({
      type: 'ReportedToIvo',
      data: { ivoReference: 'IVO 3.5.1-99999/2026' },
    });
    expect(reported.state().ivoReport).toMatchObject({
      ivoReference: 'IVO 3.5.1-99999/2026',
      investigationSeq: 2,
    });
    const after = run(decided.events, [
      [reportToIvo],
      [command('inform-board', { meetingDate: '2026-11-20' }, DIRECTOR)],
    ]);
    expect(run(after.events, [[command('close', { summary: 'Klart' }, DIRECTOR)]]).state.stage).toBe(
      'closed',
    );
  });

  it('the same decision is not notified twice', () => {
    const decided = run(seriousClosed, [
      [command('decide', { outcome: 'allvarligt_missforhallande', rationale: 'x' }, DIRECTOR)],
      [reportToIvo],
    ]);
    given(...decided.events)
      .when(reportToIvo)
      .thenRefused({ reason: 'ALREADY_REPORTED_TO_IVO' });
  });

  it('before the new decision, the earlier notification still covers the earlier decision', () => {
    given(...seriousClosed)
      .when(reportToIvo)
      .thenRefused({ reason: 'ALREADY_REPORTED_TO_IVO' });
  });

  it('a new decision that is not serious needs no new notification', () => {
    const decided = run(seriousClosed, [
      [command('decide', { outcome: 'ej_missforhallande', rationale: 'x' }, DIRECTOR)],
    ]);
    given(...decided.events)
      .when(reportToIvo)
      .thenRefused({ reason: 'IVO_REPORT_NOT_REQUIRED' });
    expect(run(decided.events, [[command('close', { summary: 'Klart' }, DIRECTOR)]]).state.stage).toBe(
      'closed',
    );
  });
});

describe('cancel-deadline: the superseded path after a reclassification (LC-2, ADR 0009)', () => {
  const complaint = [
    caseReported({ type: 'complaint', caseNumber: 'KL-2026-0001' }),
    e.deadlineStarted('d-ack', 'acknowledgement'),
    e.deadlineMissed('d-ack'),
    e.taskCreated('t-esc', 'escalation', { deadlineId: 'd-ack', assigneeRole: 'division_manager' }),
  ];
  const cancel = (deadlineId = 'd-ack') =>
    command('cancel-deadline', { deadlineId, reason: 'path_changed', toType: 'deviation' }, SYSTEM);

  it('cancels an open or missed deadline with an event and completes its escalation tasks', () => {
    const then = given(...complaint).when(cancel(), new Date(laterIso(5)));
    then.then(
      {
        type: 'DeadlineCancelled',
        data: { deadlineId: 'd-ack', reason: 'path_changed', toType: 'deviation', at: laterIso(5) },
      },
      e.taskCompleted('t-esc', 'system', laterIso(5)),
    );
    expect(then.state().deadlines['d-ack']).toMatchObject({
      status: 'cancelled',
      cancelledAt: laterIso(5),
      cancelReason: 'path_changed',
      missedAt: T0_ISO,
    });
  });

  it('is idempotent, and a met deadline is left as it is', () => {
    const { events } = run(complaint, [[cancel()]]);
    given(...events)
      .when(cancel())
      .thenNothing();
    given(caseReported(), e.deadlineStarted('d1', 'acknowledgement'), e.deadlineMet('d1'))
      .when(cancel('d1'))
      .thenNothing();
  });

  it('a cancelled deadline is neither escalated nor met later', () => {
    const { events } = run(complaint, [[cancel()]]);
    given(...events)
      .when(
        command(
          'record-deadline-missed',
          { deadlineId: 'd-ack', escalationLevel: 2, escalatedTo: ['director'] },
          SYSTEM,
        ),
      )
      .thenRefused({ reason: 'DEADLINE_NOT_OPEN' });
    const acknowledged = given(...events).when(command('acknowledge', {}, MANAGER));
    expect(acknowledged.events().map((event) => event.type)).toEqual(['CaseAcknowledged']);
    expect(acknowledged.state().deadlines['d-ack']?.status).toBe('cancelled');
  });

  it('refuses an unknown deadline and an unknown reason', () => {
    given(...complaint)
      .when(cancel('nope'))
      .thenRefused({ code: 'NOT_FOUND', reason: 'DEADLINE_NOT_FOUND' });
    given(...complaint)
      .when(command('cancel-deadline', { deadlineId: 'd-ack', reason: 'bored' as never }, SYSTEM))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'reason' });
  });
});

describe('record-reminder: reminders are events (DL-11)', () => {
  const withAction = [
    caseReported({ type: 'deviation' }),
    e.actionAdded('a1'),
    e.deadlineStarted('d-act', 'action', { actionId: 'a1' }),
  ];
  const remind = (when: 'before' | 'missed' = 'before') =>
    command(
      'record-reminder',
      { deadlineId: 'd-act', when, recipients: [{ username: ' enhetschef ' }] },
      SYSTEM,
    );

  it('records DeadlineReminderSent once per deadline and kind of reminder', () => {
    const then = given(...withAction).when(remind());
    then.then({
      type: 'DeadlineReminderSent',
      data: { deadlineId: 'd-act', when: 'before', recipients: [{ username: 'enhetschef' }], at: T0_ISO },
    });
    expect(then.state().deadlines['d-act']?.reminders).toEqual(['before']);
    const { events } = run(withAction, [[remind()]]);
    given(...events)
      .when(remind())
      .thenNothing();
    expect(
      given(...events)
        .when(remind('missed'))
        .events(),
    ).toHaveLength(1);
  });

  it('a met or cancelled deadline needs no reminder', () => {
    given(...withAction, e.deadlineMet('d-act'))
      .when(remind())
      .thenRefused({ reason: 'DEADLINE_NOT_OPEN' });
  });

  it('refuses missing or malformed recipients', () => {
    for (const recipients of [[], [{ role: 'unit_manager' }], [{ username: '' }], 'enhetschef']) {
      given(...withAction)
        .when(
          command(
            'record-reminder',
            { deadlineId: 'd-act', when: 'before', recipients: recipients as never },
            SYSTEM,
          ),
        )
        .thenRefused({ code: 'VALIDATION_FAILED', field: 'recipients' });
    }
    given(...withAction)
      .when(
        command(
          'record-reminder',
          { deadlineId: 'd-act', when: 'later' as never, recipients: [{ username: 'x' }] },
          SYSTEM,
        ),
      )
      .thenRefused({ field: 'when' });
  });
});
