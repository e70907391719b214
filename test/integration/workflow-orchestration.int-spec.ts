import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import type { CaseActor } from '@kvalitet/domain';
import { caseWorkflowId } from '@kvalitet/contracts';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { createCaseActivities } from '../../apps/worker/src/activities/case-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { workflowBundleFor } from '../../apps/worker/src/workflow-bundle';
import { createCaseOrchestrator } from '../../apps/projector/src/orchestrator';
import { waitForValue as waitFor } from '../support/app-process';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';
import { temporalDataConverter } from '@kvalitet/runtime';

const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };

describe('case workflows through Kafka on the real Temporal dev server (report → relay → orchestrator → workflow → activities)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let cases: CaseCommandService;
  let relay: OutboxRelay;
  let runner: ConsumerRunner;
  let worker: Worker;
  let running: Promise<void>;
  let native: NativeConnection;
  let connection: Connection;
  let client: Client;
  const topics = testTopics();
  const taskQueue = `cases-${randomUUID()}`;
  const policy = staticPolicySource({
    ...DEFAULT_DEADLINE_POLICY,
    version: 4,
    deadlines: { ...DEFAULT_DEADLINE_POLICY.deadlines, acknowledgement: 'PT3S' },
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
      clientId: 'workflow-test',
      log: () => undefined,
    });
    await ensureTopics(kafka, topics.all);
    cases = new CaseCommandService(
      new EventStore(db.dataSource, { topicFor: topics.topicFor }),
      undefined,
      () => policy.current(),
    );
    native = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    client = new Client({ connection, dataConverter: temporalDataConverter() });
    worker = await Worker.create({
      dataConverter: temporalDataConverter(),
      connection: native,
      taskQueue,
      workflowBundle: await workflowBundleFor(process.env['WORKFLOW_BUNDLE_PATH']),
      activities: createCaseActivities({
        cases,
        policy,
        notifier: { remind: async () => undefined },
      }),
    });
    running = worker.run();
    const orchestrator = createCaseOrchestrator({
      client,
      taskQueue,
      topics: [topics.topicFor('case')],
      name: `case-orchestrator-${topics.prefix}`,
    });
    runner = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: orchestrator.name,
      topics: orchestrator.topics,
      handle: orchestrator.handle,
    });
    relay = new OutboxRelay(kafka, db.dataSource, { idleDelayMs: 20 });
    await runner.start();
    await relay.start();
  });

  afterAll(async () => {
    await runner?.stop();
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

  it('a reported complaint starts case-<id>, gets its acknowledgement deadline, and with PT3S the miss and the escalation task appear', async () => {
    const reported = await cases.report(
      { type: 'complaint', unitId: 'solgarden', description: 'Maten var kall', channel: 'web' },
      STAFF,
    );
    const caseId = reported.state.id;
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));

    const description = await waitFor(
      () => handle.describe().catch(() => null),
      20_000,
      'arbetsflödet startar',
    );
    expect(description.type).toBe('caseWorkflow');
    expect(description.taskQueue).toBe(taskQueue);

    const started = await waitFor(
      async () => (await cases.load(caseId)).events.find((e) => e.type === 'DeadlineStarted'),
      20_000,
      'DeadlineStarted',
    );
    expect(started.data).toMatchObject({ kind: 'acknowledgement', policyVersion: 4 });
    expect(Date.parse(String(started.data['dueAt'])) - Date.parse(reported.state.reportedAt)).toBe(3000);

    const state = await waitFor(
      async () => {
        const { state: s } = await cases.load(caseId);
        return s && Object.values(s.tasks).some((t) => t.kind === 'escalation') ? s : null;
      },
      30_000,
      'DeadlineMissed och eskaleringsuppgiften',
    );
    const deadline = Object.values(state.deadlines)[0]!;
    expect(deadline).toMatchObject({
      kind: 'acknowledgement',
      status: 'missed',
      escalationLevel: 1,
      escalatedTo: ['division_manager'],
    });
    expect(
      Object.values(state.tasks)
        .map((t) => [t.kind, t.assigneeRole, t.status])
        .sort(),
    ).toEqual([
      ['acknowledge', 'unit_manager', 'open'],
      ['escalation', 'division_manager', 'open'],
    ]);

    // The late acknowledgement goes the same way (outbox → Kafka → orchestrator) and closes the escalation.
    await cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    await waitFor(
      async () => Object.values((await cases.load(caseId)).state!.tasks).every((t) => t.status === 'done'),
      20_000,
      'eskaleringsuppgiften stängs',
    );
    const types = (await cases.load(caseId)).events.map((e) => e.type);
    expect(types.filter((t) => t === 'DeadlineStarted')).toHaveLength(1);
    expect(types.filter((t) => t === 'DeadlineMissed')).toHaveLength(1);
    expect(types.filter((t) => t === 'TaskCreated')).toHaveLength(2);
    await handle.terminate('test finished');
  });
});
