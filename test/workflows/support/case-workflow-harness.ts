import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import type { CaseActor, CaseAggregateState, CaseType, DeadlinePolicy } from '@kvalitet/domain';
import { caseWorkflowId } from '@kvalitet/contracts';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import type { CaseCommandInput } from '@kvalitet/persistence';
import { caseWorkflowStatusQuery } from '@kvalitet/workflows';
import type { CaseActivities, CaseFlowStatus } from '@kvalitet/workflows';
import { createCaseActivities } from '../../../apps/worker/src/activities/case-activities';
import { staticPolicySource } from '../../../apps/worker/src/activities/policy-source';
import type { DeadlineReminder } from '../../../apps/worker/src/activities/reminder-notifier';
import { workflowBundleFor } from '../../../apps/worker/src/workflow-bundle';
import { createCaseOrchestrator } from '../../../apps/projector/src/orchestrator';
import { infraEnv } from '../../../test/support/infra-env';
import { createTestDatabase } from '../../../test/support/test-database';
import type { TestDatabase } from '../../../test/support/test-database';
import { temporalDataConverter } from '@kvalitet/runtime';

export const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
export const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
export const SAS: CaseActor = { username: 'sas', roles: ['lex_sarah_investigator'] };
export const MAS: CaseActor = { username: 'mas', roles: ['mas'] };

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

let bundle: ReturnType<typeof workflowBundleFor> | null = null;

/** Only warnings from the SDK in test output (once per process; later calls find it installed). */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this process
  }
}

/** The production workflow bundle: the one `npm test` built for the run, else built once per test file. */
export function workflowBundle(): ReturnType<typeof workflowBundleFor> {
  bundle ??= workflowBundleFor(process.env['WORKFLOW_BUNDLE_PATH'], { logger: quietBundlerLogger });
  return bundle;
}

const noop = () => undefined;
const quietBundlerLogger = {
  log: noop,
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: console.error,
};

export function temporalTestServerPath(): string {
  const path = infraEnv().TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH saknas: kör bash infra/up.sh');
  return path;
}

/**
 * The Java time-skipping server from .infra (never a download). sdk-core gives it 5 s to accept
 * connections, which a JVM on a loaded 2-core machine sometimes misses; a failed start leaves no
 * process behind, so it is simply tried again.
 */
export async function createTimeSkippingEnv(attempts = 4): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
        client: { dataConverter: temporalDataConverter() },
      });
    } catch (error) {
      if (attempt >= attempts || !String(error).includes('did not start within')) throw error;
    }
  }
}

export interface HarnessOptions {
  /** Replace some activities (the point is the workflow logic, not the database). */
  activities?: (real: CaseActivities) => Partial<CaseActivities>;
  policy?: DeadlinePolicy;
  /** Continue-as-new threshold given to new workflows. */
  historyLimit?: number;
}

/**
 * A time-skipping Temporal test server (the Java one from .infra, never downloaded), a worker with
 * the production bundle and the real case activities on a fresh Postgres database, and the
 * orchestrator's handler feeding the workflow the events that the commands append — the same path as
 * production minus Kafka. The case service's clock follows the test server's clock so that event
 * times and deadline times agree when time is skipped.
 */
export class CaseWorkflowHarness {
  readonly taskQueue = `cases-${randomUUID()}`;
  readonly reminders: DeadlineReminder[] = [];
  readonly policy = staticPolicySource(DEFAULT_DEADLINE_POLICY);
  private offsetMs = 0;
  private running: Promise<void> | null = null;
  private worker: Worker | null = null;
  env!: TestWorkflowEnvironment;
  db!: TestDatabase;
  cases!: CaseCommandService;
  activities!: CaseActivities;
  private orchestrator!: ReturnType<typeof createCaseOrchestrator>;

  static async start(options: HarnessOptions = {}): Promise<CaseWorkflowHarness> {
    const harness = new CaseWorkflowHarness();
    try {
      await harness.init(options);
    } catch (error) {
      await harness.stop().catch(() => undefined);
      throw error;
    }
    return harness;
  }

