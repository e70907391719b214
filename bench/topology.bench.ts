// The production-like topology against the dev topology (issue 20, "Measured on that topology"):
// the same three measurements, one topology after the other in the same run, each on a fresh
// database, Kafka topics and Temporal namespace of its own, with the processes started here:
//   dev:     the dev Temporal server (SQLite), one Kafka broker (.infra/env); 1 api, 1 worker, 1 projector
//   cluster: the Temporal server built from Go on Postgres, three Kafka brokers (.infra/cluster/env,
//            `bash infra/cluster/up.sh`); API_WORKERS=2, 2 workers, 2 projectors
// Both use the project's one Postgres server (the cluster's Temporal keeps its own databases there).
//   1. sustained: reports through the api at --rate per second for --minutes; report → first task
//      in the inbox, read from the inbox's table (rm_tasks, which GET /api/v1/tasks reads) every
//      --poll-ms, so the figures are rounded up to that interval
//   2. opening: --burst reports at once; how many case workflows per second open (DeadlineStarted)
//   3. lateness: --workflows open workflows, --due of them with timers falling due within --window
//      seconds, the rest hours ahead (the smoke workflow: one durable timer, then one activity
//      inserting a row); how late the rows come after their timers were due
// Every phase records the cores each process group used (api, workers, projectors, Temporal, Kafka,
// Postgres, the machine) and the load average: the machine is shared, the figures are only
// comparable within one run.
//   node -r @swc-node/register bench/topology.bench.ts [--minutes 10] [--rate 5] [--burst 1000]
//        [--workflows 10000] [--due 1000] [--window 60] [--only dev|cluster] [--together]
//        [--shared-dev-server]
// Results: bench/results/topology.json, with --only X topology-X.json (--minutes 1 adds -quick)
// Do not point the dev topology at the SHARED dev Temporal server (.infra/env) while others use it:
// 900 smoke timers due within 20 s on a machine at load 30 made its SQLite answer "interrupted (9)"
// to every call from then on (namespaces gone, every test on it failing) until it is restarted.
// Give the dev topology a dev server of its own with DEV_TEMPORAL_ADDRESS (e.g. `temporal server
// start-dev --port 7299 --db-filename /tmp/bench-temporal.db`); --shared-dev-server overrides the check.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { temporalDataConverter } from '@kvalitet/runtime';
import { smokeWorkflow } from '@kvalitet/workflows';
import { PROJECTOR_STARTED } from '../apps/projector/src/projector-started';
import { bundleWorkflows } from '../apps/worker/src/workflow-bundle';
import { freePort } from '../test/e2e/support/api-harness';
import { AppProcess, waitUntil } from '../test/support/app-process';
import { deleteRunTopics } from '../test/support/app-processes';
import { infraEnv } from '../test/support/infra-env';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { testTopics } from '../test/support/test-topics';
import { percentile, printTable } from './support/stats';
import { measureCores, type ProcessGroup } from './support/topology-cpu';

const ROOT = resolve(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const textArg = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? String(process.argv[index + 1]) : undefined;
};
const MINUTES = arg('minutes', 10);
const RATE = arg('rate', 5);
const BURST = arg('burst', 1000);
const WORKFLOWS = arg('workflows', 10_000);
/** Of the open workflows, how many fall due within --window; the rest stay open with timers hours ahead. */
const DUE = Math.min(WORKFLOWS, arg('due', 1000));
const WINDOW_S = arg('window', 60);
const POLL_MS = arg('poll-ms', 200);
/** A report whose first task takes longer than this is late; one without a task after NEVER_S, never. */
const LATE_S = arg('late-seconds', 5);
const NEVER_S = arg('never-seconds', 120);
const ONLY = textArg('only');
/**
 * --together: both topologies at the same time, so that both see the same load from the rest of a
 * shared machine (and each other's); without it one after the other, dev first.
 */
