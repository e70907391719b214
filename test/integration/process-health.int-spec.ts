import { deleteRunTopics } from '../support/app-processes';
import { AppProcess, waitForValue } from '../support/app-process';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';
import { freePort, METRICS_AUTH, startApi, type TestApi } from '../e2e/support/api-harness';
import { report } from '../e2e/support/fixtures';
import { createKafka, parseBrokers } from '@kvalitet/messaging';

interface Readiness {
  status: string;
  checks: { name: string; ok: boolean; detail: string }[];
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

/** The value of one Prometheus sample line, e.g. `kvalitet_ready{service="worker"}`. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * Issue 20: readiness that matches what each process needs. The api is ready on Postgres alone and
 * reports Temporal and Kafka as degraded; the worker and the projector serve /health/live,
 * /health/ready and /metrics on their own ports. The shared Temporal server is never stopped: the
 * api gets an address where no Temporal listens.
 */
describe('health and metrics of each process', () => {
  describe('the api while Temporal is unreachable', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startApi({ TEMPORAL_ADDRESS: '127.0.0.1:1' });
    }, 120_000);
    afterAll(async () => {
      await api?.close();
    });

    it('starts, is ready (degraded) on Postgres, says which server is missing, and takes a report in', async () => {
      expect((await api.call('GET', '/health/live')).status).toBe(200);

      const open = await api.call('GET', '/health/ready');
      expect(open.status).toBe(200);
      expect(open.body).toEqual({ status: 'degraded' });

      // Kafka's first admin connection on a busy machine may take longer than one check allows.
      const detailed = await waitForValue(
        async () => {
          const answer = await api.call<{
            status: string;
            ready: boolean;
            degraded: string[];
            dependencies: Record<string, { status: string }>;
          }>('GET', '/health/ready', { headers: METRICS_AUTH });
          return answer.body.dependencies.kafka?.status === 'up' ? answer : null;
        },
        60_000,
        'api: Kafka svarar',
        { intervalMs: 1000 },
      );
      expect(detailed.body).toMatchObject({ status: 'degraded', ready: true, degraded: ['temporal'] });
      expect(detailed.body.dependencies.postgres!.status).toBe('up');
      expect(detailed.body.dependencies.temporal!.status).toBe('down');
      expect(detailed.body.dependencies.kafka!.status).toBe('up');

      const metrics = await api.call('GET', '/metrics', { headers: METRICS_AUTH });
      expect(sample(metrics.text, 'kvalitet_dependency_up{dependency="postgres"}')).toBe(1);
      expect(sample(metrics.text, 'kvalitet_dependency_up{dependency="temporal"}')).toBe(0);
      expect(sample(metrics.text, 'kvalitet_dependency_up{dependency="kafka"}')).toBe(1);

      const staff = await api.token('medarbetare');
      const created = await api.call('POST', '/api/v1/cases', {
        token: staff,
        body: report('deviation', 'solgarden'),
      });
      expect(created.status).toBe(201);
    });
  });

  it('a worker started while Temporal is unreachable stays live, is not ready and says why, and stops on SIGTERM', async () => {
    const db = await createTestDatabase({ poolSize: 2 });
    const port = await freePort();
    const worker = new AppProcess(
      'apps/worker/src/main.ts',
      {
        ...(infraEnv() as unknown as Record<string, string>),
        DATABASE_URL: db.url,
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        WORKER_HEALTH_PORT: String(port),
        LOG_LEVEL: 'info',
      },
      'worker',
    );
    worker.start();
    try {
      const notReady = await waitForValue(
        async () => {
          const answer = await get(`http://127.0.0.1:${port}/health/ready`);
          return answer.status === 503 && worker.text.includes('Temporal svarar inte') ? answer : null;
        },
        120_000,
        'worker: live, not ready',
        { retryErrors: true, intervalMs: 500 },
      );
      const body = JSON.parse(notReady.text) as Readiness;
      expect(body.status).toBe('unavailable');
      expect(body.checks.find((c) => c.name === 'temporal')).toMatchObject({
        ok: false,
        detail: 'ansluter till Temporal / connecting to Temporal',
      });
      expect((await get(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      const metrics = await get(`http://127.0.0.1:${port}/metrics`);
      expect(sample(metrics.text, 'kvalitet_ready{service="worker"}')).toBe(0);
      expect(worker.running).toBe(true);
    } finally {
      await worker.terminate(30_000).catch(() => undefined);
      await db.drop();
    }
  }, 180_000);

  describe('the worker and the projector on their own health ports', () => {
    let db: TestDatabase;
    const topics = testTopics();
    let worker: AppProcess;
    let projector: AppProcess;
    let workerPort: number;
    let projectorPort: number;

    beforeAll(async () => {
      db = await createTestDatabase();
      [workerPort, projectorPort] = [await freePort(), await freePort()];
      const env = {
        ...(infraEnv() as unknown as Record<string, string>),
        DATABASE_URL: db.url,
        KAFKA_NAMESPACE: topics.prefix,
        TEMPORAL_TASK_QUEUE: `health-${topics.prefix}`,
        LOG_LEVEL: 'info',
      };
      worker = new AppProcess(
        'apps/worker/src/main.ts',
        { ...env, WORKER_HEALTH_PORT: String(workerPort) },
        'worker',
      );
      projector = new AppProcess(
        'apps/projector/src/main.ts',
        { ...env, PROJECTOR_HEALTH_PORT: String(projectorPort) },
        'projector',
      );
      worker.start();
      projector.start();
    }, 60_000);

    afterAll(async () => {
      await worker?.terminate(30_000).catch(() => undefined);
      await projector?.terminate(30_000).catch(() => undefined);
      const infra = infraEnv();
      await deleteRunTopics(
        createKafka({ brokers: parseBrokers(infra.KAFKA_BROKERS), clientId: 'health-test' }),
        topics,
      );
      await db?.drop();
    }, 90_000);

    it.each([
      ['worker', () => workerPort, ['temporal', 'polling']],
      ['projector', () => projectorPort, ['postgres', 'kafka-consumer-groups', 'consumers']],
    ] as const)(
      '%s: live at once, ready once its checks pass, and its metrics say so',
      async (service, port, checks) => {
        const base = () => `http://127.0.0.1:${port()}`;
        const process = service === 'worker' ? worker : projector;
        const live = await waitForValue(
          async () => (await get(`${base()}/health/live`)).status === 200,
          120_000,
          `${service} /health/live`,
          { retryErrors: true, intervalMs: 250 },
        ).catch((error: unknown) => {
          throw new Error(`${String(error)}\n${process.text.slice(-3000)}`);
        });
        expect(live).toBe(true);

        const ready = await waitForValue(
          async () => {
            const answer = await get(`${base()}/health/ready`);
            return answer.status === 200 ? (JSON.parse(answer.text) as Readiness) : null;
          },
          180_000,
          `${service} /health/ready`,
          { retryErrors: true, intervalMs: 500 },
        ).catch(async (error: unknown) => {
          const last = await get(`${base()}/health/ready`).catch((e: unknown) => ({
            status: 0,
            text: String(e),
          }));
          throw new Error(
            `${String(error)}; sist / last: ${last.status} ${last.text}\n${process.text.slice(-3000)}`,
          );
        });
        expect(ready.status).toBe('ready');
        expect(ready.checks.map((c) => c.name)).toEqual(checks);
        expect(ready.checks.every((c) => c.ok)).toBe(true);

        const metrics = await get(`${base()}/metrics`);
        expect(metrics.status).toBe(200);
        expect(sample(metrics.text, `kvalitet_ready{service="${service}"}`)).toBe(1);
        for (const check of checks)
          expect(
            sample(metrics.text, `kvalitet_readiness_check{service="${service}",check="${check}"}`),
          ).toBe(1);
        expect(metrics.text).toContain(`kvalitet_${service}_process_cpu_seconds_total`);
        if (service === 'worker') expect(metrics.text).toContain('kvalitet_worker_activities_in_flight');
        else expect(metrics.text).toContain('kvalitet_consumer_paused_partitions');
        expect((await get(`${base()}/nothing-here`)).status).toBe(404);
      },
      300_000,
    );
  });
});
