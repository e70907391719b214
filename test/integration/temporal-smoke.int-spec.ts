import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { smokeReleaseSignal, smokeWorkflow } from '@kvalitet/workflows';
import { bundleWorkflows } from '../../apps/worker/src/workflow-bundle';
import { infraEnv } from '../support/infra-env';
import { temporalDataConverter } from '@kvalitet/runtime';

/** A worker for the smoke workflow whose activity answers 'noterat: <note>'. */
const smokeWorker = async (connection: NativeConnection, taskQueue: string) =>
  Worker.create({
    dataConverter: temporalDataConverter(),
    connection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: { recordSmokeRun: async (note: string) => `noterat: ${note}` },
  });

describe('Temporal', () => {
  it('runs a workflow with a signal and an activity on the real dev server', async () => {
    const env = infraEnv();
    const taskQueue = `smoke-${randomUUID()}`;
    const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    const worker = await smokeWorker(nativeConnection, taskQueue);
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const client = new Client({ connection, dataConverter: temporalDataConverter() });
    const result = await worker.runUntil(async () => {
      const handle = await client.workflow.start(smokeWorkflow, {
        taskQueue,
        workflowId: `smoke-${randomUUID()}`,
        args: [{ timeoutMs: 60_000, note: 'dev' }],
      });
      await handle.signal(smokeReleaseSignal);
      return handle.result();
    });
    await connection.close();
    await nativeConnection.close();
    expect(result).toEqual({ released: true, recorded: 'noterat: dev' });
  });

  it('skips a 24 hour timer on the time-skipping test server', async () => {
    const path = infraEnv().TEMPORAL_TEST_SERVER_PATH;
    if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH saknas: kör bash infra/up.sh');
    const testEnv = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
      client: { dataConverter: temporalDataConverter() },
    });
    try {
      const taskQueue = `smoke-${randomUUID()}`;
      const worker = await smokeWorker(testEnv.nativeConnection, taskQueue);
      const started = Date.now();
      const result = await worker.runUntil(
        testEnv.client.workflow.execute(smokeWorkflow, {
          taskQueue,
          workflowId: `smoke-${randomUUID()}`,
          args: [{ timeoutMs: 24 * 3600 * 1000, note: 'tid' }],
        }),
      );
      expect(result).toEqual({ released: false, recorded: 'noterat: tid' });
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      await testEnv.teardown();
    }
  });
  it('is due at its absolute instant however long its first task waited for a worker (bench/topology)', async () => {
    const env = infraEnv();
    const taskQueue = `smoke-${randomUUID()}`;
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const client = new Client({ connection, dataConverter: temporalDataConverter() });
    const until = Date.now() + 6_000;
    const handle = await client.workflow.start(smokeWorkflow, {
      taskQueue,
      workflowId: `smoke-${randomUUID()}`,
      args: [{ timeoutMs: 60_000, until, note: 'absolut' }],
    });
    // No worker for 3 s: a relative timer would fall due after a minute, the absolute one in 6 s.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    const worker = await smokeWorker(nativeConnection, taskQueue);
    const result = await worker.runUntil(handle.result());
    const closed = (await handle.describe()).closeTime?.getTime() ?? 0;
    await connection.close();
    await nativeConnection.close();
    expect(result).toEqual({ released: false, recorded: 'noterat: absolut' });
    expect(closed).toBeGreaterThanOrEqual(until);
    expect(closed - until).toBeLessThan(20_000);
  });
});