const TOGETHER = process.argv.includes('--together');
const CLUSTER_ENV = process.env.CLUSTER_ENV_FILE ?? resolve(ROOT, '.infra/cluster/env');
/** One workflow bundle for every worker of the run (ADR 0041), built once at its start. */
const WORKFLOW_BUNDLE = resolve(ROOT, '.infra/bench/topology-workflow-bundle.js');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((l) => +l.toFixed(2));
const log = (message: string) =>
  process.stderr.write(`[topology ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

interface Topology {
  name: 'dev' | 'cluster';
  description: string;
  temporalAddress: string;
  kafkaBrokers: string;
  /** TEMPORAL_* and KAFKA_* settings of the topology's env file (replication, TLS …), passed on. */
  settings: Record<string, string>;
  apiWorkers: number;
  workers: number;
  projectors: number;
  /** Replicas of the run's topics, created here before the processes start (min.insync.replicas 2 with 3). */
  replicationFactor: number;
  temporalServer: RegExp;
  kafkaBrokersProcesses: RegExp;
}

function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) values[match[1]!] = match[2]!.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
  }
  return values;
}

const OWN_SETTINGS = new Set(['TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'KAFKA_NAMESPACE']);
const passedOn = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).filter(
      ([name]) =>
        /^(TEMPORAL|KAFKA)_/.test(name) && !OWN_SETTINGS.has(name) && name !== 'TEMPORAL_TEST_SERVER_PATH',
    ),
  );

function topologies(): Topology[] {
  const dev = infraEnv();
  const devTemporal = process.env.DEV_TEMPORAL_ADDRESS ?? dev.TEMPORAL_ADDRESS;
  if (
    !process.env.DEV_TEMPORAL_ADDRESS &&
    !process.argv.includes('--shared-dev-server') &&
    ONLY !== 'cluster'
  )
    throw new Error(
      `DEV_TEMPORAL_ADDRESS saknas: mät inte på den delade dev-servern ${dev.TEMPORAL_ADDRESS} (se början av filen) eller ange --shared-dev-server`,
    );
  const list: Topology[] = [
    {
      name: 'dev',
      description: 'dev Temporal server (SQLite), one Kafka broker; 1 api, 1 worker, 1 projector',
      temporalAddress: devTemporal,
      kafkaBrokers: dev.KAFKA_BROKERS,
      settings: {},
      apiWorkers: 1,
      workers: 1,
      projectors: 1,
      replicationFactor: 1,
      temporalServer: new RegExp(`temporal server start-dev .*--port ${devTemporal.split(':').pop()}\\b`),
      kafkaBrokersProcesses: /^java .*\.infra\/kafka\//,
    },
  ];
  if (existsSync(CLUSTER_ENV)) {
    const cluster = readEnvFile(CLUSTER_ENV);
    list.push({
      name: 'cluster',
      description:
        'Temporal server from Go on Postgres, three Kafka brokers; API_WORKERS=2, 2 workers, 2 projectors',
      temporalAddress: cluster.TEMPORAL_ADDRESS!,
      kafkaBrokers: cluster.KAFKA_BROKERS!,
      settings: passedOn(cluster),
      apiWorkers: 2,
      workers: 2,
      projectors: 2,
      replicationFactor: 3,
      temporalServer: /\.infra\/cluster\/.*temporal(?!.*\bjava\b)|temporal-server/,
      kafkaBrokersProcesses: /^java .*\.infra\/cluster\//,
    });
  } else log(`${CLUSTER_ENV} saknas (bash infra/cluster/up.sh): mäter bara dev-topologin`);
  return list.filter((t) => !ONLY || t.name === ONLY);
}

interface System {
  name: Topology['name'];
  baseUrl: string;
  db: TestDatabase;
  client: Client;
  namespace: string;
  taskQueue: string;
  groups: ProcessGroup[];
  close(): Promise<void>;
}

async function registerNamespace(connection: Connection): Promise<string> {
  const namespace = `bench-${randomUUID().slice(0, 8)}`;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  // A server with persistence refreshes its namespace cache every 10 s: before that the namespace
  // is "not found" for the processes starting below.
  await sleep(11_000);
  return namespace;
}

/**
 * As infra/cluster creates the installation's topics: the processes' own ensureTopics finds them.
 * The product's ensureTopics, which retries a fresh topic's "does not host this topic-partition".
 */
async function createTopics(
  kafka: ReturnType<typeof createKafka>,
  topics: string[],
  replicationFactor: number,
) {
  const configEntries = replicationFactor >= 3 ? [{ name: 'min.insync.replicas', value: '2' }] : [];
  await ensureTopics(kafka, topics, { topics: { replicationFactor, configFor: () => configEntries } });
}

async function startSystem(topology: Topology): Promise<System> {
  const db = await createTestDatabase({ poolSize: 4 });
  const topics = testTopics();
  const connection = await Connection.connect({ address: topology.temporalAddress });
  const namespace = await registerNamespace(connection);
  const client = new Client({ connection, namespace, dataConverter: temporalDataConverter() });
  const port = await freePort();
  const taskQueue = `bench-${topics.prefix}`;
  const common = {
    ...topology.settings,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: topology.temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    KAFKA_BROKERS: topology.kafkaBrokers,
    KAFKA_NAMESPACE: topics.prefix,
    PROJECTOR_HEALTH_PORT: '0',
    PROJECTOR_HTTP_PORT: '0',
    WORKER_HEALTH_PORT: '0',
    WORKFLOW_BUNDLE_PATH: WORKFLOW_BUNDLE,
    LOG_LEVEL: 'warn',
  };
  const api = new AppProcess(
    'apps/api/src/main.ts',
    {
      ...common,
      HOST: '127.0.0.1',
      PORT: String(port),
      API_WORKERS: String(topology.apiWorkers),
      DATABASE_POOL_SIZE: '10',
      AUTH_MODE: 'dev',
      MIGRATE_ON_START: 'false',
    },
    `api ×${topology.apiWorkers}`,
  );
  const workers = Array.from(
    { length: topology.workers },
    (_, i) =>
      new AppProcess(
        'apps/worker/src/main.ts',
        { ...common, LOG_LEVEL: 'info', DATABASE_POOL_SIZE: '10' },
        `worker ${i + 1}`,
      ),
  );
  const projectors = Array.from(
    { length: topology.projectors },
    (_, i) =>
      new AppProcess('apps/projector/src/main.ts', { ...common, LOG_LEVEL: 'info' }, `projector ${i + 1}`),
  );
  const processes = [api, ...workers, ...projectors];
  const baseUrl = `http://127.0.0.1:${port}`;
  const kafka = createKafka({
    clientId: 'topology-bench',
    brokers: parseBrokers(topology.kafkaBrokers),
    log: () => undefined,
  });
  const close = async () => {
    for (const p of processes) if (p.running) await p.terminate(30_000).catch(() => undefined);
    await db.drop().catch(() => undefined);
    await deleteRunTopics(kafka, topics).catch(() => undefined);
    // The run's open case workflows (deadlines days ahead) go with their namespace.
    await connection.operatorService.deleteNamespace({ namespace }).catch(() => undefined);
    await connection.close();
  };
  await createTopics(kafka, topics.all, topology.replicationFactor);
  for (const p of projectors) p.watchFor(PROJECTOR_STARTED);
  processes.forEach((p) => p.start());
  try {
    await waitUntil(
      async () => {
        for (const p of processes)
          if (!p.running) throw new Error(`${p.label} avslutades vid start:\n${p.text}`);
        return fetch(`${baseUrl}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
      },
      180_000,
      'api redo',
    );
    for (const worker of workers)
      await waitUntil(async () => worker.text.includes('Temporal-arbetaren är igång'), 300_000, worker.label);
    for (const projector of projectors) await projector.waitForOutput(PROJECTOR_STARTED, 180_000);
  } catch (error) {
    await close();
    throw error;
  }
  const groups: ProcessGroup[] = [
    { name: 'api', pids: () => [api.pid] },
    { name: 'workers', pids: () => workers.map((w) => w.pid) },
    { name: 'projectors', pids: () => projectors.map((p) => p.pid) },
    { name: 'Temporal server', commandLine: topology.temporalServer },
    { name: 'Kafka', commandLine: topology.kafkaBrokersProcesses },
    // the one Postgres server of the machine: the other engineers' tests run on it too
    { name: 'Postgres (shared)', commandLine: /bin\/postgres -D / },
  ];
  return { name: topology.name, baseUrl, db, client, namespace, taskQueue, groups, close };
}

const say = (system: System, message: string) => log(`${system.name}: ${message}`);

function stats(values: number[]) {
  if (values.length === 0) return { n: 0, p50: null, p95: null, p99: null, max: null };
  return {
    n: values.length,
    p50: Math.round(percentile(values, 50)),
    p95: Math.round(percentile(values, 95)),
    p99: Math.round(percentile(values, 99)),
    max: Math.round(Math.max(...values)),
  };
}

const REPORT = (n: number) => ({
  type: 'deviation',
  unitId: n % 2 ? 'solgarden' : 'ekbacken',
  occurredAt: '2026-12-06T10:00:00+01:00',
  description: `Mätning ${n}: fel läkemedel gavs vid kvällsmedicineringen`,
  channel: 'staff_form',
});

async function token(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`dev-token ${username}: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function report(baseUrl: string, auth: string, n: number): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    body: JSON.stringify(REPORT(n)),
  });
  const body = (await response.json().catch(() => ({}))) as { id?: string };
  if (response.status !== 201 || !body.id) throw new Error(`POST /cases: ${response.status}`);
  return body.id;
}

/**
 * Notes when each case's first task becomes visible in the inbox's table, polling every POLL_MS
 * for the cases still waiting.
 */
function watchFirstTasks(system: System) {
  const waiting = new Map<string, number>();
  const seen = new Map<string, number>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      if (waiting.size > 0) {
        const rows: { case_id: string }[] = await system.db.dataSource.query(
          `SELECT DISTINCT case_id FROM rm_tasks WHERE case_id = ANY($1::uuid[])`,
          [[...waiting.keys()]],
        );
        const now = Date.now();
        for (const { case_id } of rows) {
          const since = waiting.get(case_id);
          if (since === undefined) continue;
          seen.set(case_id, now - since);
          waiting.delete(case_id);
        }
      }
      await sleep(POLL_MS);
    }
  })();
  return {
    expect: (caseId: string, since: number) => waiting.set(caseId, since),
    waiting: () => waiting.size,
    seen,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

async function sustained(system: System) {
  const auth = await token(system.baseUrl, 'medarbetare');
  const watcher = watchFirstTasks(system);
  const total = Math.round(MINUTES * 60 * RATE);
  const postMs: number[] = [];
  let refused = 0;
  const loadBefore = load();
  const cores = measureCores(system.groups);
  const started = Date.now();
  say(system, `ihållande: ${total} rapporter, ${RATE}/s i ${MINUTES} min`);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const at = started + (i * 1000) / RATE;
    if (at > Date.now()) await sleep(at - Date.now());
    // open loop: a slow answer does not lower the rate offered
    inFlight.push(
      (async () => {
        const sentAt = Date.now();
        try {
          const id = await report(system.baseUrl, auth, i);
          postMs.push(Date.now() - sentAt);
          watcher.expect(id, sentAt);
        } catch {
          refused += 1;
        }
      })(),
    );
    if (i > 0 && i % (RATE * 60) === 0)
      say(
        system,
        `${i}/${total} skickade; väntar på första uppgiften: ${watcher.waiting()}; last ${load().join(' ')}`,
      );
  }
  await Promise.all(inFlight);
  const sentSeconds = (Date.now() - started) / 1000;
  const phaseCores = cores();
  const loadAfter = load();
  const giveUp = Date.now() + NEVER_S * 1000;
  while (watcher.waiting() > 0 && Date.now() < giveUp) await sleep(500);
  await watcher.stop();
  const latencies = [...watcher.seen.values()];
  return {
    reports: total,
    ratePerSecond: RATE,
    minutes: MINUTES,
    achievedRatePerSecond: +(postMs.length / sentSeconds).toFixed(2),
    refused,
    postCasesMs: stats(postMs),
    reportToFirstTaskMs: stats(latencies),
    lateOver: { seconds: LATE_S, count: latencies.filter((ms) => ms > LATE_S * 1000).length },
    neverWithin: { seconds: NEVER_S, count: watcher.waiting() },
    coresDuringSending: phaseCores,
    loadBefore,
    loadAfter,
  };
}

