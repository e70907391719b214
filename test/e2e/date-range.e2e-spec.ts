import { randomUUID } from 'node:crypto';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';

/**
 * Issue 23: a date or timestamp a store cannot hold (or outside the accepted years, 1900–2100 by
 * default) is a 400 at the edge naming the field, and nothing is stored — not a dead letter later.
 */
describe('dates outside the accepted years are refused at the edge (e2e)', () => {
  let api: TestApi;
  let staff: string;
  let kvalitet: string;

  beforeAll(async () => {
    api = await startApi();
    staff = await api.token('medarbetare');
    kvalitet = await api.token('kvalitet');
  });
  afterAll(async () => {
    await api?.close();
  });

  const stored = async () => {
    const [row] = (await api.db.dataSource.query(
      `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM outbox)::int AS outbox,
              (SELECT count(*) FROM idempotency_keys)::int AS keys`,
    )) as { events: number; outbox: number; keys: number }[];
    return row;
  };
  const outOfRange = (field: string) => ({
    field,
    code: 'OUT_OF_RANGE',
    message: `Fältet ${field} måste ligga mellan år 1900 och 2100.`,
  });

  it('POST /cases with occurredAt 9999-12-31T23:59:59-18:00 (year 10000 in UTC) is 400 naming the field; nothing is stored', async () => {
    const before = await stored();
    const response = await api.call('POST', '/api/v1/cases', {
      token: staff,
      headers: { 'Idempotency-Key': randomUUID() },
      body: report('deviation', 'solgarden', 'Händelse med omöjlig tidpunkt', {
        occurredAt: '9999-12-31T23:59:59-18:00',
      }),
    });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual(expect.arrayContaining([outOfRange('occurredAt')]));
    for (const error of problem.errors ?? [])
      expect(error).toMatchObject({ field: 'occurredAt', code: 'OUT_OF_RANGE' });
    expect(await stored()).toEqual(before);
  });

  it('the written year may be inside while the instant is not, and the other way round', async () => {
    for (const [field, value] of [
      ['reportedAt', '1900-01-01T00:30:00+01:00'],
      ['occurredAt', '1899-12-31T23:30:00-01:00'],
    ] as const) {
      const problem = expectProblem(
        await api.call('POST', '/api/v1/cases', {
          token: staff,
          body: report('deviation', 'solgarden', 'x', { [field]: value }),
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual([outOfRange(field)]);
    }
  });

  it('a wrong form is still INVALID_FORMAT, and the boundary year itself is accepted', async () => {
    const problem = expectProblem(
      await api.call('POST', '/api/v1/cases', {
        token: staff,
        body: report('deviation', 'solgarden', 'x', { occurredAt: '1800-02-30' }),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'occurredAt', code: 'INVALID_FORMAT' }),
    ]);
    const created = await api.call('POST', '/api/v1/cases', {
      token: staff,
      body: report('deviation', 'solgarden', 'Gammal händelse', { occurredAt: '1900-01-01' }),
    });
    expect(created.status).toBe(201);
  });

  it.each([
    ['/api/v1/cases?from=1899-12-31', 'from', 'OUT_OF_RANGE'],
    ['/api/v1/cases?to=2101-01-01T00:00:00%2B01:00', 'to', 'OUT_OF_RANGE'],
    ['/api/v1/reports/statistics?from=2100-12-31T23:30:00-01:00', 'from', 'OUT_OF_RANGE'],
    ['/api/v1/reports/weekly-digest?week=2101-W01', 'week', 'OUT_OF_RANGE'],
    ['/api/v1/reports/weekly-digest?week=2027-W53', 'week', 'INVALID_FORMAT'],
  ])('GET %s is 400 with %s %s', async (path, field, code) => {
    const problem = expectProblem(await api.call('GET', path, { token: kvalitet }), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ field, code })]);
    if (code === 'OUT_OF_RANGE') expect(problem.errors).toEqual([outOfRange(field)]);
  });

  it('register dates and the meeting calendar are range-checked too', async () => {
    const before = await stored();
    const training = expectProblem(
      await api.call('POST', '/api/v1/training/records', {
        token: kvalitet,
        body: { username: 'ny.medarbetare', unitId: 'solgarden', hiredOn: '2101-01-01' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(training.errors).toEqual([outOfRange('hiredOn')]);
    const calendar = expectProblem(
      await api.call('PUT', '/api/v1/meeting-calendar', {
        token: kvalitet,
        body: { meetings: [{ date: '2101-01-06' }] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(calendar.errors).toEqual(expect.arrayContaining([outOfRange('meetings[0].date')]));
    expect(await stored()).toEqual(before);
  });
});
