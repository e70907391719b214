import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { openDataSource } from '@kvalitet/persistence';
import { databaseTls, type Logger } from '@kvalitet/runtime';
import type { ApiConfig } from '../config/api-config.schema';
import { isMetricsRequest, METRICS_RESPONSE, type MetricsResponse } from './cluster-metrics-messages';

const GRACE_MS = 30_000;
/** A worker that dies this soon after it was started counts as a failed start. */
const EARLY_EXIT_MS = 15_000;
const MAX_FAILED_STARTS = 3;
const RESTART_DELAY_MS = 1_000;

/**
 * `API_WORKERS` > 1: this process runs the migrations once, then forks that many api workers that
 * share the listening port (Node's cluster hands out connections round-robin). Everything a request
 * depends on is in Postgres (idempotency keys, rate limits, case numbers), so any worker may answer
 * any request. A worker that dies is replaced; one that keeps dying at start stops the api, since
 * its cause (configuration, database) will not go away by itself. SIGTERM/SIGINT are passed on and
 * the primary exits when the workers have closed (ADR 0013).
 */
export async function runApiPrimary(config: ApiConfig, logger: Logger): Promise<void> {
  if (config.MIGRATE_ON_START === 'true') {
    const dataSource = await openDataSource({
      url: config.DATABASE_URL,
      migrate: true,
      ownerUrl: config.DATABASE_OWNER_URL,
      poolSize: 1,
      applicationName: 'kvalitet-api-migrate',
      ssl: databaseTls((name) => config[name]),
    });
    await dataSource.destroy();
  }
  // The workers serve requests as the runtime role only: the owner's address stays in this process.
  delete process.env['DATABASE_OWNER_URL'];
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  let failedStarts = 0;
  const startedAt = new Map<number, number>();

  const fork = (): Worker => {
    const worker = cluster.fork({ MIGRATE_ON_START: 'false', API_WORKER: 'true' });
    startedAt.set(worker.id, Date.now());
    return worker;
  };

  cluster.on('message', (worker, message: unknown) => {
    if (!isMetricsRequest(message)) return;
    aggregator.clusterMetrics().then(
      (text) => reply(worker, { type: METRICS_RESPONSE, id: message.id, text }),
      (error: unknown) =>
        reply(worker, {
          type: METRICS_RESPONSE,
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  });

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('alla api-processer har stängts');
        process.exit(0);
      }
      return;
    }
    failedStarts = lived < EARLY_EXIT_MS ? failedStarts + 1 : 0;
    logger.error(
      { pid: worker.process.pid, code, signal, livedMs: lived },
      'en api-process avslutades oväntat',
    );
    if (failedStarts >= MAX_FAILED_STARTS) {
      logger.fatal({ failedStarts }, 'api-processerna avslutas direkt efter start; stoppar');
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
  });

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'andra signalen: avslutar direkt');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stänger ned api-processerna');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => {
      logger.error({ graceMs: GRACE_MS }, 'nedstängningen tog för lång tid; avslutar');
      process.exit(1);
    }, GRACE_MS).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  for (let i = 0; i < config.API_WORKERS; i++) fork();
  logger.info(
    { workers: config.API_WORKERS, port: config.PORT },
    `api startar ${config.API_WORKERS} processer`,
  );
}

function reply(worker: Worker, response: MetricsResponse): void {
  if (worker.isConnected()) worker.send(response);
}
