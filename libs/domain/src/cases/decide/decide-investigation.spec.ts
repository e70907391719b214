import { SAS, T0_ISO, caseReported, command, complaintReported, events as e, given } from '../test-support';

const record = (data: Partial<{ summary: string; causes: string[]; deviationOccurred: boolean }> = {}) =>
  command(
    'record-investigation',
    { summary: 'Rutinen följdes inte.', causes: ['Bemanning', ' Introduktion '], ...data },
    SAS,
  );

describe('start-investigation', () => {
  it('moves a reported case to investigating', () => {
    const then = given(caseReported()).when(command('start-investigation', {}));
    then.then({ type: 'InvestigationStarted', data: { by: 'sas', at: T0_ISO } });
    expect(then.state().stage).toBe('investigating');
  });

  it('is refused once the investigation has started', () => {
    given(caseReported(), e.investigationStarted())
      .when(command('start-investigation', {}))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'WRONG_STAGE' });
  });

  it('is refused for praise, which is not investigated (CT-4)', () => {
    given(caseReported({ type: 'praise', caseNumber: 'BE-2026-0001' }))
      .when(command('start-investigation', {}))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'NOT_ALLOWED_FOR_TYPE' });
  });
});

describe('record-investigation', () => {
  it('records summary and causes, meets the investigation deadlines and completes investigate tasks', () => {
    given(
      caseReported(),
      e.deadlineStarted('d-first', 'lex_sarah_first_response'),
      e.deadlineStarted('d-inv', 'lex_sarah_investigation'),
      e.taskCreated('t-inv', 'investigate', { assignee: 'sas' }),
      e.taskCreated('t-ack', 'acknowledge'),
      e.investigationStarted(),
    )
      .when(record())
      .then(
        {
          type: 'InvestigationRecorded',
          data: {
            summary: 'Rutinen följdes inte.',
            causes: ['Bemanning', 'Introduktion'],
            by: 'sas',
            at: T0_ISO,
          },
        },
        e.deadlineMet('d-inv'),
        e.taskCompleted('t-inv'),
      );
  });

  it('meets the generic investigation deadline of other types (DL-10)', () => {
    const then = given(
      complaintReported(),
      e.deadlineStarted('d-inv', 'investigation'),
      e.investigationStarted(),
    ).when(record({ deviationOccurred: true }));
    expect(then.events()).toContainEqual(e.deadlineMet('d-inv'));
  });

  it('requires a complaint to state whether a deviation occurred (CT-2, LC-3)', () => {
    given(complaintReported(), e.investigationStarted()).when(record()).thenRefused({
      code: 'VALIDATION_FAILED',
      reason: 'DEVIATION_OCCURRED_REQUIRED',
      field: 'deviationOccurred',
    });
  });

  it('does not require deviationOccurred for other types', () => {
    given(caseReported(), e.investigationStarted()).when(record()).events();
  });

  it('keeps a lex Sarah case investigating until the decision', () => {
    expect(given(caseReported(), e.investigationStarted()).when(record()).state().stage).toBe(
      'investigating',
    );
  });

  it('moves a complaint on to acting, or to following up when no deviation occurred', () => {
    const history = [complaintReported(), e.investigationStarted()];
    expect(
      given(...history)
        .when(record({ deviationOccurred: true }))
        .state().stage,
    ).toBe('acting');
    expect(
      given(...history)
        .when(record({ deviationOccurred: false }))
        .state().stage,
    ).toBe('following_up');
  });

  it.each([
    [{ summary: ' ' }, 'summary', 'SUMMARY_REQUIRED'],
    [{ causes: 'Bemanning' as never }, 'causes', 'CAUSES_INVALID'],
    [{ causes: ['Bemanning', ''] }, 'causes', 'CAUSES_INVALID'],
    [{ deviationOccurred: 'ja' as never }, 'deviationOccurred', 'DEVIATION_OCCURRED_INVALID'],
  ])('refuses invalid input %j', (data, field, reason) => {
    given(caseReported(), e.investigationStarted())
      .when(record(data))
      .thenRefused({ code: 'VALIDATION_FAILED', field, reason });
  });

  it('requires the investigating stage', () => {
    given(caseReported()).when(record()).thenRefused({ code: 'INVALID_TRANSITION', reason: 'WRONG_STAGE' });
    given(complaintReported(), e.investigationStarted(), e.investigationRecorded({ deviationOccurred: true }))
      .when(record({ deviationOccurred: true }))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'WRONG_STAGE' });
  });
});
