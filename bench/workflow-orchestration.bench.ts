// Case workflow benchmarks (issue 5) on the real servers: the worker is the real process
// (apps/worker/src/main.ts), events go outbox → relay → Kafka → orchestrator → Temporal dev server.
// Each figure comes with a baseline measured in the same run, and the ratio between them.
//   set -a; . .infra/env; set +a
//   node -r @swc-node/register bench/workflow-orchestration.bench.ts [--cases 1000] [--due 1000] [--lex-sarah 20] [--label x]
// --cases: open case workflows; --due: how many of them get a deadline due in the same minute;
// --lead: seconds until the first of them falls due (long enough to start them all first).
// An in-memory dev server (no --db-filename) lost its whole database under this load (SQLite
// "interrupted", namespace gone); a file on tmpfs with --sqlite-pragma journal_mode=wal
// --sqlite-pragma synchronous=off held, and opened workflows 2.4× as fast as the in-memory one.
// TEMPORAL_ADDRESS in the environment picks another server (e.g. an in-memory dev server), and
// WORKER_MAX_CONCURRENT_WORKFLOW_TASKS / WORKER_MAX_CACHED_WORKFLOWS / WORKER_MAX_CONCURRENT_ACTIVITIES
// tune the worker process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { CaseActor } from '@kvalitet/domain';
import { caseWorkflowId } from '@kvalitet/contracts';
import type { EventEnvelope } from '@kvalitet/contracts';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { smokeWorkflow } from '@kvalitet/workflows';
import { createCaseOrchestrator } from '../apps/projector/src/orchestrator';
import { infraEnv } from '../test/support/infra-env';
import { createTestDatabase } from '../test/support/test-database';
import { testTopics } from '../test/support/test-topics';
import { percentile, printTable } from './support/stats';
import { temporalDataConverter } from '@kvalitet/runtime';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 1000);
const DUE = Math.min(CASES, arg('due', Math.min(CASES, 1000)));
const LABEL = (() => {
  const i = process.argv.indexOf('--label');
  return i > 0 ? String(process.argv[i + 1]) : String(CASES);
})();
const load = () => loadavg().map((n) => +n.toFixed(2));
const loadDuring: Record<string, number[]> = {};
const LEX_SARAH_CASES = arg('lex-sarah', 20);
/** Seconds from adding the actions to the first due date; 0: 60 s + 0.12 s per deadline. */
const LEAD_S = arg('lead', 0);
const UNLOADED = arg('unloaded', 30);
const WRITERS = 8;
const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
const SAS: CaseActor = { username: 'sas', roles: ['lex_sarah_investigator'] };
const ROOT = resolve(__dirname, '..');
const log = (message: string) =>
  process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
