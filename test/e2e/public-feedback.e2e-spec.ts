import { randomUUID } from 'node:crypto';
import { expectProblem, startApi, type TestApi } from './support/api-harness';

describe('public feedback (e2e): no account, rate limited, idempotent', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ PUBLIC_FEEDBACK_RATE_LIMIT: '4', TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await api?.close();
  });

  const send = (body: unknown, ip: string, headers: Record<string, string> = {}) =>
    api.call<{ reference: string }>('POST', '/api/v1/public/feedback', {
      body,
      headers: { 'x-forwarded-for': ip, ...headers },
    });

  it('registers an uncategorised message as an unclassified complaint at the förvaltning, channel web', async () => {
    const response = await send({ message: 'Personalen var otrevlig mot min pappa' }, '10.0.0.1');
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ reference: expect.stringMatching(/^KL-\d{4}-\d{4,}$/) });
    const rows: { data: Record<string, unknown>; metadata: { actor: string } }[] =
      await api.db.dataSource.query(
        `SELECT e.data, e.metadata FROM events e WHERE e.type = 'CaseReported' AND e.data->>'caseNumber' = $1`,
        [response.body.reference],
      );
    expect(rows[0]!.data).toMatchObject({
      type: 'complaint',
      unclassified: true,
      unitId: 'forvaltning',
      channel: 'web',
    });
    expect(rows[0]!.metadata.actor).toBe('allmanheten');
  });

  it('keeps the kind, unit, contact and wish for an answer when given', async () => {
    const response = await send(
      {
        message: 'Tack för fin vård',
        kind: 'praise',
        unitId: 'solgarden',
        occurredAt: '2026-11-20',
        name: 'Anna',
        contact: { email: 'anna@example.se' },
        wantsAnswer: false,
      },
      '10.0.0.2',
    );
    expect(response.status).toBe(202);
    expect(response.body.reference).toMatch(/^BE-/);
    const kvalitet = await api.token('kvalitet');
    const id: { aggregate_id: string }[] = await api.db.dataSource.query(
      `SELECT aggregate_id FROM events WHERE data->>'caseNumber' = $1`,
      [response.body.reference],
    );
    const detail = await api.call<Record<string, unknown>>('GET', `/api/v1/cases/${id[0]!.aggregate_id}`, {
      token: kvalitet,
    });
    expect(detail.body).toMatchObject({
      type: 'praise',
      unclassified: false,
      kind: 'praise',
      unitId: 'solgarden',
      channel: 'web',
      reporter: { name: 'Anna' },
      contact: { email: 'anna@example.se' },
      wantsAnswer: false,
      description: 'Tack för fin vård',
    });
  });

  it('refuses an empty message, one over 10,000 characters and unknown fields with 400', async () => {
    expectProblem(await send({ message: '   ' }, '10.0.1.1'), 400, 'VALIDATION_FAILED');
    expectProblem(await send({ message: 'x'.repeat(10_001) }, '10.0.1.2'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await send({ message: 'hej', personnummer: '19121212-1212' }, '10.0.1.3'),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await send({}, '10.0.1.4'), 400, 'VALIDATION_FAILED');
    expectProblem(await send({ message: 'hej', kind: 'lex_sarah' }, '10.0.1.5'), 400, 'VALIDATION_FAILED');
  });

  it('limits each client address and answers 429 RATE_LIMITED with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send({ message: `synpunkt ${i}` }, '10.9.9.9')).status);
    expect(statuses).toEqual([202, 202, 202, 202]);
    const limited = await send({ message: 'en till' }, '10.9.9.9');
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await send({ message: 'från en annan adress' }, '10.9.9.10')).status).toBe(202);
  });

  it('replays the first answer for the same Idempotency-Key and refuses another body with 422', async () => {
    const key = randomUUID();
    const first = await send({ message: 'Maten var kall' }, '10.2.0.1', { 'Idempotency-Key': key });
    const again = await send({ message: 'Maten var kall' }, '10.2.0.1', { 'Idempotency-Key': key });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expectProblem(
      await send({ message: 'Något annat' }, '10.2.0.1', { 'Idempotency-Key': key }),
      422,
      'IDEMPOTENCY_CONFLICT',
    );
    // another client address is another scope
    expect((await send({ message: 'Något annat' }, '10.2.0.2', { 'Idempotency-Key': key })).status).toBe(202);
  });
});
