import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { METRICS_AUTH, startApi, type TestApi } from './support/api-harness';
import { waitUntil } from '../support/app-process';

// API_WORKERS=2 (ADR 0013): one primary, two api processes on one port. Everything a request needs
// lives in Postgres, so the answers must be the same as with one process whichever worker answers.

/** The pids of the processes whose parent is `parent` (the primary's workers). */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const REPORT = {
  type: 'deviation',
  unitId: 'solgarden',
  occurredAt: '2026-11-20T14:05:00+01:00',
  description: 'Brukare föll i korridoren vid förflyttning nattetid.',
  channel: 'staff_form',
};

describe('api with two worker processes (API_WORKERS=2)', () => {
  let api: TestApi;
  let staff: string;

  beforeAll(async () => {
    api = await startApi({ API_WORKERS: '2', MIGRATE_ON_START: 'true' });
    staff = await api.token('medarbetare');
    await waitUntil(async () => childrenOf(api.process.pid!).length === 2, 30_000, 'två api-processer');
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('gives 120 concurrent reports from both workers gap-free case numbers 1…120', async () => {
    const responses = await Promise.all(
      Array.from({ length: 120 }, () =>
        api.call<{ caseNumber: string }>('POST', '/api/v1/cases', { token: staff, body: REPORT }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(120).fill(201));
    const numbers = responses.map((r) => Number(r.body.caseNumber.split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('makes one case for 20 concurrent retries with one Idempotency-Key, whichever worker gets them', async () => {
    const key = `kluster-${randomUUID()}`;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.call<{ id: string }>('POST', '/api/v1/cases', {
          token: staff,
          body: REPORT,
          headers: { 'Idempotency-Key': key },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const reported: { count: string }[] = await api.db.dataSource.query(
      `SELECT count(*) FROM events WHERE type = 'CaseReported' AND aggregate_id = $1`,
      [responses[0]!.body.id],
    );
    expect(Number(reported[0]!.count)).toBe(1);
  });

  it('serves /metrics as the sum of both workers, with the outbox backlog counted once', async () => {
    const before = await api.call<string>('GET', '/metrics', { headers: METRICS_AUTH });
    const created = (text: string) =>
      Number(
        /^http_requests_total\{method="POST",route="\/api\/v1\/cases",status="201"\} (\d+)$/m.exec(
          text,
        )?.[1] ?? 0,
      );
    await Promise.all(
      Array.from({ length: 30 }, () => api.call('POST', '/api/v1/cases', { token: staff, body: REPORT })),
    );
    const after = await api.call<string>('GET', '/metrics', { headers: METRICS_AUTH });
    expect(after.status).toBe(200);
    expect(created(after.text) - created(before.text)).toBe(30);
    const pending: { count: string }[] = await api.db.dataSource.query(
      `SELECT count(*) FROM outbox WHERE published_at IS NULL`,
    );
    const backlog = Number(/^outbox_backlog (\d+)$/m.exec(after.text)?.[1]);
    // nothing publishes this test database's outbox, so the backlog is exactly what was written
    expect(backlog).toBe(Number(pending[0]!.count));
  }, 60_000);

  it('replaces a worker that is killed and keeps answering meanwhile', async () => {
    const [victim] = childrenOf(api.process.pid!);
    process.kill(victim!, 'SIGKILL');
    // the client's kept-alive connection to the killed worker is gone with it; let the pool see that
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answered = await api.call('POST', '/api/v1/cases', { token: staff, body: REPORT });
    expect(answered.status).toBe(201);
    await waitUntil(
      async () => {
        const workers = childrenOf(api.process.pid!);
        return workers.length === 2 && !workers.includes(victim!);
      },
      30_000,
      'en ny api-process ersätter den dödade',
    );
    await waitUntil(
      async () => (await api.call('GET', '/health/ready')).status === 200,
      30_000,
      'api redo igen',
    );
  }, 60_000);

  it('stops cleanly on SIGTERM: the primary waits for its workers and exits 0', async () => {
    const workers = childrenOf(api.process.pid!);
    const code = await api.process.terminate(20_000);
    expect(code).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});