  private async init(options: HarnessOptions): Promise<void> {
    quietTemporalRuntime();
    if (options.policy) this.policy.set(options.policy);
    // The JVM first, on its own: it must answer within sdk-core's 5 s, which bundling next to it can spoil.
    const env = (this.env = await createTimeSkippingEnv());
    const [db, workflowBundleCode] = await Promise.all([
      createTestDatabase().then((created) => (this.db = created)),
      workflowBundle(),
    ]);
    // Commands and activities read the same policy (in production both read the stored policy).
    this.cases = new CaseCommandService(
      new EventStore(db.dataSource),
      () => new Date(Date.now() + this.offsetMs),
      () => this.policy.current(),
    );
    const real = createCaseActivities({
      cases: this.cases,
      policy: this.policy,
      clock: () => new Date(Date.now() + this.offsetMs),
      notifier: { remind: async (reminder) => void this.reminders.push(reminder) },
    });
    this.activities = { ...real, ...(options.activities?.(real) ?? {}) };
    this.worker = await Worker.create({
      dataConverter: temporalDataConverter(),
      connection: env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: workflowBundleCode,
      activities: this.activities,
    });
    this.running = this.worker.run();
    this.orchestrator = createCaseOrchestrator({
      client: env.client,
      taskQueue: this.taskQueue,
      ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }),
    });
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running?.catch(() => undefined);
    await this.env?.teardown();
    await this.db?.drop();
  }

  /** Server time (ms): the time the workflows see. */
  async now(): Promise<number> {
    await this.syncClock();
    return Date.now() + this.offsetMs;
  }

  private async syncClock(): Promise<void> {
    this.offsetMs = (await this.env.currentTimeMs()) - Date.now();
  }

  /** Skips `ms` of server time; timers due meanwhile fire, and their activities run, in order. */
  async advance(ms: number): Promise<void> {
    await this.env.sleep(ms);
    await this.syncClock();
  }

  async report(
    type: CaseType,
    extra: { unitId?: string; unclassified?: boolean; awareAt?: string } = {},
  ): Promise<string> {
    await this.syncClock();
    const { state, events } = await this.cases.report(
      {
        type,
        unitId: extra.unitId ?? 'solgarden',
        occurredAt: '2026-11-20',
        description: 'Beskrivning av händelsen',
        channel: 'staff_form',
        ...(extra.unclassified ? { unclassified: true } : {}),
        ...(extra.awareAt ? { awareAt: extra.awareAt } : {}),
      },
      STAFF,
    );
    await this.orchestrator.handleBatch(events, undefined as never);
    return state.id;
  }

  /** A person's command through the case service, its events handed to the workflow as the orchestrator would. */
  async command(caseId: string, command: CaseCommandInput): Promise<CaseAggregateState> {
    await this.syncClock();
    const { state, events } = await this.cases.execute(caseId, command);
    await this.orchestrator.handleBatch(events, undefined as never);
    return state;
  }

  /** Hands already-appended events to the orchestrator again (a Kafka redelivery). */
  async redeliver(caseId: string, fromVersion = 1): Promise<void> {
    const { events } = await this.cases.load(caseId);
    await this.orchestrator.handleBatch(
      events.filter((event) => event.version >= fromVersion),
      undefined as never,
    );
  }

  async state(caseId: string): Promise<CaseAggregateState> {
    const { state } = await this.cases.load(caseId);
    if (!state) throw new Error(`case ${caseId} saknas`);
    return state;
  }

  async eventTypes(caseId: string): Promise<string[]> {
    return (await this.cases.load(caseId)).events.map((event) => event.type);
  }

  handle(caseId: string) {
    return this.env.client.workflow.getHandle(caseWorkflowId(caseId));
  }

  async status(caseId: string): Promise<CaseFlowStatus> {
    return this.handle(caseId).query(caseWorkflowStatusQuery);
  }

  /** Waits (real time) until the workflow has done everything it can do now and `check` holds. */
  async settle(
    caseId: string,
    check: (state: CaseAggregateState, status: CaseFlowStatus | null) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<CaseAggregateState> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      const state = await this.state(caseId);
      let status: CaseFlowStatus | null = null;
      try {
        status = await this.status(caseId);
      } catch (error) {
        last = error; // a completed workflow cannot always be queried
      }
      const idle =
        status === null ||
        (status.deadlines.every((d) => d.status !== 'wanted') &&
          status.tasks.every((t) => t.status !== 'wanted' && t.status !== 'closing'));
      if (idle && check(state, status)) return state;
      if (Date.now() > deadline) {
        throw new Error(
          `the case did not settle: ${JSON.stringify({ status, deadlines: state.deadlines, tasks: state.tasks, last: String(last) }, null, 1)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * The result of the case's workflow once it has completed. Polls instead of awaiting `result()`
   * while it runs: on the time-skipping server a client waiting for a result lets time jump ahead
   * (by years when no timer is pending), which would mean nothing here.
   */
  async completed(caseId: string, timeoutMs = 20_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const description = await this.handle(caseId).describe();
      if (description.status.name !== 'RUNNING') return this.handle(caseId).result();
      if (Date.now() > deadline) throw new Error(`the workflow of ${caseId} did not complete`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Terminates the case's workflow if it still runs (keeps escalations of one test out of the next). */
  async terminate(caseId: string): Promise<void> {
    await this.handle(caseId)
      .terminate('test finished')
      .catch(() => undefined);
  }
}

export function deadlinesOf(state: CaseAggregateState, kind?: string) {
  return Object.values(state.deadlines).filter((deadline) => kind === undefined || deadline.kind === kind);
}

export function tasksOf(state: CaseAggregateState, kind?: string) {
  return Object.values(state.tasks).filter((task) => kind === undefined || task.kind === kind);
}

export function actionId(): string {
  return randomUUID();
}