async function opening(system: System) {
  const auth = await token(system.baseUrl, 'medarbetare');
  const loadBefore = load();
  const cores = measureCores(system.groups);
  const started = Date.now();
  const ids: string[] = [];
  let refused = 0;
  let next = 0;
  say(system, `öppning: ${BURST} rapporter på en gång (50 samtidiga anrop)`);
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < BURST) {
        const n = next++;
        await report(system.baseUrl, auth, 100_000 + n).then(
          (id) => void ids.push(id),
          () => void (refused += 1),
        );
      }
    }),
  );
  const intakeSeconds = (Date.now() - started) / 1000;
  const opened = async () =>
    Number(
      (
        await system.db.dataSource.query(
          `SELECT count(DISTINCT aggregate_id) AS count FROM events WHERE type = 'DeadlineStarted' AND aggregate_id = ANY($1::uuid[])`,
          [ids],
        )
      )[0].count,
    );
  const progress: { s: number; open: number }[] = [];
  let tenPercentAt: number | undefined;
  let ninetyPercentAt: number | undefined;
  const giveUp = Date.now() + 30 * 60_000;
  for (;;) {
    const open = await opened();
    const s = (Date.now() - started) / 1000;
    if (tenPercentAt === undefined && open >= ids.length * 0.1) tenPercentAt = s;
    if (ninetyPercentAt === undefined && open >= ids.length * 0.9) ninetyPercentAt = s;
    if (progress.length === 0 || s - progress[progress.length - 1]!.s >= 10 || open >= ids.length) {
      progress.push({ s: Math.round(s), open });
      say(system, `öppna arbetsflöden ${open}/${ids.length} efter ${Math.round(s)} s`);
    }
    if (open >= ids.length || Date.now() > giveUp) break;
    await sleep(250);
  }
  const allOpenSeconds = (Date.now() - started) / 1000;
  const phaseCores = cores();
  return {
    reports: BURST,
    refused,
    intakeSeconds: +intakeSeconds.toFixed(1),
    intakePerSecond: +(ids.length / intakeSeconds).toFixed(1),
    allOpenSeconds: +allOpenSeconds.toFixed(1),
    workflowsOpenedPerSecond: +(ids.length / allOpenSeconds).toFixed(1),
    /** Between 10 % and 90 % opened: the steady opening rate, without the first reports' trip. */
    workflowsOpenedPerSecond10to90:
      tenPercentAt !== undefined && ninetyPercentAt !== undefined && ninetyPercentAt > tenPercentAt
        ? +((ids.length * 0.8) / (ninetyPercentAt - tenPercentAt)).toFixed(1)
        : null,
    progress,
    cores: phaseCores,
    loadBefore,
    loadAfter: load(),
  };
}

