import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Kafka } from 'kafkajs';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { caseWorkflowId, CASE_WORKFLOW_STATUS_QUERY } from '@kvalitet/contracts';
import { DEFAULT_DEADLINE_POLICY, DEFAULT_RETENTION_RULES } from '@kvalitet/domain';
import { createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import type { CaseAggregateState } from '@kvalitet/domain';
import {
  CaseCommandService,
  EventStore,
  Gallring,
  RetentionRulesRepository,
  openDataSource,
} from '@kvalitet/persistence';
import { temporalDataConverter } from '@kvalitet/runtime';
import { createCaseActivities } from '../../apps/worker/src/activities/case-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { workflowBundleFor } from '../../apps/worker/src/workflow-bundle';
import { createCaseOrchestrator } from '../../apps/projector/src/orchestrator';
import { createProjections } from '../../apps/projector/src/projections/projections';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { waitForValue } from '../support/app-process';
import { MANAGER, STAFF } from '../support/case-scenarios';
import { infraEnv, ownerDatabaseUrl } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';

// Issue 19 "Backup and restore" (DATA-6, DATA-7; ADR 0031): `npm run backup` → wipe Postgres and
// Temporal → `npm run restore` (pg_restore, Temporal's SQLite file, read models rebuilt, workflows
// resumed) gives back every case, task and deadline with the same ids and numbers, and the case
// workflows answer queries, take signals and fire the timers they had. Temporal's state cannot be
// wiped on the shared dev server (every other test uses it), so this test starts a dev server of its
// own on a free port through infra/temporal.sh, with KVALITET_INFRA_DIR pointing at a scratch folder
// (the Temporal and pg tools binaries are linked in from .infra/).

const run = promisify(execFile);
const REPO = resolve(__dirname, '../..');
const MAIN_INFRA = resolve(REPO, '.infra');
// Long enough that every deadline is still open when the backup is taken, short enough that the
// restored timer fires within the test.
const ACKNOWLEDGEMENT = 'PT50S';
const SECRET = 'Signe Backupsdotter';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

// The servers restart during the test: a check that throws is "not yet".
const waitFor = <T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string) =>
  waitForValue(check, timeoutMs, what, { intervalMs: 200, retryErrors: true });

interface Snapshot {
  id: string;
  number: string;
  tasks: string[];
  deadlines: { id: string; kind: string; dueAt: string }[];
}

