import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECTOR_STARTED } from '../../../apps/projector/src/projector-started';
import { freePort } from '../../e2e/support/api-harness';
import { createKafka, parseBrokers } from '@kvalitet/messaging';
import { AppProcess, waitUntil } from '../../support/app-process';
import { deleteRunTopics } from '../../support/app-processes';
import { infraEnv } from '../../support/infra-env';
import { createTemporalNamespace } from '../../support/temporal-namespace';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { testTopics } from '../../support/test-topics';

export const WEB_DIST = resolve(__dirname, '../../../apps/web/dist');

export interface RunningSystem {
  baseUrl: string;
  db: TestDatabase;
  api: AppProcess;
  close(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it, on a fresh database and Kafka topics of its own: the api
 * (serving the built web app at `/`), the projector (outbox relay, read models, orchestrator) and the
 * Temporal worker, against the real Postgres, Kafka and Temporal.
 */
export async function startSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  if (!existsSync(resolve(WEB_DIST, 'index.html')))
    throw new Error(
      `webbappen är inte byggd (${WEB_DIST}); kör: npx vite build --config apps/web/vite.config.mts`,
    );
  const db = await createTestDatabase({ poolSize: 5 });
  const infra = infraEnv();
  const topics = testTopics();
  const port = await freePort();
  const namespace = await createTemporalNamespace(infra.TEMPORAL_ADDRESS, 'browser');
  const common = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: infra.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: namespace,
    KAFKA_BROKERS: infra.KAFKA_BROKERS,
    KAFKA_NAMESPACE: topics.prefix,
    TEMPORAL_TASK_QUEUE: `browser-${topics.prefix}`,
    // Several systems run at once (and beside `npm start`): no fixed health ports for these two.
    PROJECTOR_HEALTH_PORT: '0',
    PROJECTOR_HTTP_PORT: '0',
    WORKER_HEALTH_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const api = new AppProcess(
    'apps/api/src/main.ts',
    {
      ...common,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_POOL_SIZE: '10',
      AUTH_MODE: 'dev',
      MIGRATE_ON_START: 'false',
      PUBLIC_FEEDBACK_RATE_LIMIT: '1000',
      WEB_DIST_DIR: WEB_DIST,
      ...env,
    },
    'api',
  );
  // Info level for these two: the suite waits for their "ready" lines, since tasks come from the
  // workflows (worker) through the read model (projector), and bundling workflows is slow under load.
  const projector = new AppProcess(
    'apps/projector/src/main.ts',
    { ...common, LOG_LEVEL: 'info' },
    'projector',
  );
  const worker = new AppProcess('apps/worker/src/main.ts', { ...common, LOG_LEVEL: 'info' }, 'worker');
  const processes = [api, projector, worker];
  const baseUrl = `http://127.0.0.1:${port}`;
  const close = async () => {
    for (const p of processes) if (p.running) await p.terminate(30_000).catch(() => undefined);
    await db.drop();
    // Thirty-odd systems of ~80 partitions each would otherwise stay on the one broker all run long.
    await deleteRunTopics(
      createKafka({
        clientId: 'browser-cleanup',
        brokers: parseBrokers(infra.KAFKA_BROKERS),
        log: () => undefined,
      }),
      topics,
    );
  };
  projector.watchFor(PROJECTOR_STARTED);
  processes.forEach((p) => p.start());
  try {
    await waitUntil(
      async () => {
        for (const p of processes)
          if (!p.running) throw new Error(`${p.label} avslutades vid start:\n${p.text}`);
        return fetch(`${baseUrl}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
      },
      120_000,
      'api redo',
    );
    await waitUntil(
      async () => worker.text.includes('Temporal-arbetaren är igång'),
      240_000,
      'Temporal-arbetaren igång',
    );
    await projector.waitForOutput(PROJECTOR_STARTED, 120_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { baseUrl, db, api, close };
}
