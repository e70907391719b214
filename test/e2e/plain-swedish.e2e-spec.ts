import {
  expectProblem,
  startApi,
  type ApiResponse,
  type ProblemBody,
  type TestApi,
} from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

/**
 * Issue 21 "plain Swedish": what a person reads in an error answer carries no technical formats,
 * type names or requirement IDs.
 */
const TECHNICAL = [
  /ISO[- ]?8601/i,
  /ISO-vecka/i,
  /workingDays/,
  /\{\s*\w+:\s*n\s*\}/,
  /\bUUID\b/i,
  /\bP(T\d+[HMS]|\d+[YMWD])\b/,
  /\b(REP|AUD|LC|DL|PR|DATA|IMP)-\d+\b/,
  /\b[a-z]+_[a-z_]+\b/,
];

function technicalWordsIn(problem: ProblemBody): string[] {
  const texts = [problem.detail, ...(problem.errors ?? []).map((e) => e.message)];
  return texts.filter((text) => TECHNICAL.some((pattern) => pattern.test(text)));
}

describe('plain Swedish in error answers (issue 21)', () => {
  let api: TestApi;
  let kvalitet: string;

  beforeAll(async () => {
    api = await startApi({ PUBLIC_FEEDBACK_RATE_LIMIT: '50', TRUST_PROXY: 'true' });
    kvalitet = await api.token('kvalitet');
  });
  afterAll(async () => {
    await api?.close();
  });

  const expectPlain = (response: ApiResponse, code = 'VALIDATION_FAILED'): ProblemBody => {
    const problem = expectProblem(response, 400, code);
    expect(technicalWordsIn(problem)).toEqual([]);
    return problem;
  };

  it('a badly written time, date, week or id is explained without ISO-8601 or UUID', async () => {
    expectPlain(
      await api.call('POST', '/api/v1/cases', {
        token: kvalitet,
        body: report('deviation', 'solgarden', 'Fel tid', { occurredAt: 'igår kväll' }),
      }),
    );
    const date = expectPlain(await api.call('GET', '/api/v1/cases?from=20-11-2026', { token: kvalitet }));
    expect(JSON.stringify(date.errors)).toContain('ÅÅÅÅ-MM-DD');
    expectPlain(await api.call('GET', '/api/v1/reports/weekly-digest?week=2026-W60', { token: kvalitet }));
    expectPlain(await api.call('GET', '/api/v1/cases/inte-ett-id', { token: kvalitet }));
  });

  it('a policy deadline that is not a duration is explained as timmar, dagar or arbetsdagar', async () => {
    const current = await api.call<{
      version: number;
      deadlines: Record<string, unknown>;
      escalationChain: unknown;
    }>('GET', '/api/v1/policy', { token: kvalitet });
    const problem = expectPlain(
      await api.call('PUT', '/api/v1/policy', {
        token: kvalitet,
        body: {
          version: current.body.version,
          deadlines: { ...current.body.deadlines, acknowledgement: 'ett dygn' },
          escalationChain: current.body.escalationChain,
        },
      }),
    );
    expect(JSON.stringify(problem.errors)).toContain('3 arbetsdagar');
  });

  it('the access log is searched by case number and names the case by its number (DATA-5)', async () => {
    const created = await api.call<{ id: string; caseNumber: string }>('POST', '/api/v1/cases', {
      token: kvalitet,
      body: report('deviation', 'solgarden', 'Läst i loggkontrollen'),
    });
    expect(created.status).toBe(201);
    await syncReadModels(api.db.dataSource, api.store);
    const sas = await api.token('sas');
    await api.call('GET', `/api/v1/cases/${created.body.id}`, { token: kvalitet });
    type Log = { items: { caseId: string | null; caseNumber: string | null }[]; total: number };
    const byNumber = await api.call<Log>(
      'GET',
      `/api/v1/audit/access-log?caseNumber=${created.body.caseNumber.toLowerCase()}`,
      { token: kvalitet },
    );
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.total).toBeGreaterThan(0);
    expect(byNumber.body.items.every((i) => i.caseId === created.body.id)).toBe(true);
    expect(byNumber.body.items[0]!.caseNumber).toBe(created.body.caseNumber);
    const unknown = await api.call<Log>('GET', '/api/v1/audit/access-log?caseNumber=LS-1999-9999', {
      token: kvalitet,
    });
    expect(unknown.body).toMatchObject({ items: [], total: 0 });
    expect(
      (await api.call('GET', '/api/v1/audit/access-log?caseNumber=LS-1999-9999', { token: sas })).status,
    ).toBe(403);
  });

  describe('the citizen form (AUD-21)', () => {
    const send = (body: unknown, ip: string) =>
      api.call('POST', '/api/v1/public/feedback', { body, headers: { 'x-forwarded-for': ip } });

    const feedbackCount = async (): Promise<number> => {
      const rows: { n: string }[] = await api.db.dataSource.query(
        `SELECT count(*) AS n FROM events WHERE type = 'CaseReported' AND metadata->>'actor' = 'allmanheten'`,
      );
      return Number(rows[0]!.n);
    };

    it('"Jag vill få svar" without an e-mail address or phone number is refused and nothing is written', async () => {
      const before = await feedbackCount();
      const problem = expectPlain(
        await send({ message: 'Ingen ringde tillbaka', wantsAnswer: true }, '10.9.0.1'),
      );
      expect(problem.detail).toBe(
        'Om du vill få svar behöver du skriva din e-postadress eller ditt telefonnummer.',
      );
      expect(problem.errors).toEqual([
        expect.objectContaining({ field: 'contact', code: 'CONTACT_REQUIRED' }),
      ]);
      expectPlain(
        await send(
          { message: 'Ingen ringde tillbaka', wantsAnswer: true, contact: { email: '  ' } },
          '10.9.0.2',
        ),
      );
      expect(await feedbackCount()).toBe(before);
    });

    it('an e-mail address that cannot be right is refused in Swedish', async () => {
      const problem = expectPlain(
        await send({ message: 'Hej', wantsAnswer: true, contact: { email: 'anna.example.se' } }, '10.9.0.3'),
      );
      expect(problem.errors).toEqual([
        {
          field: 'contact.email',
          code: 'INVALID_EMAIL',
          message: 'E-postadressen ser inte ut att stämma. Skriv den som namn@exempel.se.',
        },
      ]);
    });

    it('an answer wish with a phone number only is accepted', async () => {
      const response = await send(
        { message: 'Ring mig gärna', wantsAnswer: true, contact: { phone: '070-123 45 67' } },
        '10.9.0.4',
      );
      expect(response.status).toBe(202);
    });
  });
});