function snapshot(state: CaseAggregateState): Snapshot {
  return {
    id: state.id,
    number: state.caseNumber,
    tasks: Object.keys(state.tasks).sort(),
    deadlines: Object.values(state.deadlines)
      .map((d) => ({ id: d.id, kind: d.kind, dueAt: d.dueAt }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** One side of the system: a data source on the test database and a case worker on the test's Temporal. */
interface Side {
  dataSource: DataSource;
  store: EventStore;
  cases: CaseCommandService;
  client: Client;
  worker: Worker;
  running: Promise<void>;
  native: NativeConnection;
  connection: Connection;
  /** Gives the case's workflow every event of the case, as the orchestrator does from Kafka. */
  drive(caseId: string): Promise<void>;
  close(): Promise<void>;
}

describe('backup → wipe → restore → rebuild (npm run backup / npm run restore, ADR 0031)', () => {
  let db: TestDatabase;
  let infraDir: string;
  let backupDir: string;
  let env: NodeJS.ProcessEnv;
  let address: string;
  let side: Side | undefined;
  let kafka: Kafka;
  const topics = testTopics();
  const group = `${topics.prefix}.case-read-model`;
  const taskQueue = `backup-restore-${randomUUID()}`;
  const policy = staticPolicySource({
    ...DEFAULT_DEADLINE_POLICY,
    version: 7,
    deadlines: { ...DEFAULT_DEADLINE_POLICY.deadlines, acknowledgement: ACKNOWLEDGEMENT },
  });

  async function script(name: string, args: string[]): Promise<string> {
    const { stdout, stderr } = await run('bash', [join(REPO, 'infra', name), ...args], {
      env,
      cwd: REPO,
      maxBuffer: 16 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  }

  async function openSide(url: string): Promise<Side> {
    const dataSource = await openDataSource({
      url,
      migrate: false,
      poolSize: 10,
      applicationName: 'kvalitet-test',
    });
    const store = new EventStore(dataSource);
    const cases = new CaseCommandService(store, undefined, () => policy.current());
    const dataConverter = temporalDataConverter(env);
    const native = await NativeConnection.connect({ address });
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, dataConverter });
    const worker = await Worker.create({
      connection: native,
      taskQueue,
      dataConverter,
      workflowBundle: await workflowBundleFor(process.env['WORKFLOW_BUNDLE_PATH']),
      activities: createCaseActivities({ cases, policy, notifier: { remind: async () => undefined } }),
    });
    const running = worker.run();
    const orchestrator = createCaseOrchestrator({ client, taskQueue, topics: ['unused'] });
    return {
      dataSource,
      store,
      cases,
      client,
      worker,
      running,
      native,
      connection,
      async drive(caseId) {
        await orchestrator.handleBatch(await store.load(caseId), dataSource.manager);
      },
      async close() {
        worker.shutdown();
        await running.catch(() => undefined);
        await connection.close();
        await native.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  }

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // installed by another suite in this process
    }
    const temporalBin = join(MAIN_INFRA, 'bin', 'temporal');
    if (!existsSync(temporalBin)) throw new Error(`${temporalBin} saknas: kör bash infra/up.sh`);
    await run('bash', [join(REPO, 'infra', 'pg-tools.sh')], { cwd: REPO });
    mkdirSync(join(MAIN_INFRA, 'tmp'), { recursive: true });
    infraDir = mkdtempSync(join(tmpdir(), 'kvalitet-backup-test-'));
    mkdirSync(join(infraDir, 'bin'));
    symlinkSync(temporalBin, join(infraDir, 'bin', 'temporal'));
    symlinkSync(join(MAIN_INFRA, 'pg-tools'), join(infraDir, 'pg-tools'));
    backupDir = join(infraDir, 'backup');
    const port = await freePort();
    address = `127.0.0.1:${port}`;
    db = await createTestDatabase();
    env = {
      ...process.env,
      NODE_ENV: 'test',
      KVALITET_INFRA_DIR: infraDir,
      KVALITET_TEMPORAL_PORT: String(port),
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_PAYLOAD_KEYS: `backup-test:${randomBytes(32).toString('base64')}`,
      DATABASE_URL: db.url,
      DATABASE_OWNER_URL: db.url,
      KVALITET_BACKUP_PASSPHRASE: `backup-test-${randomUUID()}`,
      KAFKA_BROKERS: infraEnv().KAFKA_BROKERS,
      KAFKA_NAMESPACE: topics.prefix,
    };
    delete env.TEMPORAL_PAYLOAD_KEY_ID;
    delete env.TEMPORAL_DB_FILE;
    await script('temporal.sh', ['start']);
    await db.dataSource.destroy();
    side = await openSide(db.url);
    kafka = createKafka({
      brokers: parseBrokers(env.KAFKA_BROKERS!),
      clientId: 'backup-test',
      log: () => undefined,
    });
    await ensureTopics(kafka, topics.all);
  });

  afterAll(async () => {
    await side?.close();
    if (env) await script('temporal.sh', ['stop']).catch(() => undefined);
    await db?.drop();
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([group, `${topics.prefix}.still-running`]).catch(() => undefined);
      await admin.deleteTopics({ topics: topics.all }).catch(() => undefined);
      await admin.disconnect();
    }
    if (infraDir) rmSync(infraDir, { recursive: true, force: true });
  });

  it('finds every case, task and deadline again with the same ids and numbers, and the workflows go on', async () => {
    const s = side!;
    // Three cases through the real write path; their workflows start the deadlines and tasks.
    const reported = [
      await s.cases.report(
        { type: 'complaint', unitId: 'solgarden', description: 'Maten var kall', channel: 'web' },
        STAFF,
      ),
      await s.cases.report(
        {
          type: 'deviation',
          unitId: 'hemtjanst-norr',
          occurredAt: '2026-11-20T14:05:00+01:00',
          description: 'Fel läkemedel gavs ut',
          immediateActions: 'Sjuksköterska kontaktades',
          channel: 'staff_form',
        },
        STAFF,
      ),
      await s.cases.report(
        { type: 'complaint', unitId: 'ekbacken', description: 'Ingen kom till besöket', channel: 'web' },
        STAFF,
      ),
    ];
    const ids = reported.map((r) => r.state.id);
    for (const id of ids) await s.drive(id);
    // The second one is acknowledged before the backup.
    await s.cases.execute(ids[1]!, { type: 'acknowledge', actor: MANAGER, data: {} });
    await s.drive(ids[1]!);
    const before = await waitFor(
      async () => {
        const states = await Promise.all(ids.map(async (id) => (await s.cases.load(id)).state!));
        const ready =
          states.every((st) => Object.keys(st.deadlines).length > 0 && Object.keys(st.tasks).length > 0) &&
          Object.values(states[1]!.tasks).every((t) => t.kind !== 'acknowledge' || t.status === 'done');
        return ready ? states.map(snapshot) : null;
      },
      30_000,
      'frister och uppgifter från arbetsflödena',
    );
    for (const id of ids)
      await waitFor(
        async () =>
          (
            await s.client.workflow
              .getHandle(caseWorkflowId(id))
              .query<{ deadlines: unknown[] }>(CASE_WORKFLOW_STATUS_QUERY)
          ).deadlines.length > 0,
        20_000,
        'arbetsflödet följer sina frister',
      );
    // A praise reported three years ago and closed, under a rule of two years from the report: the
    // nightly gallring erases it after the backup, so the restore must erase it again (DATA-7).
    await new RetentionRulesRepository(s.store).change(
      [
        ...DEFAULT_RETENTION_RULES.filter((rule) => rule.caseType !== 'praise'),
        { caseType: 'praise', keepYears: 2, from: 'reported' },
      ],
      'dataskydd',
    );
    const praise = await s.cases.report(
      {
        type: 'praise',
        unitId: 'solgarden',
        description: `Beröm till ${SECRET} för fint bemötande`,
        channel: 'web',
        reportedAt: new Date(Date.now() - 3 * 366 * 86_400_000).toISOString(),
      },
      STAFF,
    );
    await s.cases.execute(praise.state.id, {
      type: 'close',
      actor: { username: 'kvalitet', roles: ['quality_coordinator'] },
      data: { summary: `Tackat ${SECRET}` },
    });

    // The projector had applied everything, then fell behind on one case (its tasks are missing).
    await rebuildReadModels(s.dataSource, s.store, createProjections());
    await s.dataSource.query(`DELETE FROM rm_tasks WHERE case_id = $1`, [ids[2]]);
    // The relay had sent everything: the first case's report two hours before the backup, the rest just now.
    await s.dataSource.query(`UPDATE outbox SET published_at = now()`);
    await s.dataSource.query(
      `UPDATE outbox SET published_at = now() - interval '2 hours' WHERE event_id = (SELECT id FROM events WHERE aggregate_id = $1 AND version = 1)`,
      [ids[0]],
    );
    const outboxRows: { n: number }[] = await s.dataSource.query(`SELECT count(*)::int AS n FROM outbox`);

    // A Temporal Schedule (as the daily gallring and the report schedules are) is part of Temporal's state.
    const scheduleId = `backup-test-${randomUUID()}`;
    await s.client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1 day' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'caseWorkflow',
        taskQueue,
        args: [{ caseId: randomUUID() }],
      },
      state: { paused: true, note: 'backup-test' },
    });

    const ackDue = Date.parse(before[0]!.deadlines.find((d) => d.kind === 'acknowledgement')!.dueAt);
    const backupOutput = await script('backup.sh', [backupDir]);
    const backupDone = Date.now();
    expect(backupOutput).toContain('klar / done');
    expect(backupDone).toBeLessThan(ackDue);
    expect(readdirSync(backupDir).sort()).toEqual(['manifest.json', 'postgres.dump.enc', 'temporal.db.enc']);
    // Both files are in the encrypted format (infra/backup-crypt.mjs), not a dump or SQLite file in clear.
    for (const file of ['postgres.dump.enc', 'temporal.db.enc'])
      expect(readFileSync(join(backupDir, file)).subarray(0, 8).toString('ascii')).toBe('KVBK0001');

    // After the backup: a case that the restore will not bring back (the RPO).
    const lost = await s.cases.report(
      { type: 'complaint', unitId: 'solgarden', description: 'Efter säkerhetskopian', channel: 'web' },
      STAFF,
    );

    const erasedAfterBackup = await new Gallring(s.store, s.dataSource).run(
      (await new RetentionRulesRepository(s.store).current()).rules,
    );
    expect(erasedAfterBackup.erased.map((e) => e.caseId)).toEqual([praise.state.id]);

    // Kafka is not restored: events published after the backup stay on the topic, and a consumer
    // group that lagged behind them must not read them after the restore.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics.topicFor('case'),
      messages: [0, 1, 2].map((partition) => ({ key: lost.state.id, value: '{"ghost":true}', partition })),
    });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({
      groupId: group,
      topic: topics.topicFor('case'),
      partitions: [0, 1, 2].map((partition) => ({ partition, offset: '0' })),
    });

    // Wipe: the database dropped, Temporal stopped and its state deleted.
    await side!.close();
    side = undefined;
    await db.drop();
    await script('temporal.sh', ['stop']);
    rmSync(join(infraDir, 'temporal'), { recursive: true, force: true });

    // A wrong passphrase touches nothing.
    await expect(
      run('bash', [join(REPO, 'infra', 'restore.sh'), backupDir], {
        env: { ...env, KVALITET_BACKUP_PASSPHRASE: 'fel-lösenfras-helt-och-hållet' },
        cwd: REPO,
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('fel lösenfras') });
    expect(existsSync(join(infraDir, 'temporal', 'temporal.db'))).toBe(false);
    // Nor does one while a consumer of the namespace still runs (the projector not stopped).
    const probe = kafka.consumer({ groupId: `${topics.prefix}.still-running` });
    await probe.connect();
    await probe.subscribe({ topics: [topics.topicFor('risk')] });
    await probe.run({ eachMessage: async () => undefined });
    await waitFor(
      async () =>
        (await admin.describeGroups([`${topics.prefix}.still-running`])).groups[0]!.members.length > 0,
      30_000,
      'konsumenten ansluter',
    );
    await expect(script('restore.sh', [backupDir])).rejects.toMatchObject({
      stderr: expect.stringContaining('konsumenter körs ännu'),
    });
    await probe.disconnect();
    const pg = new PgClient({ connectionString: ownerDatabaseUrl() });
    await pg.connect();
    const existing = await pg.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [
      new URL(db.url).pathname.slice(1),
    ]);
    await pg.end();
    expect(existing.rowCount).toBe(0);

    const restoreOutput = await script('restore.sh', [backupDir]);
    expect(restoreOutput).toContain('arbetsflöden återupptagna / workflows resumed: 3 öppna ärenden');
    side = await openSide(db.url);
    const r = side;

    // The case erased after the backup is erased again, in every table (no copy of its free text).
    expect(restoreOutput).toContain(
      `gallring: 1 ärenden gallrade igen / erased again (${praise.state.caseNumber})`,
    );
    expect((await r.cases.load(praise.state.id)).state!.erasedAt).toEqual(expect.any(String));
    const tables: { table_name: string }[] = await r.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name } of tables) {
      const [hit]: { n: number }[] = await r.dataSource.query(
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE $1`,
        [`%${SECRET}%`],
      );
      expect([table_name, hit!.n]).toEqual([table_name, 0]);
    }

    // The consumer group skips the ghosts; the outbox's last hour goes out again, the older row not.
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topics.topicFor('case')] });
    const ends = await admin.fetchTopicOffsets(topics.topicFor('case'));
    const byPartition = (list: { partition: number; offset?: string; high?: string }[]) =>
      list.map((p) => [p.partition, p.offset ?? p.high]).sort((x, y) => Number(x[0]) - Number(y[0]));
    expect(byPartition(offsets!.partitions)).toEqual(
      byPartition(ends.map(({ partition, high }) => ({ partition, high }))),
    );
    expect(
      ends
        .filter((e) => e.high === '1')
        .map((e) => e.partition)
        .sort(),
    ).toEqual([0, 1, 2]);
    await admin.disconnect();
    expect(restoreOutput).toContain(`utkorgen / outbox: ${outboxRows[0]!.n - 1} händelser`);
    const stillPublished: { event_id: string }[] = await r.dataSource.query(
      `SELECT event_id FROM outbox WHERE published_at IS NOT NULL`,
    );
    expect(stillPublished).toHaveLength(1);

    // Every case, task and deadline, from the events and from the rebuilt read models.
    const after = await Promise.all(ids.map(async (id) => snapshot((await r.cases.load(id)).state!)));
    expect(after).toEqual(before);
    expect((await r.cases.load(lost.state.id)).state).toBeNull();
    const rows: { id: string; case_number: string }[] = await r.dataSource.query(
      `SELECT id, case_number FROM rm_cases WHERE id = ANY($1::uuid[]) ORDER BY case_number`,
      [ids],
    );
    expect(rows.map((row) => [row.id, row.case_number])).toEqual(
      [...before].sort((a, b) => a.number.localeCompare(b.number)).map((c) => [c.id, c.number]),
    );
    const tasks: { id: string }[] = await r.dataSource.query(
      `SELECT id FROM rm_tasks WHERE case_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
    expect(tasks.map((t) => t.id)).toEqual(before.flatMap((c) => c.tasks).sort());

    // The workflows are back: they answer a query with the deadlines they follow …
    for (const c of before) {
      const status = await r.client.workflow
        .getHandle(caseWorkflowId(c.id))
        .query<{ caseId: string; deadlines: { deadlineId?: string }[] }>(CASE_WORKFLOW_STATUS_QUERY);
      expect(status.caseId).toBe(c.id);
      expect(
        status.deadlines
          .map((d) => d.deadlineId)
          .filter(Boolean)
          .sort(),
      ).toEqual(c.deadlines.map((d) => d.id));
    }
    const schedule = await r.client.schedule.getHandle(scheduleId).describe();
    expect(schedule.state).toMatchObject({ paused: true, note: 'backup-test' });
    expect(schedule.spec.intervals?.map((i) => i.every)).toEqual([86_400_000]);
    // … the restored timer of the first case fires: its acknowledgement is missed and escalated …
    await waitFor(
      async () => {
        const { state } = await r.cases.load(ids[0]!);
        return Object.values(state!.tasks).some((t) => t.kind === 'escalation') ? state : null;
      },
      Math.max(ackDue - Date.now(), 0) + 45_000,
      'fristen som löpte i den återställda Temporal missas och eskaleras',
    );
    // … and a command after the restore reaches the workflow, which closes the acknowledge task.
    await r.cases.execute(ids[2]!, { type: 'acknowledge', actor: MANAGER, data: {} });
    await r.drive(ids[2]!);
    await waitFor(
      async () => {
        const { state } = await r.cases.load(ids[2]!);
        return Object.values(state!.tasks).every((t) => t.kind !== 'acknowledge' || t.status === 'done');
      },
      30_000,
      'kvitteringsuppgiften stängs efter återställningen',
    );
    // The new case after the restore gets the next number of the restored sequence (runbook: the lost one's).
    const next = await r.cases.report(
      { type: 'complaint', unitId: 'solgarden', description: 'Efter återställningen', channel: 'web' },
      STAFF,
    );
    expect(next.state.caseNumber).toBe(lost.state.caseNumber);
  });
});
