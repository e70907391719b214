import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import type { CaseActor, RiskAssessmentAggregateState } from '@kvalitet/domain';
import { EventStore, RiskAssessmentCommandService, RiskPolicyRepository } from '@kvalitet/persistence';
import type { RiskAssessmentCommandInput } from '@kvalitet/persistence';
import { riskAssessmentStatusQuery, riskAssessmentWorkflowId } from '@kvalitet/workflows';
import type { RiskAssessmentFlowStatus } from '@kvalitet/workflows';
import {
  createRiskAssessmentActivities,
  type RiskActionReminder,
} from '../../../apps/worker/src/activities/risk-assessment-activities';
import { staticPolicySource } from '../../../apps/worker/src/activities/policy-source';
import { createRiskAssessmentOrchestrator } from '../../../apps/projector/src/projections/risk-assessments/risk-assessment-orchestrator';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { createTimeSkippingEnv, quietTemporalRuntime, workflowBundle } from './case-workflow-harness';
import { temporalDataConverter } from '@kvalitet/runtime';

export const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * The time-skipping test server, a worker with the production bundle and the real risk assessment
 * activities on a fresh database, and the orchestrator's handler feeding the workflow the events the
 * commands append — production minus Kafka. The service clock follows the server's clock.
 */
export class RiskWorkflowHarness {
  readonly taskQueue = `risk-${randomUUID()}`;
  readonly reminders: RiskActionReminder[] = [];
  readonly policy = staticPolicySource(DEFAULT_DEADLINE_POLICY);
  private offsetMs = 0;
  private running: Promise<void> | null = null;
  private worker: Worker | null = null;
  env!: TestWorkflowEnvironment;
  db!: TestDatabase;
  service!: RiskAssessmentCommandService;
  private orchestrator!: ReturnType<typeof createRiskAssessmentOrchestrator>;

  static async start(): Promise<RiskWorkflowHarness> {
    const harness = new RiskWorkflowHarness();
    try {
      quietTemporalRuntime();
      harness.env = await createTimeSkippingEnv();
      const [db, bundle] = await Promise.all([createTestDatabase(), workflowBundle()]);
      harness.db = db;
      const clock = () => new Date(Date.now() + harness.offsetMs);
      const store = new EventStore(db.dataSource);
      harness.service = new RiskAssessmentCommandService(store, new RiskPolicyRepository(store), clock);
      harness.worker = await Worker.create({
        dataConverter: temporalDataConverter(),
        connection: harness.env.nativeConnection,
        taskQueue: harness.taskQueue,
        workflowBundle: bundle,
        activities: createRiskAssessmentActivities({
          riskAssessments: harness.service,
          policy: harness.policy,
          clock,
          notifier: { remind: async (reminder) => void harness.reminders.push(reminder) },
        }),
      });
      harness.running = harness.worker.run();
      harness.orchestrator = createRiskAssessmentOrchestrator({
        client: harness.env.client,
        taskQueue: harness.taskQueue,
      });
    } catch (error) {
      await harness.stop().catch(() => undefined);
      throw error;
    }
    return harness;
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running?.catch(() => undefined);
    await this.env?.teardown();
    await this.db?.drop();
  }

  private async syncClock(): Promise<void> {
    this.offsetMs = (await this.env.currentTimeMs()) - Date.now();
  }

  async now(): Promise<number> {
    await this.syncClock();
    return Date.now() + this.offsetMs;
  }

  async advance(ms: number): Promise<void> {
    await this.env.sleep(ms);
    await this.syncClock();
  }

  /** A risk assessment with one very high risk (3 × 4). */
  async create(): Promise<string> {
    await this.syncClock();
    const { state, events } = await this.service.create(
      {
        title: 'Fall vid förflyttning nattetid',
        unitId: 'solgarden',
        trigger: 'change',
        risks: [
          { riskId: 'r1', description: 'Fall', probability: 3, severity: 4, causes: ['Ensam personal'] },
        ],
      },
      MANAGER,
    );
    await this.orchestrator.handleBatch(events);
    return state.id;
  }

  async command(
    assessmentId: string,
    command: RiskAssessmentCommandInput,
  ): Promise<RiskAssessmentAggregateState> {
    await this.syncClock();
    const { state, events } = await this.service.execute(assessmentId, command);
    await this.orchestrator.handleBatch(events);
    return state;
  }

  async state(assessmentId: string): Promise<RiskAssessmentAggregateState> {
    const { state } = await this.service.load(assessmentId);
    if (!state) throw new Error(`riskanalysen ${assessmentId} saknas`);
    return state;
  }

  async eventTypes(assessmentId: string): Promise<string[]> {
    return (await this.service.load(assessmentId)).events.map((e) => e.type);
  }

  handle(assessmentId: string) {
    return this.env.client.workflow.getHandle(riskAssessmentWorkflowId(assessmentId));
  }

  /** Waits (real time) until the workflow has nothing left to write now and `check` holds. */
  async settle(
    assessmentId: string,
    check: (state: RiskAssessmentAggregateState, status: RiskAssessmentFlowStatus | null) => boolean,
    timeoutMs = 20_000,
  ): Promise<RiskAssessmentAggregateState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.state(assessmentId);
      let status: RiskAssessmentFlowStatus | null = null;
      try {
        status = await this.handle(assessmentId).query(riskAssessmentStatusQuery);
      } catch {
        // a completed workflow cannot always be queried
      }
      const idle = status === null || status.actions.every((a) => a.status !== 'wanted');
      if (idle && check(state, status)) return state;
      if (Date.now() > deadline)
        throw new Error(
          `settled not: ${JSON.stringify({ status, actions: state.actions, tasks: state.tasks })}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async completed(assessmentId: string, timeoutMs = 20_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const description = await this.handle(assessmentId).describe();
      if (description.status.name !== 'RUNNING') return this.handle(assessmentId).result();
      if (Date.now() > deadline) throw new Error(`the workflow of ${assessmentId} did not complete`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async terminate(assessmentId: string): Promise<void> {
    await this.handle(assessmentId)
      .terminate('test finished')
      .catch(() => undefined);
  }
}
