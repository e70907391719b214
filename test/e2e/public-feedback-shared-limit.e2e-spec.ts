import { AppProcess, waitUntil } from '../support/app-process';
import { infraEnv } from '../support/infra-env';
import { expectProblem, freePort, startApi, type TestApi } from './support/api-harness';

/**
 * The rate limit of POST /public/feedback holds across api instances (Postgres-backed, shared): two
 * real api processes on one database, one client address, a limit of 5 a minute — 5 accepted in
 * total, whichever instance they reach, then 429 RATE_LIMITED with Retry-After from both.
 */
describe('public feedback: one rate limit shared by two api processes', () => {
  let api: TestApi;
  let second: AppProcess;
  let secondUrl: string;

  beforeAll(async () => {
    api = await startApi({ PUBLIC_FEEDBACK_RATE_LIMIT: '5', TRUST_PROXY: 'true' });
    const infra = infraEnv();
    const port = await freePort();
    secondUrl = `http://127.0.0.1:${port}`;
    second = new AppProcess(
      'apps/api/src/main.ts',
      {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: api.db.url,
        DATABASE_POOL_SIZE: '5',
        TEMPORAL_ADDRESS: infra.TEMPORAL_ADDRESS,
        KAFKA_BROKERS: infra.KAFKA_BROKERS,
        AUTH_MODE: 'dev',
        LOG_LEVEL: 'warn',
        MIGRATE_ON_START: 'false',
        PUBLIC_FEEDBACK_RATE_LIMIT: '5',
        TRUST_PROXY: 'true',
      },
      'api-2',
    );
    second.start();
    await waitUntil(
      () =>
        fetch(`${secondUrl}/health/live`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
      'the second api answers',
    );
  });
  afterAll(async () => {
    if (second?.running) await second.terminate(15_000).catch(() => undefined);
    await api?.close();
  });

  async function send(baseUrl: string, ip: string) {
    const response = await fetch(`${baseUrl}/api/v1/public/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ message: 'Lång väntan i telefon' }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, text };
  }

  it('accepts 5 in total across both instances, then both answer 429 with Retry-After', async () => {
    const ip = '192.0.2.44';
    const accepted = [
      await send(api.baseUrl, ip),
      await send(secondUrl, ip),
      await send(api.baseUrl, ip),
      await send(secondUrl, ip),
      await send(secondUrl, ip),
    ];
    expect(accepted.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    for (const baseUrl of [api.baseUrl, secondUrl]) {
      const limited = await send(baseUrl, ip);
      expectProblem({ ...limited, body: limited.body as never }, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Another address is not affected.
    expect((await send(secondUrl, '192.0.2.45')).status).toBe(202);
  });

  it('a burst split over both instances at once is still held to the limit', async () => {
    const ip = '192.0.2.46';
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => send(i % 2 === 0 ? api.baseUrl : secondUrl, ip)),
    );
    expect(responses.filter((r) => r.status === 202)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(11);
  });
});
