import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_DEADLINE_POLICY, ledningssystemAggregate } from '@kvalitet/domain';
import type { DeadlinePolicy, LsActor, LsStateBase, LsTask } from '@kvalitet/domain';
import { EventStore, LsCommandService } from '@kvalitet/persistence';
import { ledningssystemWorkflowId } from '@kvalitet/workflows';
import { createLedningssystemActivities } from '../../../apps/worker/src/activities/ledningssystem-activities';
import { staticPolicySource } from '../../../apps/worker/src/activities/policy-source';
import { createLedningssystemOrchestrator } from '../../../apps/projector/src/projections/ledningssystem-orchestrator';
import { createTestDatabase } from '../../support/test-database';
import type { TestDatabase } from '../../support/test-database';
import { createTimeSkippingEnv, quietTemporalRuntime, workflowBundle } from './case-workflow-harness';
import { temporalDataConverter } from '@kvalitet/runtime';

export const KVALITET: LsActor = { username: 'kvalitet', roles: ['quality_coordinator'] };
export const DAY = 86_400_000;

/**
 * The ledningssystem's duty workflows on the time-skipping server with the real activity on a fresh
 * Postgres database, fed by the real orchestrator's handler (production minus Kafka).
 */
export class LedningssystemHarness {
  readonly taskQueue = `ls-${randomUUID()}`;
  readonly policy = staticPolicySource(DEFAULT_DEADLINE_POLICY);
  env!: TestWorkflowEnvironment;
  db!: TestDatabase;
  store!: EventStore;
  private worker: Worker | null = null;
  private running: Promise<void> | null = null;
  private orchestrator!: ReturnType<typeof createLedningssystemOrchestrator>;
  private offsetMs = 0;

  static async start(policy?: DeadlinePolicy): Promise<LedningssystemHarness> {
    const h = new LedningssystemHarness();
    try {
      quietTemporalRuntime();
      if (policy) h.policy.set(policy);
      h.env = await createTimeSkippingEnv();
      const [db, bundle] = await Promise.all([createTestDatabase(), workflowBundle()]);
      h.db = db;
      h.store = new EventStore(db.dataSource);
      h.worker = await Worker.create({
        dataConverter: temporalDataConverter(),
        connection: h.env.nativeConnection,
        taskQueue: h.taskQueue,
        workflowBundle: bundle,
        activities: createLedningssystemActivities({
          store: h.store,
          policy: h.policy,
          clock: () => h.clock(),
        }),
      });
      h.running = h.worker.run();
      h.orchestrator = createLedningssystemOrchestrator({ client: h.env.client, taskQueue: h.taskQueue });
    } catch (error) {
      await h.stop().catch(() => undefined);
      throw error;
    }
    return h;
  }

  clock(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  async now(): Promise<Date> {
    this.offsetMs = (await this.env.currentTimeMs()) - Date.now();
    return this.clock();
  }

  service<S extends LsStateBase>(aggregateType: string): LsCommandService<S, never, never> {
    return new LsCommandService(ledningssystemAggregate(aggregateType)! as never, this.store, () =>
      this.clock(),
    );
  }

  /** A person's command, its events handed to the orchestrator as Kafka would. */
  async command<S extends LsStateBase>(
    aggregateType: string,
    id: string,
    command: { type: string; actor: LsActor; data?: unknown },
  ): Promise<S> {
    await this.now();
    const { state, events } = await this.service<S>(aggregateType).execute(id, command as never);
    await this.orchestrator.handleBatch(events);
    return state;
  }

  async state<S extends LsStateBase>(aggregateType: string, id: string): Promise<S> {
    const { state } = await this.service<S>(aggregateType).load(id);
    if (!state) throw new Error(`${aggregateType} ${id} saknas`);
    return state;
  }

  async advance(ms: number): Promise<void> {
    await this.env.sleep(ms);
    await this.now();
  }

  /** Waits (real time) until the aggregate's tasks satisfy `check`. */
  async settle<S extends LsStateBase>(
    aggregateType: string,
    id: string,
    check: (tasks: readonly LsTask[], state: S) => boolean,
    timeoutMs = 20_000,
  ): Promise<S> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.state<S>(aggregateType, id);
      if (check(state.tasks, state)) return state;
      if (Date.now() > deadline) throw new Error(`settled not: ${JSON.stringify(state.tasks, null, 1)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  handle(aggregateType: string, id: string) {
    return this.env.client.workflow.getHandle(ledningssystemWorkflowId({ aggregateType, aggregateId: id }));
  }

  async workflowStatus(aggregateType: string, id: string): Promise<string> {
    return (await this.handle(aggregateType, id).describe()).status.name;
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running?.catch(() => undefined);
    await this.env?.teardown();
    await this.db?.drop();
  }
}
