import type { NativeConnection, Worker } from '@temporalio/worker';
import { Gauge } from 'prom-client';
import { checkWithin, ProcessHealthServer, type ReadinessCheck } from '@kvalitet/runtime';

/**
 * The worker's `/health/live`, `/health/ready` and `/metrics` (issue 20), on WORKER_HEALTH_PORT. Ready
 * means Temporal answers on the worker's own connection and the worker runs with both pollers
 * polling; before it is created (bundling the workflows takes a while) it is live but not ready.
 */
export function createWorkerHealthServer(
  current: () => { connection: NativeConnection | null; worker: Worker | null },
): ProcessHealthServer {
  const server = new ProcessHealthServer('worker', async (): Promise<ReadinessCheck[]> => {
    const { connection, worker } = current();
    const temporal: ReadinessCheck = connection
      ? await checkWithin('temporal', () => connection.workflowService.getSystemInfo({}))
      : { name: 'temporal', ok: false, detail: 'ansluter till Temporal / connecting to Temporal' };
    if (!worker) return [temporal, { name: 'polling', ok: false, detail: 'startar / starting' }];
    const status = worker.getStatus();
    const polling =
      status.runState === 'RUNNING' &&
      status.workflowPollerState === 'POLLING' &&
      status.activityPollerState === 'POLLING';
    return [
      temporal,
      {
        name: 'polling',
        ok: polling,
        detail: polling
          ? 'hämtar uppgifter från kön / polling the task queue'
          : `arbetaren ${status.runState}, arbetsflöden ${status.workflowPollerState}, aktiviteter ${status.activityPollerState} / worker, workflow poller, activity poller`,
      },
    ];
  });
  const statusOf = () => current().worker?.getStatus();
  for (const [name, help, pick] of [
    [
      'kvalitet_worker_workflow_activations_in_flight',
      'Arbetsflödesaktiveringar som körs just nu / workflow activations in flight',
      (s: ReturnType<Worker['getStatus']>) => s.numInFlightWorkflowActivations,
    ],
    [
      'kvalitet_worker_activities_in_flight',
      'Aktiviteter som körs just nu / activities in flight',
      (s: ReturnType<Worker['getStatus']>) => s.numInFlightActivities,
    ],
    [
      'kvalitet_worker_cached_workflows',
      'Arbetsflöden i arbetarens cache / workflows in the sticky cache',
      (s: ReturnType<Worker['getStatus']>) => s.numCachedWorkflows,
    ],
  ] as const) {
    new Gauge({
      name,
      help,
      registers: [server.registry],
      collect() {
        const status = statusOf();
        this.set(status ? pick(status) : 0);
      },
    });
  }
  return server;
}
