import { randomUUID } from 'node:crypto';
import { startApi, type TestApi } from './support/api-harness';
import { crashWindow, type CrashWindow } from './support/crash-window';

interface CaseBody {
  id: string;
  caseNumber: string;
  version: number;
}

const report = {
  type: 'deviation',
  unitId: 'solgarden',
  occurredAt: '2026-11-20T14:05:00+01:00',
  description: 'Läkemedel gavs vid fel tid',
  channel: 'staff_form',
};

/**
 * The Idempotency-Key crash window (ADR 0009), against the real api process: the api is killed with
 * kill -9 after the case is committed but before the answer is stored (a trigger holds the UPDATE that
 * stores it), or before the case is committed (a trigger holds the INSERT of the events). A retry with
 * the same key and body after a restart answers 201 with the one case — never a second case, never a
 * 503 forever.
 */
describe('Idempotency-Key: kill -9 between commit and stored answer', () => {
  let api: TestApi;
  let token: string;
  let crash: CrashWindow;

  beforeAll(async () => {
    api = await startApi({ IDEMPOTENCY_LEASE_SECONDS: '1' });
    crash = crashWindow(api);
    token = await api.token('medarbetare');
  });
  afterAll(async () => {
    await crash?.cleanUp();
    await api?.close();
  });

  const q = (sql: string, params: unknown[] = []) => api.db.dataSource.query(sql, params);

  const post = (key: string) =>
    api.call<CaseBody>('POST', '/api/v1/cases', { token, body: report, headers: { 'idempotency-key': key } });

  const casesOfKey = async (key: string) =>
    (await q(`SELECT aggregate_id FROM idempotency_keys WHERE key = $1`, [key])) as {
      aggregate_id: string;
    }[];

  it('dies after the commit: the retry answers 201 with the committed case; the next retry replays it', async () => {
    const key = `crash-after-commit-${randomUUID()}`;
    await crash.hold('idempotency_keys');
    const first = post(key).catch((error: unknown) => error);
    await crash.crashWhileHeld('idempotency_keys');
    expect(String(await first)).toMatch(/fetch failed|socket|ECONNRESET/i); // the client never got an answer
    const [claim] = await casesOfKey(key);
    const committed = await q(
      `SELECT aggregate_id FROM events WHERE type = 'CaseReported' AND aggregate_id = $1`,
      [claim!.aggregate_id],
    );
    expect(committed).toHaveLength(1); // the case was durable before the crash
    expect((await q(`SELECT status FROM idempotency_keys WHERE key = $1`, [key]))[0].status).toBe(
      'in_progress',
    );

    await crash.restart();
    const retry = await post(key);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(claim!.aggregate_id);
    expect(retry.headers.get('location')).toBe(`/api/v1/cases/${claim!.aggregate_id}`);
    const again = await post(key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(retry.body.id);
    expect(again.body.caseNumber).toBe(retry.body.caseNumber);
    const reported = await q(
      `SELECT count(*)::int AS n FROM events WHERE type = 'CaseReported' AND aggregate_id = $1`,
      [claim!.aggregate_id],
    );
    expect(reported[0].n).toBe(1);
  });

  it('dies before the commit: the retry creates the case once', async () => {
    const key = `crash-before-commit-${randomUUID()}`;
    const before = (await q(`SELECT count(*)::int AS n FROM events WHERE type = 'CaseReported'`))[0]
      .n as number;
    await crash.hold('events', 'CaseReported');
    const first = post(key).catch((error: unknown) => error);
    await crash.crashWhileHeld('events');
    expect(String(await first)).toMatch(/fetch failed|socket|ECONNRESET/i);
    expect((await q(`SELECT count(*)::int AS n FROM events WHERE type = 'CaseReported'`))[0].n).toBe(before);

    await crash.restart();
    const [retry, concurrent] = await Promise.all([post(key), post(key)]);
    expect(retry.status).toBe(201);
    expect(concurrent.status).toBe(201);
    expect(concurrent.body.id).toBe(retry.body.id);
    expect(retry.body.id).toBe((await casesOfKey(key))[0]!.aggregate_id);
    expect((await q(`SELECT count(*)::int AS n FROM events WHERE type = 'CaseReported'`))[0].n).toBe(
      before + 1,
    );
  });

  it('public feedback recovers the same way: the same reference after the crash', async () => {
    const key = `public-crash-${randomUUID()}`;
    const send = () =>
      api.call<{ reference: string }>('POST', '/api/v1/public/feedback', {
        body: { message: 'Maten var kall igen' },
        headers: { 'idempotency-key': key },
      });
    await crash.hold('idempotency_keys');
    const first = send().catch((error: unknown) => error);
    await crash.crashWhileHeld('idempotency_keys');
    expect(String(await first)).toMatch(/fetch failed|socket|ECONNRESET/i);
    await crash.restart();
    const retry = await send();
    expect(retry.status).toBe(202);
    const [claim] = await casesOfKey(key);
    const numbers: { case_number: string }[] = await q(
      `SELECT data->>'caseNumber' AS case_number FROM events WHERE aggregate_id = $1 AND type = 'CaseReported'`,
      [claim!.aggregate_id],
    );
    expect(numbers.map((n) => n.case_number)).toEqual([retry.body.reference]);
  });
});
