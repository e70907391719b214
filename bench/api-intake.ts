// Intake benchmark (issue 6): the api's POST /api/v1/cases (validation, authentication, case-number
// allocation, events + personal data + outbox in one transaction) and GET /api/v1/cases/{id}
// (event-store read + access-log row), each against a bare node:http + pg server doing the same
// row writes in the same run on the same servers, and the ratio between them.
//   node -r @swc-node/register bench/api-intake.ts [--seconds 30] [--connections 50] [--workers 1,2]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { AppProcess, waitUntil } from '../test/support/app-process';
import { infraEnv } from '../test/support/infra-env';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { freePort } from '../test/e2e/support/api-harness';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { processTreeCpuMs } from './support/process-cpu';
import { percentile, printTable } from './support/stats';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const SECONDS = arg('seconds', 30);
// --profile DIR: the api process writes a V8 CPU profile there when it stops (chrome://inspect, speedscope).
const PROFILE_DIR = process.argv.includes('--profile')
  ? process.argv[process.argv.indexOf('--profile') + 1]
  : undefined;
/** `uptime`'s 1/5/15-minute load: the machine is shared, so each figure carries the load it ran under. */
const load = () => loadavg().map((l) => +l.toFixed(2));
const CONNECTIONS = arg('connections', 50);
/** --workers 1,2: the api (API_WORKERS) and the baseline are measured with each number of processes. */
const WORKERS = (() => {
  const index = process.argv.indexOf('--workers');
  return (index > 0 ? String(process.argv[index + 1]) : '1,2').split(',').map(Number);
})();
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const REPORT = {
  type: 'deviation',
  unitId: 'solgarden',
  occurredAt: '2026-11-20T14:05:00+01:00',
  description: 'Brukare föll i korridoren vid förflyttning nattetid; inga synliga skador.',
  immediateActions: 'Sjuksköterska tillkallad, brukaren undersökt.',
  channel: 'staff_form',
};

interface Figures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  loadBefore: number[];
  loadAfter: number[];
  /** CPU of the server (all its processes) per answered request: comparable on a busy machine. */
  cpuMsPerRequest?: number;
}

function figures(result: Result, loadBefore: number[], cpu?: { pid?: number; before?: number }): Figures {
  const cpuAfter = processTreeCpuMs(cpu?.pid);
  const answered = result.requests.total;
  return {
    ...(cpu?.before !== undefined && cpuAfter !== undefined && answered > 0
      ? { cpuMsPerRequest: +((cpuAfter - cpu.before) / answered).toFixed(3) }
      : {}),
    loadBefore,
    loadAfter: load(),
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function run(options: autocannon.Options): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) =>
      error ? reject(error) : resolvePromise(result),
    );
  });
}

/** The same reports through CaseCommandService in this process: what persistence alone allows. */
async function reportInProcess(service: CaseCommandService): Promise<Figures> {
  const loadBefore = load();
  const latencies: number[] = [];
  const started = Date.now();
  const end = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        await service.report(
          { ...REPORT, type: 'deviation', channel: 'staff_form' },
          { username: 'medarbetare', roles: ['staff'] },
        );
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  return {
    requestsPerSecond: Math.round((latencies.length / (Date.now() - started)) * 1000),
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    requests: latencies.length,
    non2xx: 0,
    errors: 0,
    loadBefore,
    loadAfter: load(),
  };
}

async function waitForHttp(url: string, child: AppProcess): Promise<void> {
  await waitUntil(
    async () => {
      if (!child.running) throw new Error(`${child.label} avslutades:\n${child.text}`);
      return fetch(url).then(
        () => true,
        () => false,
      );
    },
    60_000,
    url,
  );
}

interface Round {
  workers: number;
  post: { api: Figures; baseline: Figures; ratio: number };
  get: { api: Figures; baseline: Figures; ratio: number; accessLogRowsWritten: number };
}

const ratio = (a: Figures, b: Figures) => +(a.requestsPerSecond / b.requestsPerSecond).toFixed(2);

/**
 * One round: the api with `workers` processes (API_WORKERS) against the bare server with as many
 * processes, so the ratio compares like with like.
 */