async function inParallel<T>(items: T[], lanes: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

async function lateness(system: System) {
  const count = async () =>
    Number((await system.db.dataSource.query(`SELECT count(*) AS count FROM service_probe`))[0].count);
  const before = await count();
  const due = new Map<string, number>();
  const loadBefore = load();
  const startCores = measureCores(system.groups);
  const started = Date.now();
  let failedStarts = 0;
  const start = (i: number, target: number) =>
    system.client.workflow
      .start(smokeWorkflow, {
        taskQueue: system.taskQueue,
        workflowId: `bench-timer-${i}`,
        args: [{ timeoutMs: target - Date.now(), until: target, note: `bench-timer-${i}` }],
      })
      .then(
        () => void due.set(`bench-timer-${i}`, target),
        () => void (failedStarts += 1),
      );
  // The workflows not due in the window are started first, with a timer hours ahead: they are open
  // like the rest. A start is only the server's accept: the workers then run each workflow's first
  // task, and only that sets its timer. The bench waits for that backlog to drain, so that the rate
  // the workers open workflows at sets the lead, and every measured timer is set before the first
  // falls due (otherwise the lateness would measure the opening backlog, as the first run did).
  const calibration = WORKFLOWS - DUE;
  const farAhead = Date.now() + 6 * 3600_000;
  await inParallel(
    Array.from({ length: calibration }, (_, i) => i),
    32,
    async (i) => {
      await start(i, farAhead);
      if (i > 0 && i % 1000 === 0) say(system, `${i}/${WORKFLOWS} startade`);
    },
  );
  const acceptedSeconds = (Date.now() - started) / 1000;
  await workflowBacklogDrained(system, 'öppnade (första arbetsuppgiften körd)');
  const openSeconds = (Date.now() - started) / 1000;
  const opensPerSecond = calibration > 0 ? calibration / openSeconds : 20;
  const dueFrom = Date.now() + 30_000 + ((WORKFLOWS - calibration) / opensPerSecond) * 1.5 * 1000;
  say(
    system,
    `frister: ${calibration} accepterade på ${acceptedSeconds.toFixed(0)} s, öppnade på ${openSeconds.toFixed(0)} s (${opensPerSecond.toFixed(1)}/s); startar ${WORKFLOWS - calibration} till, förfaller ${new Date(dueFrom).toISOString()} + ${WINDOW_S} s`,
  );
  const dueStarted = Date.now();
  await inParallel(
    Array.from({ length: WORKFLOWS - calibration }, (_, i) => calibration + i),
    32,
    async (i) => {
      await start(i, dueFrom + Math.floor(((i - calibration) / (WORKFLOWS - calibration)) * WINDOW_S * 1000));
      if (i % 1000 === 0) say(system, `${i}/${WORKFLOWS} startade`);
    },
  );
  await workflowBacklogDrained(system, 'öppnade', dueFrom);
  const dueOpenSeconds = (Date.now() - dueStarted) / 1000;
  const startSeconds = (Date.now() - started) / 1000;
  const startingCores = startCores();
  const allStartedBeforeDue = Date.now() < dueFrom;
  if (!allStartedBeforeDue)
    say(system, 'VARNING: alla öppnades inte innan de första förföll; senfärdigheten räknar in öppnandet');
  await sleep(Math.max(0, dueFrom - Date.now()));
  const dueCores = measureCores(system.groups);
  const loadAtDue = load();
  const giveUp = Date.now() + WINDOW_S * 1000 + 20 * 60_000;
  for (;;) {
    const fired = (await count()) - before;
    if (fired >= due.size - calibration || Date.now() > giveUp) break;
    await sleep(1000);
  }
  const firingCores = dueCores();
  const rows: { note: string; created_at: Date }[] = await system.db.dataSource.query(
    `SELECT note, created_at FROM service_probe WHERE note LIKE 'bench-timer-%'`,
  );
  const late = rows
    .map((row) => new Date(row.created_at).getTime() - (due.get(row.note) ?? NaN))
    .filter((ms) => Number.isFinite(ms) && ms < 3 * 3600_000);
  return {
    workflows: WORKFLOWS,
    /** Started first with a timer hours ahead (open, not measured): their start rate sets the lead. */
    openNotDue: calibration,
    dueInWindow: DUE,
    windowSeconds: WINDOW_S,
    failedStarts,
    /** From the first start until every workflow had run its first task (so its timer was set). */
    startSeconds: +startSeconds.toFixed(1),
    startsPerSecond: +(due.size / startSeconds).toFixed(1),
    /** The open-not-due ones: accepted by the server, then opened by the workers (first task run). */
    acceptedSeconds: +acceptedSeconds.toFixed(1),
    openedSeconds: +openSeconds.toFixed(1),
    opensPerSecond: +opensPerSecond.toFixed(1),
    dueOpenedSeconds: +dueOpenSeconds.toFixed(1),
    allStartedBeforeFirstDue: allStartedBeforeDue,
    fired: late.length,
    /** From the moment each timer was due to its activity's row (timer fired, workflow task, activity, insert). */
    latenessMs: stats(late),
    coresWhileStarting: startingCores,
    coresWhileFiring: firingCores,
    loadBefore,
    loadAtDue,
    loadAfter: load(),
  };
}

/**
 * Waits until the task queue has no workflow task waiting for a worker (the server's approximate
 * backlog, polled every second), or until `deadline`.
 */
async function workflowBacklogDrained(system: System, what: string, deadline = Date.now() + 30 * 60_000) {
  let lastSaid = 0;
  for (;;) {
    const { stats } = await system.client.workflowService.describeTaskQueue({
      namespace: system.namespace,
      taskQueue: { name: system.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      reportStats: true,
    });
    const backlog = Number(stats?.approximateBacklogCount ?? 0);
    if (backlog === 0 || Date.now() > deadline) return;
    if (Date.now() - lastSaid > 10_000) {
      say(system, `${what}: ${backlog} arbetsuppgifter väntar på en worker`);
      lastSaid = Date.now();
    }
    await sleep(1000);
  }
}

/** The cluster's fault tests (infra/cluster/fault-tests.sh) kill its brokers and servers: a figure taken meanwhile says so. */
function faultTestsRunning(): boolean {
  try {
    execFileSync('pgrep', ['-f', 'infra/cluster/fault-tests'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Measured {
  topology: Topology['name'];
  description: string;
  temporalAddress: string;
  kafkaBrokers: string;
  sustained?: Awaited<ReturnType<typeof sustained>>;
  opening?: Awaited<ReturnType<typeof opening>>;
  lateness?: Awaited<ReturnType<typeof lateness>>;
  clusterFaultTestsRunningDuring: string[];
}

/** Every phase's figures go to the file as soon as they are in: a run stopped early leaves them. */
const measured: Measured[] = [];

async function measure(topology: Topology): Promise<void> {
  log(`${topology.name}: startar ${topology.description}`);
  const system = await startSystem(topology);
  const result: Measured = {
    topology: topology.name,
    description: topology.description,
    temporalAddress: topology.temporalAddress,
    kafkaBrokers: topology.kafkaBrokers,
    clusterFaultTestsRunningDuring: [],
  };
  measured.push(result);
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    if (faultTestsRunning()) result.clusterFaultTestsRunningDuring.push(`${name} (start)`);
    const figures = await run();
    if (faultTestsRunning()) result.clusterFaultTestsRunningDuring.push(`${name} (end)`);
    return figures;
  };
  try {
    await sleep(5000);
    result.sustained = await phase('sustained', () => sustained(system));
    writeResults();
    result.opening = await phase('opening', () => opening(system));
    writeResults();
    result.lateness = await phase('lateness', () => lateness(system));
    writeResults();
    if (result.clusterFaultTestsRunningDuring.length > 0)
      log(`VARNING: klustrets feltester körde under ${result.clusterFaultTestsRunningDuring.join(', ')}`);
    log(`${topology.name}: klar`);
  } finally {
    await system.close();
  }
}

function ratios(dev: Measured, cluster: Measured) {
  const r = (a: number | null | undefined, b: number | null | undefined) =>
    a == null || b == null || b === 0 ? null : +(a / b).toFixed(2);
  return {
    sustainedReportToFirstTaskP50: r(
      cluster.sustained?.reportToFirstTaskMs.p50,
      dev.sustained?.reportToFirstTaskMs.p50,
    ),
    sustainedReportToFirstTaskP95: r(
      cluster.sustained?.reportToFirstTaskMs.p95,
      dev.sustained?.reportToFirstTaskMs.p95,
    ),
    sustainedReportToFirstTaskP99: r(
      cluster.sustained?.reportToFirstTaskMs.p99,
      dev.sustained?.reportToFirstTaskMs.p99,
    ),
    workflowsOpenedPerSecond: r(
      cluster.opening?.workflowsOpenedPerSecond,
      dev.opening?.workflowsOpenedPerSecond,
    ),
    workflowsOpenedPerSecond10to90: r(
      cluster.opening?.workflowsOpenedPerSecond10to90,
      dev.opening?.workflowsOpenedPerSecond10to90,
    ),
    timerStartsPerSecond: r(cluster.lateness?.startsPerSecond, dev.lateness?.startsPerSecond),
    timerLatenessP50: r(cluster.lateness?.latenessMs.p50, dev.lateness?.latenessMs.p50),
    timerLatenessP99: r(cluster.lateness?.latenessMs.p99, dev.lateness?.latenessMs.p99),
  };
}

function writeResults(): void {
  const dev = measured.find((r) => r.topology === 'dev');
  const cluster = measured.find((r) => r.topology === 'cluster');
  const output = {
    at: new Date().toISOString(),
    machine: 'shared: 2 cores, 8 engineers working at the same time; compare figures within this run only',
    topologiesMeasured: TOGETHER ? 'at the same time (--together)' : 'one after the other',
    settings: {
      minutes: MINUTES,
      rate: RATE,
      burst: BURST,
      workflows: WORKFLOWS,
      due: DUE,
      windowSeconds: WINDOW_S,
      pollMs: POLL_MS,
    },
    firstTaskReadFrom: `rm_tasks (the table GET /api/v1/tasks reads), polled every ${POLL_MS} ms`,
    ratioClusterToDev: dev && cluster ? ratios(dev, cluster) : null,
    results: measured,
  };
  const file = resolve(
    __dirname,
    'results',
    `topology${ONLY ? `-${ONLY}` : ''}${MINUTES >= 10 ? '' : '-quick'}.json`,
  );
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  log(`skrev ${file}`);
}

async function main(): Promise<void> {
  mkdirSync(resolve(WORKFLOW_BUNDLE, '..'), { recursive: true });
  writeFileSync(WORKFLOW_BUNDLE, (await bundleWorkflows()).code);
  if (TOGETHER) await Promise.all(topologies().map(measure));
  else for (const topology of topologies()) await measure(topology);
  printTable(
    'Topologi: samma mätningar på dev- och klustertopologin',
    measured.map((r) => ({
      topologi: r.topology,
      'rapport→uppgift p50 ms': r.sustained?.reportToFirstTaskMs.p50 ?? '–',
      p95: r.sustained?.reportToFirstTaskMs.p95 ?? '–',
      p99: r.sustained?.reportToFirstTaskMs.p99 ?? '–',
      [`sena >${LATE_S}s`]: r.sustained?.lateOver.count ?? '–',
      aldrig: r.sustained?.neverWithin.count ?? '–',
      'arbetsflöden/s': r.opening?.workflowsOpenedPerSecond ?? '–',
      'timer sen p50 ms': r.lateness?.latenessMs.p50 ?? '–',
      'timer sen p99 ms': r.lateness?.latenessMs.p99 ?? '–',
    })),
  );
  writeResults();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
