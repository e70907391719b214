import { T0_ISO, caseReported, command, events as e, given } from '../test-support';

const reportToIvo = (data: Partial<{ ivoReference: string; reportedAt: string }> = {}) =>
  command(
    'report-to-ivo',
    { ivoReference: 'IVO 3.5.1-12345/2026', reportedAt: '2026-11-20T15:30:00+01:00', ...data },
    { username: 'forvaltningschef', roles: ['director'] },
  );

const seriousLexSarah = [
  caseReported(),
  e.investigationStarted(),
  e.investigationRecorded(),
  e.decided('allvarligt_missforhallande'),
];

describe('report-to-ivo', () => {
  it('records the notification, meets the ivo_report deadline and completes report_to_ivo tasks (DL-5)', () => {
    given(
      ...seriousLexSarah,
      e.deadlineStarted('d-ivo', 'ivo_report'),
      e.taskCreated('t-ivo', 'report_to_ivo'),
    )
      .when(reportToIvo())
      .then(
        {
          type: 'ReportedToIvo',
          data: {
            ivoReference: 'IVO 3.5.1-12345/2026',
            reportedAt: '2026-11-20T14:30:00.000Z',
            by: 'forvaltningschef',
            at: T0_ISO,
          },
        },
        e.deadlineMet('d-ivo'),
        e.taskCompleted('t-ivo', 'forvaltningschef'),
      );
  });

  it('works for a serious lex Maria decision (DL-8)', () => {
    given(
      caseReported({ type: 'lex_maria', caseNumber: 'LM-2026-0001' }),
      e.investigationStarted(),
      e.investigationRecorded(),
      e.decided('allvarlig_vardskada'),
      e.patientInformed(),
    )
      .when(reportToIvo({ reportedAt: '2026-11-20' }))
      .events();
  });

  it('is refused when the decision does not require it', () => {
    given(caseReported(), e.investigationStarted(), e.investigationRecorded(), e.decided('missforhallande'))
      .when(reportToIvo())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'IVO_REPORT_NOT_REQUIRED' });
    given(caseReported(), e.investigationStarted())
      .when(reportToIvo())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'IVO_REPORT_NOT_REQUIRED' });
  });

  it('is refused for other types', () => {
    given(caseReported({ type: 'deviation', caseNumber: 'AV-2026-0001' }))
      .when(reportToIvo())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'NOT_ALLOWED_FOR_TYPE' });
  });

  it('is refused the second time', () => {
    given(...seriousLexSarah, e.reportedToIvo())
      .when(reportToIvo())
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ALREADY_REPORTED_TO_IVO' });
  });

  it.each([
    [{ ivoReference: '' }, 'ivoReference', 'IVO_REFERENCE_REQUIRED'],
    [{ reportedAt: 'igår' }, 'reportedAt', 'REPORTED_AT_INVALID'],
    [{ reportedAt: '2026-11-22T10:00:00+01:00' }, 'reportedAt', 'REPORTED_AT_IN_FUTURE'],
  ])('refuses invalid input %j', (data, field, reason) => {
    given(...seriousLexSarah)
      .when(reportToIvo(data))
      .thenRefused({ code: 'VALIDATION_FAILED', field, reason });
  });
});