async function measureRound(db: TestDatabase, workers: number): Promise<Round> {
  const infra = infraEnv();
  const apiPort = await freePort();
  const barePort = await freePort();
  const api = new AppProcess(
    'apps/api/src/main.ts',
    {
      // dev tokens are refused with NODE_ENV=production; everything else runs as in production
      NODE_ENV: 'test',
      AUTH_MODE: 'dev',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: String(Math.ceil(20 / workers)),
      API_WORKERS: String(workers),
      TEMPORAL_ADDRESS: infra.TEMPORAL_ADDRESS,
      KAFKA_BROKERS: infra.KAFKA_BROKERS,
      MIGRATE_ON_START: 'false',
      LOG_LEVEL: 'warn',
      ...(PROFILE_DIR
        ? {
            NODE_OPTIONS: `--require ${resolve(__dirname, 'support/cpu-profile.cjs')}`,
            PROF_DIR: PROFILE_DIR,
          }
        : {}),
    },
    `api×${workers}`,
  );
  const bare = new AppProcess(
    'bench/support/bare-pg-server.ts',
    {
      DATABASE_URL: db.url,
      PORT: String(barePort),
      POOL_SIZE: String(Math.ceil(20 / workers)),
      WORKERS: String(workers),
    },
    `bare-pg-server×${workers}`,
  );
  try {
    api.start();
    bare.start();
    const apiBase = `http://127.0.0.1:${apiPort}`;
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitForHttp(`${apiBase}/health/live`, api);
    await waitForHttp(`${bareBase}/`, bare);
    const token = async (username: string) => {
      const response = await fetch(`${apiBase}/api/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const staff = await token('medarbetare');
    const reader = await token('kvalitet');
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify(REPORT);

    // Warm both up (JIT, pools, swc, every worker) so neither pays its start-up inside the measurement.
    await run({
      url: `${apiBase}/api/v1/cases`,
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${staff}` },
      body,
      duration: 5,
      connections: 20,
    });
    await run({
      url: `${bareBase}/cases`,
      method: 'POST',
      headers: json,
      body,
      duration: 5,
      connections: 20,
    });

    log(`POST /cases: api med ${workers} process(er), ${CONNECTIONS} anslutningar i ${SECONDS} s…`);
    const apiPostLoad = load();
    const apiPostCpu = { pid: api.pid, before: processTreeCpuMs(api.pid) };
    const apiPost = figures(
      await run({
        url: `${apiBase}/api/v1/cases`,
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${staff}` },
        body,
      }),
      apiPostLoad,
      apiPostCpu,
    );
    log(`POST /cases: baslinje (node:http + pg, ${workers} process(er))…`);
    const barePostLoad = load();
    const barePostCpu = { pid: bare.pid, before: processTreeCpuMs(bare.pid) };
    const barePost = figures(
      await run({ url: `${bareBase}/cases`, method: 'POST', headers: json, body }),
      barePostLoad,
      barePostCpu,
    );

    const created = (await (
      await fetch(`${apiBase}/api/v1/cases`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${staff}` },
        body,
      })
    ).json()) as { id: string };
    const bareCreated = (await (
      await fetch(`${bareBase}/cases`, { method: 'POST', headers: json, body })
    ).json()) as { id: string };
    const accessLogBefore = Number((await db.dataSource.query(`SELECT count(*) FROM access_log`))[0].count);
    log(`GET /cases/{id} (med rad i åtkomstloggen): api med ${workers} process(er)…`);
    const apiGetLoad = load();
    const apiGetCpu = { pid: api.pid, before: processTreeCpuMs(api.pid) };
    const apiGet = figures(
      await run({
        url: `${apiBase}/api/v1/cases/${created.id}`,
        headers: { authorization: `Bearer ${reader}` },
      }),
      apiGetLoad,
      apiGetCpu,
    );
    log(`GET /cases/{id}: baslinje…`);
    const bareGetLoad = load();
    const bareGetCpu = { pid: bare.pid, before: processTreeCpuMs(bare.pid) };
    const bareGet = figures(
      await run({ url: `${bareBase}/cases/${bareCreated.id}` }),
      bareGetLoad,
      bareGetCpu,
    );
    const accessLogRows =
      Number((await db.dataSource.query(`SELECT count(*) FROM access_log`))[0].count) - accessLogBefore;
    // Requests still in flight when autocannon stops are answered (and logged) but not counted.
    if (accessLogRows < apiGet.requests || accessLogRows > apiGet.requests + CONNECTIONS)
      log(`VARNING: ${apiGet.requests} läsningar men ${accessLogRows} rader i åtkomstloggen`);
    return {
      workers,
      post: { api: apiPost, baseline: barePost, ratio: ratio(apiPost, barePost) },
      get: {
        api: apiGet,
        baseline: bareGet,
        ratio: ratio(apiGet, bareGet),
        accessLogRowsWritten: accessLogRows,
      },
    };
  } finally {
    await api.terminate(15_000).catch(() => undefined);
    await bare.terminate(15_000).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const db = await createTestDatabase({ poolSize: 20 });
  try {
    const rounds: Round[] = [];
    for (const workers of WORKERS) rounds.push(await measureRound(db, workers));
    log(`POST /cases: CaseCommandService.report i processen (utan HTTP), ${CONNECTIONS} samtidiga…`);
    const inProcessPost = await reportInProcess(new CaseCommandService(new EventStore(db.dataSource)));

    const row = (test: string, server: string, f: Figures, r: number) => ({
      test,
      server,
      'req/s': f.requestsPerSecond,
      'p50 ms': f.p50Ms,
      'p99 ms': f.p99Ms,
      non2xx: f.non2xx,
      'CPU ms/req': f.cpuMsPerRequest ?? '',
      'ratio api/baseline': r,
    });
    const rows = rounds.flatMap((round) => [
      row('POST /cases', `api ×${round.workers}`, round.post.api, round.post.ratio),
      row('POST /cases', `node:http + pg ×${round.workers}`, round.post.baseline, 1),
      row('GET /cases/{id}', `api ×${round.workers}`, round.get.api, round.get.ratio),
      row('GET /cases/{id}', `node:http + pg ×${round.workers}`, round.get.baseline, 1),
    ]);
    const single = rounds.find((r) => r.workers === 1);
    rows.push(
      row(
        'POST /cases',
        'CaseCommandService, no HTTP',
        inProcessPost,
        single ? ratio(inProcessPost, single.post.baseline) : 0,
      ),
    );
    printTable(`api-intake: ${CONNECTIONS} anslutningar, ${SECONDS} s per mätning`, rows);
    const result = {
      at: new Date().toISOString(),
      seconds: SECONDS,
      connections: CONNECTIONS,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      rounds,
      // persistence alone, same concurrency: separates the HTTP/framework cost from the event store's
      caseCommandServiceInProcess: inProcessPost,
    };
    const file = resolve(__dirname, 'results/api-intake.json');
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`skrev ${file}`);
    const failed = rounds.some(
      (r) => r.post.api.non2xx + r.get.api.non2xx + r.post.api.errors + r.get.api.errors > 0,
    );
    if (failed) {
      log('VARNING: api svarade med fel under mätningen (se non2xx/errors)');
      process.exitCode = 1;
    }
  } finally {
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
