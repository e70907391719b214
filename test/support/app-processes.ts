import type { Kafka } from 'kafkajs';
import { PROJECTOR_STARTED } from '../../apps/projector/src/projector-started';
import { AppProcess } from './app-process';

/** The projector and the worker of one test run, started; `ready` resolves once the projector says so. */
export interface RunningAppProcesses {
  readonly projector: AppProcess;
  readonly worker: AppProcess;
  /** The projector's health port (/health/ready, /metrics). */
  readonly healthPort: number;
  readonly ready: () => Promise<void>;
}

/**
 * Starts the real projector (relay, projections, orchestrators) and worker with `env` (the run's
 * database, Kafka namespace and task queue). Returned before they are ready, so that a failing start
 * still leaves the test the processes to stop.
 */
export function startProjectorAndWorker(env: Record<string, string>): RunningAppProcesses {
  const healthPort = 39000 + Math.floor(Math.random() * 1000);
  const projector = new AppProcess(
    'apps/projector/src/main.ts',
    { ...env, LOG_LEVEL: 'info', PROJECTOR_HTTP_PORT: String(healthPort) },
    'projector',
  );
  const worker = new AppProcess('apps/worker/src/main.ts', { ...env, LOG_LEVEL: 'warn' }, 'worker');
  projector.watchFor(PROJECTOR_STARTED);
  projector.start();
  worker.start();
  return { projector, worker, healthPort, ready: () => projector.waitForOutput(PROJECTOR_STARTED, 120_000) };
}

/** Every topic of the run's namespace the broker has, not only the ones the code names. */
export async function namespaceTopics(kafka: Kafka, prefix: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the run's topics (the named ones and any other of its namespace); never fails the run. */
export async function deleteRunTopics(
  kafka: Kafka | undefined,
  topics: { prefix: string; all: readonly string[] },
): Promise<void> {
  if (!kafka) return;
  const present = await namespaceTopics(kafka, topics.prefix).catch(() => [] as string[]);
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [...new Set([...topics.all, ...present])] }).catch(() => undefined);
  await admin.disconnect();
}
