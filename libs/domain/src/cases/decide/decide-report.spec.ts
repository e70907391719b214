import { STAFF, T0, T0_ISO, caseReported, command, given, reportData } from '../test-support';

const report = (overrides: Parameters<typeof reportData>[0] = {}, actor = STAFF) =>
  command('report', reportData(overrides), actor);

describe('report', () => {
  it('reports a lex Sarah case with the pre-allocated id and number, normalising timestamps to UTC', () => {
    given().when(report()).then(caseReported());
  });

  it('defaults reportedAt to now and the reporter to the actor', () => {
    const result = given()
      .when(report({ reportedAt: undefined }), T0)
      .events();
    expect(result[0]).toMatchObject({
      type: 'CaseReported',
      data: { reportedAt: T0_ISO, registeredAt: T0_ISO, reporter: { username: 'medarbetare' } },
    });
  });

  it('keeps an earlier reportedAt for a report received on paper (CT-1)', () => {
    const [event] = given()
      .when(report({ reportedAt: '2026-11-02T09:00:00+01:00', channel: 'letter' }))
      .events();
    expect(event?.data).toMatchObject({
      reportedAt: '2026-11-02T08:00:00.000Z',
      registeredAt: T0_ISO,
      channel: 'letter',
    });
  });

  it('records a report made on behalf of someone, with a pseudonymous person reference', () => {
    const [event] = given()
      .when(
        report({ onBehalfOf: { name: 'Anna Andersson', contact: ' 070-123 45 67 ' }, personRef: 'p-81f2' }),
      )
      .events();
    expect(event?.data).toMatchObject({
      onBehalfOf: { name: 'Anna Andersson', contact: '070-123 45 67' },
      personRef: 'p-81f2',
    });
  });

  it('accepts unclassified public feedback without a reporter account', () => {
    const [event] = given()
      .when(
        command(
          'report',
          {
            caseId: 'case-9',
            caseNumber: 'KL-2026-0113',
            type: 'complaint',
            unitId: 'forvaltning',
            description: 'Ingen ringde tillbaka.',
            channel: 'web',
            reporter: {},
            unclassified: true,
            contact: { email: 'a@example.se', phone: '  ' },
            wantsAnswer: true,
          },
          { username: 'public', roles: [] },
        ),
      )
      .events();
    expect(event).toEqual({
      type: 'CaseReported',
      data: {
        caseId: 'case-9',
        caseNumber: 'KL-2026-0113',
        type: 'complaint',
        unitId: 'forvaltning',
        reportedAt: T0_ISO,
        registeredAt: T0_ISO,
        description: 'Ingen ringde tillbaka.',
        channel: 'web',
        reporter: {},
        unclassified: true,
        contact: { email: 'a@example.se' },
        wantsAnswer: true,
      },
    });
  });

  it('keeps the category a citizen chose', () => {
    const [event] = given()
      .when(
        report({
          type: 'praise',
          caseNumber: 'BE-2026-0001',
          kind: 'praise',
          channel: 'web',
          occurredAt: '2026-11-19',
        }),
      )
      .events();
    expect(event?.data).toMatchObject({
      type: 'praise',
      kind: 'praise',
      unclassified: false,
      occurredAt: '2026-11-19',
    });
  });

  it('refuses a second report of the same case', () => {
    given(caseReported())
      .when(report())
      .thenRefused({ code: 'ALREADY_EXISTS', reason: 'CASE_ALREADY_EXISTS' });
  });

  it.each([
    ['description', { description: '   ' }, 'DESCRIPTION_REQUIRED'],
    ['unitId', { unitId: '' }, 'UNIT_ID_REQUIRED'],
    ['caseId', { caseId: '' }, 'CASE_ID_REQUIRED'],
    ['type', { type: 'organisational' as never }, 'TYPE_INVALID'],
    ['channel', { channel: 'fax' as never }, 'CHANNEL_INVALID'],
    ['caseNumber', { caseNumber: 'KL-2026-0007' }, 'CASE_NUMBER_INVALID'],
    ['caseNumber', { caseNumber: 'LS-26-7' }, 'CASE_NUMBER_INVALID'],
    ['occurredAt', { occurredAt: undefined }, 'OCCURRED_AT_REQUIRED'],
    ['occurredAt', { occurredAt: '20/11/2026' }, 'OCCURRED_AT_INVALID'],
    ['occurredAt', { occurredAt: '2026-11-21T10:00:00+01:00' }, 'OCCURRED_AT_IN_FUTURE'],
    ['reportedAt', { reportedAt: '2026-11-20T16:00:00' }, 'REPORTED_AT_INVALID'],
    ['reportedAt', { reportedAt: '2026-11-21T16:00:00+01:00' }, 'REPORTED_AT_IN_FUTURE'],
    ['onBehalfOf.name', { onBehalfOf: { name: ' ' } }, 'ON_BEHALF_OF_NAME_REQUIRED'],
    ['type', { unclassified: true }, 'TYPE_INVALID'],
    ['kind', { kind: 'complaint' as const }, 'KIND_MISMATCH'],
  ])('refuses an invalid %s (%j)', (field, overrides, reason) => {
    given().when(report(overrides)).thenRefused({ code: 'VALIDATION_FAILED', field, reason });
  });

  it('does not require occurredAt for a suggestion', () => {
    given()
      .when(report({ type: 'suggestion', caseNumber: 'SY-2026-0001', occurredAt: undefined }))
      .events();
  });
});

describe('the case number of a report', () => {
  it('changes nothing in the decision but the number itself (persistence decides with a stand-in, ADR 0017)', () => {
    const withStandIn = given()
      .when(report({ caseNumber: 'LS-2026-0001' }))
      .events();
    const withNumber = given()
      .when(report({ caseNumber: 'LS-2026-0417' }))
      .events();
    expect(withStandIn).toHaveLength(1);
    expect(withStandIn[0]?.type).toBe('CaseReported');
    expect(withNumber).toEqual([
      { ...withStandIn[0], data: { ...withStandIn[0]?.data, caseNumber: 'LS-2026-0417' } },
    ]);
  });
});
