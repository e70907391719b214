import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DEFAULT_DEADLINE_POLICY, ROUTINE_AGGREGATE, stockholmDateOf } from '@kvalitet/domain';
import type { RoutineCommand, RoutineEvent, RoutineState } from '@kvalitet/domain';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { EventStore, LsCommandService } from '@kvalitet/persistence';
import { ledningssystemWorkflowId } from '@kvalitet/workflows';
import { createLedningssystemActivities } from '../../apps/worker/src/activities/ledningssystem-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { workflowBundleFor } from '../../apps/worker/src/workflow-bundle';
import { createLedningssystemOrchestrator } from '../../apps/projector/src/projections/ledningssystem-orchestrator';
import { createLedningssystemReadModelProjection } from '../../apps/projector/src/projections/ledningssystem-read-model.projection';
import { waitForValue as waitFor } from '../support/app-process';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';
import { temporalDataConverter } from '@kvalitet/runtime';

const KVALITET = { username: 'kvalitet', roles: ['quality_coordinator'] };
const DECISION = { decidedBy: 'forvaltningschef' as const, decidedOn: '2026-01-15', reference: 'FC 2026/12' };

/**
 * The production path of a register duty (ADR 0008): command → outbox → relay → Kafka → the
 * orchestrator's signalWithStart → the duty workflow on the real Temporal dev server → the activity
 * appends the tasks → Kafka → the read model → the inbox table. Policy timings in seconds.
 */
describe('routine revision through Kafka and the Temporal dev server', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let routines: LsCommandService<RoutineState, RoutineCommand, RoutineEvent>;
  let relay: OutboxRelay;
  const runners: ConsumerRunner[] = [];
  let worker: Worker;
  let running: Promise<void>;
  let native: NativeConnection;
  let connection: Connection;
  let client: Client;
  const topics = testTopics();
  const taskQueue = `ls-${randomUUID()}`;
  const policy = staticPolicySource({
    ...DEFAULT_DEADLINE_POLICY,
    version: 2,
    deadlines: {
      ...DEFAULT_DEADLINE_POLICY.deadlines,
      routine_revision_notice: 'PT1S',
      ledningssystem_escalation_repeat: 'PT2S',
    },
  });

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // installed by another suite in this process
    }
    const env = infraEnv();
    db = await createTestDatabase({ poolSize: 20 });
    kafka = createKafka({
      brokers: parseBrokers(env.KAFKA_BROKERS),
      clientId: 'ls-workflow-test',
      log: () => undefined,
    });
    await ensureTopics(kafka, topics.all);
    const store = new EventStore(db.dataSource, { topicFor: topics.topicFor });
    routines = new LsCommandService(ROUTINE_AGGREGATE, store);
    native = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    client = new Client({ connection, dataConverter: temporalDataConverter() });
    worker = await Worker.create({
      dataConverter: temporalDataConverter(),
      connection: native,
      taskQueue,
      workflowBundle: await workflowBundleFor(process.env['WORKFLOW_BUNDLE_PATH']),
      activities: createLedningssystemActivities({ store, policy }),
    });
    running = worker.run();
    const orchestrator = createLedningssystemOrchestrator({
      client,
      taskQueue,
      namespace: topics.prefix,
      name: `ls-orchestrator-${topics.prefix}`,
    });
    const projection = createLedningssystemReadModelProjection({ namespace: topics.prefix });
    runners.push(
      new ConsumerRunner(kafka, db.dataSource, {
        consumerName: orchestrator.name,
        topics: orchestrator.topics,
        handleBatch: orchestrator.handleBatch,
      }),
      new ConsumerRunner(kafka, db.dataSource, {
        consumerName: `ls-projection-${topics.prefix}`,
        topics: projection.topics,
        handleBatch: projection.handleBatch!,
      }),
    );
    relay = new OutboxRelay(kafka, db.dataSource, { idleDelayMs: 20 });
    for (const runner of runners) await runner.start();
    await relay.start();
  });

  afterAll(async () => {
    for (const runner of runners) await runner.stop();
    await relay?.stop();
    worker?.shutdown();
    await running?.catch(() => undefined);
    await connection?.close();
    await native?.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topics.all }).catch(() => undefined);
    await admin.disconnect();
    await db?.drop();
  });

  it('a lapsed revision gives the owner a task and climbs the chain in the inbox; a new version closes it and the workflow waits for the next date', async () => {
    const id = randomUUID();
    await routines.execute(id, {
      type: 'register',
      actor: KVALITET,
      data: {
        routineId: id,
        kind: 'routine',
        level: 3,
        code: 'RUT-ORK',
        title: 'Rutin',
        unitId: 'solgarden',
        owner: 'enhetschef',
        revisionInterval: 'P1Y',
      },
    });
    // Valid from a year ago today: the revision is due today.
    const today = stockholmDateOf(new Date());
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    await routines.execute(id, {
      type: 'adopt-version',
      actor: KVALITET,
      data: { version: '1.0', decision: DECISION, validFrom: yearAgo, changeNote: 'Ny' },
    });

    const rows = (min: number) =>
      waitFor(
        async () => {
          const tasks: {
            kind: string;
            assignee: string | null;
            assignee_role: string | null;
            status: string;
          }[] = await db.dataSource.query(
            `SELECT kind, assignee, assignee_role, status FROM rm_tasks WHERE case_id = $1 ORDER BY created_at, kind`,
            [id],
          );
          return tasks.length >= min ? tasks : null;
        },
        30_000,
        `${min} uppgifter i inkorgen`,
      );
    expect((await rows(2)).map((t) => [t.kind, t.assignee ?? t.assignee_role])).toEqual([
      ['routine_revision', 'enhetschef'],
      ['routine_revision_escalation', 'unit_manager'],
    ]);
    expect((await rows(4)).map((t) => t.assignee ?? t.assignee_role)).toEqual([
      'enhetschef',
      'unit_manager',
      'division_manager',
      'director',
    ]);

    await routines.execute(id, {
      type: 'adopt-version',
      actor: KVALITET,
      data: { version: '2.0', decision: DECISION, validFrom: today, changeNote: 'Reviderad' },
    });
    await waitFor(
      async () => {
        const open: { n: string }[] = await db.dataSource.query(
          `SELECT count(*) AS n FROM rm_tasks WHERE case_id = $1 AND status = 'open'`,
          [id],
        );
        return Number(open[0]!.n) === 0;
      },
      30_000,
      'uppgifterna stängs av den nya versionen',
    );
    const handle = client.workflow.getHandle(
      ledningssystemWorkflowId({ aggregateType: 'routine', aggregateId: id }),
    );
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // A routine's workflow lives as long as the routine; this one is the test's, on the shared server.
    await handle.terminate('testet är klart');
  });
});