let spawnedWorker: ChildProcess | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(250);
  }
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** CPU seconds a local process has used so far (user + system), or undefined when it is not local. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function devServerPid(): number | undefined {
  try {
    const pid = Number(
      execFileSync('pgrep', ['-of', 'temporal server start-dev'], { encoding: 'utf8' }).trim(),
    );
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "All open" means every workflow ran its first activity; the dev server still has the rest of the
 * burst to write (workflow tasks, timers, visibility records) for minutes after that. The lateness of
 * deadlines is measured with 10,000 workflows *open*, not while they are being opened: wait until the
 * dev server and the worker are both below a fifth of a core for 10 s (15 min at most).
 */
async function settle(
  workerPid: number | undefined,
): Promise<{ settleMs: number; serverCores: number; workerCores: number }> {
  const server = devServerPid();
  const started = Date.now();
  let quietSamples = 0;
  let last = { server: cpuSeconds(server), worker: cpuSeconds(workerPid), at: Date.now() };
  for (;;) {
    await sleep(5000);
    const now = { server: cpuSeconds(server), worker: cpuSeconds(workerPid), at: Date.now() };
    const seconds = (now.at - last.at) / 1000;
    const serverCores =
      now.server === undefined || last.server === undefined ? 0 : (now.server - last.server) / seconds;
    const workerCores =
      now.worker === undefined || last.worker === undefined ? 0 : (now.worker - last.worker) / seconds;
    last = now;
    quietSamples = serverCores < 0.2 && workerCores < 0.2 ? quietSamples + 1 : 0;
    if (quietSamples >= 2 || Date.now() - started > 15 * 60_000) {
      const settled = {
        settleMs: Date.now() - started,
        serverCores: +serverCores.toFixed(2),
        workerCores: +workerCores.toFixed(2),
      };
      log(
        `settled after ${settled.settleMs} ms (dev server ${settled.serverCores} cores, worker ${settled.workerCores} cores)`,
      );
      return settled;
    }
    log(
      `waiting for the servers to settle: dev server ${serverCores.toFixed(2)} cores, worker ${workerCores.toFixed(2)} cores`,
    );
  }
}

function stats(values: number[]) {
  return {
    n: values.length,
    p50: Math.round(percentile(values, 50)),
    p99: Math.round(percentile(values, 99)),
    max: Math.round(Math.max(...values)),
  };
}

async function inParallel<T>(
  items: T[],
  workers: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

async function main(): Promise<void> {
  const env = infraEnv();
  const db = await createTestDatabase({ poolSize: 30 });
  const topics = testTopics();
  const kafka = createKafka({
    brokers: parseBrokers(env.KAFKA_BROKERS),
    clientId: 'workflow-bench',
    log: () => undefined,
  });
  await ensureTopics(kafka, topics.all);
  const cases = new CaseCommandService(new EventStore(db.dataSource, { topicFor: topics.topicFor }));
  const taskQueue = `bench-${randomUUID()}`;
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, dataConverter: temporalDataConverter() });

  log(`starting the worker process (task queue ${taskQueue})…`);
  const worker = spawn(
    process.execPath,
    ['-r', '@swc-node/register', resolve(ROOT, 'apps/worker/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
        TEMPORAL_TASK_QUEUE: taskQueue,
        KAFKA_NAMESPACE: topics.prefix,
        DATABASE_POOL_SIZE: '20',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  spawnedWorker = worker;
  let ready = false;
  worker.stdout?.on('data', (chunk: Buffer) => {
    if (chunk.toString('utf8').includes('Temporal-arbetaren är igång')) ready = true;
  });
  worker.stderr?.on('data', () => undefined);
  await waitUntil('worker ready', async () => ready, 120_000);
  await sleep(2000);
  const rssIdle = rssMb(worker);

  // The orchestrator and, as the baseline, a consumer that does nothing but note when each event arrived.
  const signalled: number[] = [];
  const arrived: number[] = [];
  const orchestrator = createCaseOrchestrator({
    client,
    taskQueue,
    topics: [topics.topicFor('case')],
    name: `bench-orchestrator-${topics.prefix}`,
    onSignalled: (_caseId, events) => {
      const now = Date.now();
      for (const e of events) if (e.type === 'CaseReported') signalled.push(now - Date.parse(e.occurredAt));
    },
  });
  const orchestratorRunner = new ConsumerRunner(kafka, db.dataSource, {
    consumerName: orchestrator.name,
    topics: orchestrator.topics,
    handleBatch: orchestrator.handleBatch,
    onError: (error, context) => log(`orchestrator: ${String(error)} ${JSON.stringify(context)}`),
  });
  const baselineRunner = new ConsumerRunner(kafka, db.dataSource, {
    consumerName: `bench-baseline-${topics.prefix}`,
    topics: orchestrator.topics,
    handleBatch: async (events: EventEnvelope[]) => {
      const now = Date.now();
      for (const e of events) if (e.type === 'CaseReported') arrived.push(now - Date.parse(e.occurredAt));
    },
  });
  const relay = new OutboxRelay(kafka, db.dataSource, {
    idleDelayMs: 20,
    onError: (error) => log(`relay: ${String(error)}`),
  });
  await orchestratorRunner.start();
  await baselineRunner.start();
  await relay.start();
  await sleep(3000);

  const count = async (sql: string) => Number((await db.dataSource.query(sql))[0].count);
  const reportToDeadline = async (): Promise<number[]> =>
    (
      await db.dataSource.query(
        `SELECT extract(epoch FROM d.recorded_at - r.recorded_at) * 1000 AS ms
           FROM events r JOIN events d ON d.aggregate_id = r.aggregate_id AND d.type = 'DeadlineStarted'
          WHERE r.type = 'CaseReported'`,
      )
    ).map((r: { ms: string }) => Number(r.ms));

  // 0. Latency from the event to the workflow when the system is not loaded: one report at a time.
  log(`${UNLOADED} reports one at a time…`);
  for (let i = 0; i < UNLOADED; i++) {
    await cases.report(
      {
        type: 'deviation',
        unitId: 'solgarden',
        occurredAt: '2026-11-20',
        description: `Enstaka ${i}`,
        channel: 'staff_form',
      },
      STAFF,
    );
    await waitUntil(
      'its deadline',
      async () => (await count(`SELECT count(*) FROM events WHERE type = 'DeadlineStarted'`)) > i,
      60_000,
    );
    await sleep(200);
  }
  const unloaded = {
    arrived: arrived.splice(0),
    signalled: signalled.splice(0),
    deadlineStarted: await reportToDeadline(),
  };
  const unloadedCaseIds: string[] = (
    await db.dataSource.query(`SELECT aggregate_id FROM events WHERE type = 'CaseReported'`)
  ).map((r: { aggregate_id: string }) => r.aggregate_id);

  // 1. N open case workflows, and the latency from the event to the workflow in a burst.
  log(`reporting ${CASES} deviations at once (${WRITERS} writers)…`);
  const caseIds: string[] = [];
  const reportStarted = Date.now();
  await inParallel(
    Array.from({ length: CASES }, (_, i) => i),
    WRITERS,
    async (i) => {
      const { state } = await cases.report(
        {
          type: 'deviation',
          unitId: i % 2 ? 'solgarden' : 'ekbacken',
          occurredAt: '2026-11-20',
          description: `Avvikelse ${i}`,
          channel: 'staff_form',
        },
        STAFF,
      );
      caseIds.push(state.id);
    },
  );
  const reportMs = Date.now() - reportStarted;
  // Progress every 30 s (opened, rate, worker memory, load), kept in a file so that a run stopped
  // before the end still leaves its figures.
  const progress: { s: number; open: number; perSecond: number; workerRssMb: number; load1m: number }[] = [];
  let lastProgress = Date.now();
  await waitUntil(
    'every workflow started its deadline',
    async () => {
      const open = (await count(`SELECT count(*) FROM events WHERE type = 'DeadlineStarted'`)) - UNLOADED;
      if (Date.now() - lastProgress >= 30_000 || open >= CASES) {
        lastProgress = Date.now();
        const s = Math.round((Date.now() - reportStarted) / 1000);
        progress.push({
          s,
          open,
          perSecond: +(open / Math.max(1, s)).toFixed(1),
          workerRssMb: rssMb(worker),
          load1m: load()[0]!,
        });
        log(`open ${open}/${CASES} after ${s} s, worker RSS ${rssMb(worker)} MB, load ${load().join(' ')}`);
        writeFileSync(
          resolve(__dirname, 'results', `workflow-orchestration-${LABEL}.progress.json`),
          JSON.stringify({ cases: CASES, temporalAddress: env.TEMPORAL_ADDRESS, progress }, null, 2) + '\n',
        );
      }
      return open >= CASES;
    },
    90 * 60_000,
  );
  const allOpenMs = Date.now() - reportStarted;
  const unloadedSet = new Set(unloadedCaseIds);
  const burstEndToEnd: number[] = (
    await db.dataSource.query(
      `SELECT r.aggregate_id AS id, extract(epoch FROM d.recorded_at - r.recorded_at) * 1000 AS ms
         FROM events r JOIN events d ON d.aggregate_id = r.aggregate_id AND d.type = 'DeadlineStarted'
        WHERE r.type = 'CaseReported'`,
    )
  )
    .filter((r: { id: string }) => !unloadedSet.has(r.id))
    .map((r: { ms: string }) => Number(r.ms));
  const burst = { arrived: arrived.splice(0), signalled: signalled.splice(0) };
  const settled = await settle(worker.pid);
  const rssOpen = rssMb(worker);
  log(`${CASES} workflows open after ${allOpenMs} ms; worker RSS ${rssIdle} → ${rssOpen} MB`);

  // 2. Lateness when many deadlines fall due in the same minute. Baseline: as many bare timers due in
  //    the same minute, each followed by one insert (the smoke workflow), on the same worker.
  loadDuring['opening'] = load();
  // On a loaded machine adding the actions takes minutes: give it a lead (--lead) so that every
  // deadline is started before the first falls due, or lateness measures the set-up too.
  const dueFrom = Date.now() + (LEAD_S > 0 ? LEAD_S * 1000 : 60_000 + DUE * 120);
  log(
    `starting ${DUE} baseline timers and adding ${DUE} actions, all due within one minute from ${new Date(dueFrom).toISOString()} …`,
  );
  const timerIds: string[] = [];
  await inParallel(
    Array.from({ length: DUE }, (_, i) => i),
    WRITERS,
    async (i) => {
      const target = dueFrom + Math.floor((i / DUE) * 60_000);
      const workflowId = `bench-timer-${topics.prefix}-${i}`;
      timerIds.push(workflowId);
      await client.workflow.start(smokeWorkflow, {
        taskQueue,
        workflowId,
        args: [{ timeoutMs: target - Date.now(), note: workflowId }],
      });
    },
  );
  await inParallel(caseIds.slice(0, DUE), WRITERS, async (caseId, i) => {
    const dueAt = dueFrom + Math.floor((i / DUE) * 60_000);
    await cases.execute(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await cases.execute(caseId, {
      type: 'add-action',
      actor: MANAGER,
      data: {
        actionId: randomUUID(),
        title: 'Åtgärd',
        level: 'individual',
        owner: 'enhetschef',
        dueAt: new Date(dueAt).toISOString(),
      },
    });
  });
  await waitUntil(
    'action deadlines started',
    async () =>
      (await count(
        `SELECT count(*) FROM events WHERE type = 'DeadlineStarted' AND data->>'kind' = 'action'`,
      )) >= DUE,
    10 * 60_000,
  );
  if (Date.now() > dueFrom)
    log('WARNING: the deadlines were not all started before they fell due; lateness includes set-up');
  await waitUntil(
    'every action deadline missed',
    async () => (await count(`SELECT count(*) FROM events WHERE type = 'DeadlineMissed'`)) >= DUE,
    20 * 60_000,
  );
  loadDuring['deadlinesDue'] = load();
  await waitUntil(
    'every baseline timer fired',
    async () => (await count(`SELECT count(*) FROM service_probe`)) >= DUE,
    10 * 60_000,
  );
  const caseLateness: { ms: number }[] = await db.dataSource.query(
    `SELECT extract(epoch FROM m.recorded_at - (s.data->>'dueAt')::timestamptz) * 1000 AS ms
       FROM events m JOIN events s ON s.aggregate_id = m.aggregate_id AND s.type = 'DeadlineStarted' AND s.data->>'deadlineId' = m.data->>'deadlineId'
      WHERE m.type = 'DeadlineMissed' AND s.data->>'kind' = 'action'`,
  );
  // A timer fires at its start + its duration (both in the workflow's history); lateness is measured to the insert.
  const inserted = new Map<string, number>(
    (await db.dataSource.query(`SELECT note, created_at FROM service_probe`)).map(
      (r: { note: string; created_at: Date }) => [r.note, new Date(r.created_at).getTime()],
    ),
  );
  const timerLateness: { ms: number }[] = [];
  await inParallel(timerIds, 8, async (workflowId) => {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const started = history.events?.find((e) => e.timerStartedEventAttributes);
    if (!started?.eventTime || !started.timerStartedEventAttributes?.startToFireTimeout) return;
    const due = tsToMs(started.eventTime) + tsToMs(started.timerStartedEventAttributes.startToFireTimeout);
    const at = inserted.get(workflowId);
    if (at !== undefined) timerLateness.push({ ms: at - due });
  });

  // 3. Temporal history events per lex Sarah case from report to close (deadlines met in time).
  log(`${LEX_SARAH_CASES} lex Sarah cases from report to close…`);
  const lexIds: string[] = [];
  const step = async (caseId: string, command: Parameters<CaseCommandService['execute']>[1]) => {
    await cases.execute(caseId, command);
    await sleep(300); // a person's pace: one command at a time reaches the workflow
  };
  await inParallel(
    Array.from({ length: LEX_SARAH_CASES }, (_, i) => i),
    WRITERS,
    async () => {
      const { state } = await cases.report(
        {
          type: 'lex_sarah',
          unitId: 'solgarden',
          occurredAt: '2026-11-20',
          description: 'Lex Sarah',
          channel: 'staff_form',
        },
        STAFF,
      );
      const caseId = state.id;
      lexIds.push(caseId);
      await waitUntil(
        'lex Sarah deadlines',
        async () => Object.keys((await cases.load(caseId)).state!.deadlines).length === 2,
        60_000,
      );
      await step(caseId, { type: 'acknowledge', actor: SAS, data: {} });
      await step(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
      await step(caseId, { type: 'start-investigation', actor: SAS, data: {} });
      await step(caseId, {
        type: 'record-investigation',
        actor: SAS,
        data: { summary: 'Utredd', causes: ['staffing'] },
      });
      await step(caseId, {
        type: 'decide',
        actor: MANAGER,
        data: { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt' },
      });
      await step(caseId, {
        type: 'report-to-ivo',
        actor: MANAGER,
        data: { ivoReference: 'IVO-1', reportedAt: new Date().toISOString() },
      });
      const actionId = randomUUID();
      await step(caseId, {
        type: 'add-action',
        actor: MANAGER,
        data: {
          actionId,
          title: 'Rutin',
          level: 'organisational',
          owner: 'enhetschef',
          dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      });
      await step(caseId, { type: 'complete-action', actor: MANAGER, data: { actionId, result: 'Klar' } });
      await step(caseId, { type: 'follow-up', actor: MANAGER, data: { effective: true, note: 'Effektiv' } });
      await step(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Avslutad' } });
    },
  );
  const histories: number[] = [];
  for (const caseId of lexIds) {
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));
    await waitUntil(
      'lex Sarah workflow completed',
      async () => (await handle.describe()).status.name === 'COMPLETED',
      60_000,
    );
    histories.push((await handle.describe()).historyLength);
  }
  const rssEnd = rssMb(worker);

  loadDuring['lexSarah'] = load();
  const results = {
    at: new Date().toISOString(),
    cases: CASES,
    due: DUE,
    temporalAddress: env.TEMPORAL_ADDRESS,
    workerTuning: Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name.startsWith('WORKER_MAX_')),
    ),
    loadAverage1m5m15m: loadDuring,
    openWorkflows: {
      reportMs,
      allOpenMs,
      /** After "all open", until the dev server and the worker were idle (below 0.2 cores for 10 s). */
      settledAfterMs: settled.settleMs,
      workerRssMbIdle: rssIdle,
      workerRssMbWithOpen: rssOpen,
      workerRssMbEnd: rssEnd,
      kbPerOpenWorkflow: Math.round(((rssOpen - rssIdle) * 1024) / CASES),
    },
    eventToWorkflowUnloaded: {
      kafkaArrivalMs: stats(unloaded.arrived),
      signalWithStartDoneMs: stats(unloaded.signalled),
      deadlineStartedMs: stats(unloaded.deadlineStarted),
      ratioP50SignalledVsArrival: +(
        percentile(unloaded.signalled, 50) / Math.max(1, percentile(unloaded.arrived, 50))
      ).toFixed(2),
    },
    eventToWorkflowBurst: {
      kafkaArrivalMs: stats(burst.arrived),
      signalWithStartDoneMs: stats(burst.signalled),
      deadlineStartedMs: stats(burstEndToEnd),
      ratioP50SignalledVsArrival: +(
        percentile(burst.signalled, 50) / Math.max(1, percentile(burst.arrived, 50))
      ).toFixed(2),
    },
    deadlineLateness: {
      caseDeadlineMs: stats(caseLateness.map((r) => Number(r.ms))),
      bareTimerPlusInsertMs: stats(timerLateness.map((r) => r.ms)),
      ratioP50: +(
        percentile(
          caseLateness.map((r) => Number(r.ms)),
          50,
        ) /
        Math.max(
          1,
          percentile(
            timerLateness.map((r) => r.ms),
            50,
          ),
        )
      ).toFixed(2),
      ratioP99: +(
        percentile(
          caseLateness.map((r) => Number(r.ms)),
          99,
        ) /
        Math.max(
          1,
          percentile(
            timerLateness.map((r) => r.ms),
            99,
          ),
        )
      ).toFixed(2),
    },
    lexSarahHistoryEvents: { ...stats(histories), goal: 100 },
  };
  printTable('Open case workflows', [results.openWorkflows]);
  for (const [label, r] of [
    ['one report at a time', results.eventToWorkflowUnloaded],
    [`${CASES} reports at once`, results.eventToWorkflowBurst],
  ] as const) {
    printTable(
      `Event → workflow latency, ${label} (ms; baseline: the same events reaching a no-op consumer)`,
      [
        { measure: 'event recorded → baseline consumer', ...r.kafkaArrivalMs },
        { measure: 'event recorded → signalWithStart done', ...r.signalWithStartDoneMs },
        { measure: 'CaseReported → DeadlineStarted (workflow ran)', ...r.deadlineStartedMs },
      ],
    );
  }
  printTable(`Lateness of ${DUE} deadlines due within one minute (ms; baseline: bare timers + one insert)`, [
    { measure: 'case deadline → DeadlineMissed', ...results.deadlineLateness.caseDeadlineMs },
    { measure: 'bare timer → insert', ...results.deadlineLateness.bareTimerPlusInsertMs },
  ]);
  printTable('Temporal history events per lex Sarah case, report → close (goal < 100)', [
    results.lexSarahHistoryEvents,
  ]);
  printTable('Load average (1, 5, 15 min) at the end of each phase', [
    Object.fromEntries(Object.entries(loadDuring).map(([phase, l]) => [phase, l.join(' / ')])),
  ]);
  writeFileSync(
    resolve(__dirname, 'results', `workflow-orchestration-${LABEL}.json`),
    JSON.stringify(results, null, 2) + '\n',
  );

  log('cleaning up…');
  await relay.stop();
  await orchestratorRunner.stop();
  await baselineRunner.stop();
  await inParallel([...caseIds, ...unloadedCaseIds], 16, async (id) => {
    await client.workflow
      .getHandle(caseWorkflowId(id))
      .terminate('bench finished')
      .catch(() => undefined);
  });
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await connection.close();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: topics.all }).catch(() => undefined);
  await admin.disconnect();
  await db.drop();
}

main().catch((error: unknown) => {
  console.error(error);
  // a failed run must not leave its worker polling the dev server (and loading the machine)
  spawnedWorker?.kill('SIGKILL');
  process.exit(1);
});
