import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { CALENDAR_VALIDATION_CASES } from './support/calendar-validation-cases';

interface Meeting {
  date: string;
  time?: string;
  title?: string;
}
interface CalendarBody {
  version: number;
  meetings: Meeting[];
  changedBy?: string;
  changedAt?: string;
}

/**
 * The nämnd's meeting calendar (DL-6, api.md v1.1 `GET/PUT /api/v1/board-meetings`): shaped like the
 * ledningsgrupp's meeting calendar; kvalitet writes, anyone signed in reads.
 */
describe('GET/PUT /api/v1/board-meetings (e2e)', () => {
  let api: TestApi;
  let kvalitet: string;

  beforeAll(async () => {
    api = await startApi();
    kvalitet = await api.token('kvalitet');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('starts with the demo calendar (version 1): a Wednesday mid-month each month but July', async () => {
    const demo = await api.call<CalendarBody>('GET', '/api/v1/board-meetings', { token: kvalitet });
    expect(demo.status).toBe(200);
    expect(demo.body.version).toBe(1);
    const dates = demo.body.meetings.map((m) => m.date);
    expect(dates.filter((d) => d.startsWith('2026-'))).toHaveLength(11);
    expect(dates.filter((d) => d.startsWith('2027-'))).toHaveLength(11);
    expect(dates.some((d) => d.slice(5, 7) === '07')).toBe(false);
    expect(dates).toEqual(expect.arrayContaining(['2026-12-16', '2027-01-20', '2027-08-18']));
    expect(demo.body.meetings[0]).toEqual({
      date: '2026-01-21',
      time: '13:00',
      title: 'Socialnämndens sammanträde',
    });
  });

  it('saves a new version, sorted and trimmed, that everyone reads', async () => {
    const put = await api.call<CalendarBody>('PUT', '/api/v1/board-meetings', {
      token: kvalitet,
      body: {
        version: 1,
        meetings: [
          { date: '2027-06-16', time: '13:00', title: ' Sammanträde med bokslut ' },
          { date: '2027-01-20' },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      version: 2,
      meetings: [
        { date: '2027-01-20' },
        { date: '2027-06-16', time: '13:00', title: 'Sammanträde med bokslut' },
      ],
      changedBy: 'kvalitet',
    });
    const read = await api.call<CalendarBody>('GET', '/api/v1/board-meetings', {
      token: await api.token('medarbetare'),
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ version: 2, meetings: put.body.meetings });
  });

  it('refuses a stale version with 409 and keeps the calendar', async () => {
    const stale = await api.call('PUT', '/api/v1/board-meetings', {
      token: kvalitet,
      body: { version: 1, meetings: [{ date: '2027-03-17' }] },
    });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    const read = await api.call<CalendarBody>('GET', '/api/v1/board-meetings', { token: kvalitet });
    expect(read.body.version).toBe(2);
    expect(read.body.meetings.map((m) => m.date)).toEqual(['2027-01-20', '2027-06-16']);
  });

  it.each<[string, object, string, string | undefined]>([
    ...CALENDAR_VALIDATION_CASES,
    [
      'a timestamp for a date',
      { meetings: [{ date: '2027-03-17T13:00:00Z' }] },
      'meetings[0].date',
      'INVALID_FORMAT',
    ],
    ['a string version', { version: 'två', meetings: [] }, 'version', undefined],
  ])('answers 400 in Swedish for %s and writes nothing', async (_label, body, field, code) => {
    const response = await api.call('PUT', '/api/v1/board-meetings', { token: kvalitet, body });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, ...(code ? { code } : {}) })]),
    );
    for (const error of problem.errors ?? []) expect(error.message).toMatch(/[a-zåäö]/i);
    expect(problem.detail).toMatch(/[a-zåäö]/i);
    expect(
      (await api.call<CalendarBody>('GET', '/api/v1/board-meetings', { token: kvalitet })).body.version,
    ).toBe(2);
  });

  // Authorisation: every demo user reads; only kvalitet writes.
  const matrix: [string, number][] = [
    ['medarbetare', 403],
    ['enhetschef', 403],
    ['avdelningschef', 403],
    ['forvaltningschef', 403],
    ['sas', 403],
    ['mas', 403],
    ['ledning', 403],
    ['dataskydd', 403],
    ['kvalitet', 200],
  ];
  it.each(matrix)('%s: GET 200, PUT %i', async (username, put) => {
    const token = await api.token(username);
    expect((await api.call('GET', '/api/v1/board-meetings', { token })).status).toBe(200);
    const write = await api.call('PUT', '/api/v1/board-meetings', {
      token,
      body: { meetings: [{ date: '2027-01-20' }, { date: '2027-06-16', time: '13:00' }] },
    });
    if (put === 200) expect(write.status).toBe(200);
    else expectProblem(write, put, 'FORBIDDEN');
  });

  it('without a token: 401 for both', async () => {
    expectProblem(await api.call('GET', '/api/v1/board-meetings'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await api.call('PUT', '/api/v1/board-meetings', { body: { meetings: [] } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('is in the OpenAPI document with its body, answers and problems', async () => {
    const doc = (
      await api.call<{
        paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
        components: { schemas: Record<string, { properties?: Record<string, { maxItems?: number }> }> };
      }>('GET', '/api/v1/openapi.json')
    ).body;
    const path = doc.paths['/api/v1/board-meetings']!;
    expect(Object.keys(path['get']!.responses)).toEqual(expect.arrayContaining(['200', '401']));
    expect(Object.keys(path['put']!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '409']),
    );
    expect(JSON.stringify(path['put']!.requestBody)).toContain('BoardMeetingsDocumentDto');
    expect(doc.components.schemas['BoardMeetingsDocumentDto']!.properties!['meetings']!.maxItems).toBe(200);
  });
});
