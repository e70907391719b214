import { decideCase } from '../decide-case';
import {
  MANAGER,
  STAFF,
  T0,
  T0_ISO,
  caseReported,
  command,
  complaintReported,
  events,
  given,
  reportData,
} from '../test-support';

const answer = {
  respondedAt: '2026-11-20T14:00:00+01:00',
  channel: 'letter' as const,
  summary: 'Vi beklagar.',
};
const wantsAnswer = () =>
  complaintReported({ contact: { email: 'anna@example.se' }, wantsAnswer: true, channel: 'web' });
const responseOpen = [
  events.deadlineStarted('d-resp', 'response', { dueAt: '2026-12-04T15:00:00.000Z' }),
  events.taskCreated('t-resp', 'respond', { assigneeRole: 'unit_manager', deadlineId: 'd-resp' }),
];

describe('respond: the answer to a complainant or an issuer (LC-4 step 7, LC-10, DL-13; api.md v1.1)', () => {
  it('records when, how and what, by whom in which role; meets `response` and completes the answer task', () => {
    given(wantsAnswer(), ...responseOpen)
      .when(command('respond', answer, MANAGER))
      .then(
        {
          type: 'CaseResponded',
          data: {
            respondedAt: '2026-11-20T13:00:00.000Z',
            channel: 'letter',
            summary: 'Vi beklagar.',
            role: 'unit_manager',
            by: 'enhetschef',
            at: T0_ISO,
          },
        },
        { type: 'DeadlineMet', data: { deadlineId: 'd-resp', at: T0_ISO } },
        { type: 'TaskCompleted', data: { taskId: 't-resp', at: T0_ISO, by: 'enhetschef' } },
      );
  });

  it('a missed answer deadline is met late (ADR 0009)', () => {
    given(wantsAnswer(), ...responseOpen, events.deadlineMissed('d-resp', 1, ['division_manager']))
      .when(command('respond', answer, MANAGER))
      .then(
        expect.objectContaining({ type: 'CaseResponded' }),
        { type: 'DeadlineMet', data: { deadlineId: 'd-resp', at: T0_ISO, late: true } },
        { type: 'TaskCompleted', data: { taskId: 't-resp', at: T0_ISO, by: 'enhetschef' } },
      );
  });

  it('refuses a bad body (400) and other types or a closed case (409)', () => {
    given(wantsAnswer())
      .when(command('respond', { ...answer, channel: 'fax' as never }, MANAGER))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'channel' });
    given(wantsAnswer())
      .when(command('respond', { ...answer, summary: ' ' }, MANAGER))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'summary' });
    given(wantsAnswer())
      .when(command('respond', { ...answer, respondedAt: '2027-01-01T00:00:00Z' }, MANAGER))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'respondedAt' });
    given(caseReported())
      .when(command('respond', answer, MANAGER))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'NOT_ALLOWED_FOR_TYPE' });
    given(wantsAnswer(), events.closed())
      .when(command('respond', answer, MANAGER))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'CASE_CLOSED' });
  });

  it('a complaint whose reporter wants an answer and left a contact cannot close until answered', () => {
    const investigated = [
      events.investigationStarted(),
      events.investigationRecorded({ deviationOccurred: false }),
    ];
    given(wantsAnswer(), ...investigated)
      .when(command('close', { summary: 'Klart.' }, MANAGER))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'ANSWER_REQUIRED' });
    const answered = given(wantsAnswer(), ...investigated)
      .when(command('respond', answer, MANAGER))
      .events();
    const closed = given(wantsAnswer(), ...investigated, ...answered).when(
      command('close', { summary: 'Klart.' }, MANAGER),
    );
    expect(closed.result.ok).toBe(true);
    // Without a contact there is nobody to answer: it may close.
    const noContact = given(complaintReported({ wantsAnswer: true }), ...investigated).when(
      command('close', { summary: 'Klart.' }, MANAGER),
    );
    expect(noContact.result.ok).toBe(true);
  });
});

describe('report: respondBy and lateReport (DL-13, DL-2)', () => {
  it('respondBy is an external finding’s calendar date; a timestamp or another type is refused', () => {
    const ok = decideCase(
      command(
        'report',
        reportData({ type: 'external_finding', caseNumber: 'EX-2026-0001', respondBy: '2026-12-15' }),
        STAFF,
      ),
      null,
      T0,
    );
    expect(ok.ok && ok.events[0]!.data).toMatchObject({ respondBy: '2026-12-15' });
    for (const respondBy of ['2026-12-15T12:00:00+01:00', '2026-02-30'])
      expect(
        decideCase(
          command(
            'report',
            reportData({ type: 'external_finding', caseNumber: 'EX-2026-0001', respondBy }),
            STAFF,
          ),
          null,
          T0,
        ),
      ).toMatchObject({ ok: false, refusal: { code: 'VALIDATION_FAILED', field: 'respondBy' } });
    expect(
      decideCase(command('report', reportData({ respondBy: '2026-12-15' }), STAFF), null, T0),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'VALIDATION_FAILED', field: 'respondBy' },
    });
  });

  it('a lex Sarah, HSL or lex Maria report more than late_report_after after the event is flagged, never refused', () => {
    const lexSarah = (occurredAt: string, lateReportAfter?: string) =>
      decideCase(
        command(
          'report',
          reportData({
            type: 'lex_sarah',
            caseNumber: 'LS-2026-0001',
            occurredAt,
            ...(lateReportAfter ? { lateReportAfter } : {}),
          }),
          STAFF,
        ),
        null,
        T0,
      );
    const flag = (result: ReturnType<typeof lexSarah>) =>
      result.ok && (result.events[0]!.data as { lateReport?: true }).lateReport === true;
    expect(flag(lexSarah('2026-11-19T14:59:00Z'))).toBe(true);
    expect(flag(lexSarah('2026-11-19T15:00:00Z'))).toBe(false);
    expect(flag(lexSarah('2026-11-19T15:00:00Z', 'PT12H'))).toBe(true);
    const deviation = decideCase(
      command(
        'report',
        reportData({ type: 'deviation', caseNumber: 'AV-2026-0001', occurredAt: '2026-11-01' }),
        STAFF,
      ),
      null,
      T0,
    );
    expect(deviation.ok && 'lateReport' in deviation.events[0]!.data).toBe(false);
  });

  it('an escalated report is judged from when the event was first reported as a deviation (LC-2, DL-2)', () => {
    const escalated = (firstReportedAt: string) =>
      decideCase(
        command(
          'report',
          reportData({
            type: 'lex_sarah',
            caseNumber: 'LS-2026-0002',
            occurredAt: '2026-11-17T10:00:00Z',
            firstReportedAt,
          }),
          STAFF,
        ),
        null,
        T0,
      );
    const flagOf = (result: ReturnType<typeof escalated>) =>
      result.ok && (result.events[0]!.data as { lateReport?: true }).lateReport === true;
    expect(flagOf(escalated('2026-11-17T12:00:00Z'))).toBe(false);
    expect(flagOf(escalated('2026-11-19T12:00:00Z'))).toBe(true);
  });
});
