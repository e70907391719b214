import { T0_ISO, caseReported, command, events as e, given } from '../test-support';

const closedCase = [
  caseReported(),
  e.investigationStarted(),
  e.investigationRecorded(),
  e.decided('missforhallande'),
  e.actionAdded('a1'),
  e.actionCompleted('a1'),
  e.followUpRecorded(['a1']),
  e.closed(),
];

describe('reopen', () => {
  it('takes a closed case back to investigating with a reason, and nothing else (LC-2)', () => {
    const then = given(...closedCase).when(command('reopen', { reason: ' IVO begär komplettering. ' }));
    then.then({ type: 'CaseReopened', data: { reason: 'IVO begär komplettering.', by: 'sas', at: T0_ISO } });
    expect(then.state()).toMatchObject({
      stage: 'investigating',
      closedAt: null,
      reopenCount: 1,
      newInvestigationRequired: true,
      actions: { a1: { status: 'followed_up' } },
    });
  });

  it('requires a new investigation before the case can close again', () => {
    given(...closedCase, e.reopened())
      .when(command('close', { summary: 'x' }))
      .thenRefused({ reason: 'INVESTIGATION_REQUIRED' });
  });

  it('needs a reason', () => {
    given(...closedCase)
      .when(command('reopen', { reason: '' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'reason' });
  });

  it('is refused for a case that is not closed', () => {
    given(caseReported())
      .when(command('reopen', { reason: 'x' }))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'CASE_NOT_CLOSED' });
  });
});
