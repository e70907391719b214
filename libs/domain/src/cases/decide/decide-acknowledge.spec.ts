import {
  MANAGER,
  T0_ISO,
  caseReported,
  command,
  complaintReported,
  events as e,
  given,
} from '../test-support';

const acknowledge = (note?: string) => command('acknowledge', note === undefined ? {} : { note }, MANAGER);

describe('acknowledge', () => {
  it('records the receipt with its note', () => {
    given(complaintReported())
      .when(acknowledge(' Tack, vi återkommer. '))
      .then({
        type: 'CaseAcknowledged',
        data: { note: 'Tack, vi återkommer.', by: 'enhetschef', at: T0_ISO },
      });
  });

  it('meets the open acknowledgement and first-response deadlines and completes acknowledge tasks (DL-1, DL-3)', () => {
    given(
      caseReported(),
      e.deadlineStarted('d-first', 'lex_sarah_first_response'),
      e.deadlineStarted('d-ack', 'acknowledgement'),
      e.deadlineStarted('d-inv', 'lex_sarah_investigation'),
      e.taskCreated('t-ack', 'acknowledge'),
      e.taskCreated('t-ack-sas', 'acknowledge', { assignee: 'sas' }),
      e.taskCreated('t-inv', 'investigate'),
    )
      .when(acknowledge())
      .then(
        { type: 'CaseAcknowledged', data: { by: 'enhetschef', at: T0_ISO } },
        e.deadlineMet('d-first'),
        e.deadlineMet('d-ack'),
        e.taskCompleted('t-ack', 'enhetschef'),
        e.taskCompleted('t-ack-sas', 'enhetschef'),
      );
  });

  it('meets a deadline that was already missed as met late, and completes the escalation tasks of the miss (ADR 0009)', () => {
    const run = given(
      caseReported(),
      e.deadlineStarted('d-first', 'lex_sarah_first_response'),
      e.deadlineMissed('d-first'),
      e.taskCreated('t-esc', 'escalation', { deadlineId: 'd-first', assigneeRole: 'division_manager' }),
      e.taskCreated('t-other-esc', 'escalation', { deadlineId: 'd-other', assigneeRole: 'director' }),
    ).when(acknowledge());
    run.then(
      { type: 'CaseAcknowledged', data: { by: 'enhetschef', at: T0_ISO } },
      { type: 'DeadlineMet', data: { deadlineId: 'd-first', at: T0_ISO, late: true } },
      e.taskCompleted('t-esc', 'enhetschef'),
    );
    expect(run.state().deadlines['d-first']).toMatchObject({
      status: 'met',
      metAt: T0_ISO,
      metLate: true,
      missedAt: T0_ISO,
      escalationLevel: 1,
    });
  });

  it('is allowed in a later stage', () => {
    given(caseReported(), e.investigationStarted(), e.investigationRecorded()).when(acknowledge()).events();
  });

  it('is refused the second time', () => {
    given(complaintReported(), e.acknowledged())
      .when(acknowledge())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ALREADY_ACKNOWLEDGED' });
  });
});
