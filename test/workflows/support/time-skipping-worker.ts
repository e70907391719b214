import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporalDataConverter } from '@kvalitet/runtime';
import { createTimeSkippingEnv, workflowBundle } from './case-workflow-harness';

export interface TimeSkippingWorker {
  readonly env: TestWorkflowEnvironment;
  /** Shuts the worker down, waits for it, and tears the environment down. */
  readonly stop: () => Promise<void>;
}

/**
 * A time-skipping test server with a worker of the project's workflows, the production data
 * converter and the given (real) activities on `taskQueue`: how the scheduled workflows' specs run.
 */
export async function startTimeSkippingWorker(
  taskQueue: string,
  activities: object,
): Promise<TimeSkippingWorker> {
  const env = await createTimeSkippingEnv();
  let worker: Worker;
  try {
    worker = await Worker.create({
      dataConverter: temporalDataConverter(),
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities,
    });
  } catch (error) {
    await env.teardown();
    throw error;
  }
  const running = worker.run();
  return {
    env,
    stop: async () => {
      worker.shutdown();
      await running.catch(() => undefined);
      await env.teardown();
    },
  };
}
