// Memory and start-up cost per open workflow, by workflow bundle (issue 5, ADR 0016): the production
// bundle (`bundleWorkflows`) against the bundler's default, which evaluates every module the
// `@kvalitet/domain` barrel re-exports in every workflow run. Same worker process, same dev server,
// one after the other, each in a fresh child process (a process's resident memory does not shrink
// back after the first run, which would flatter the second). Idle case workflows (no events yet) are started and each is queried once, so
// every one has run its first workflow task and sits in the worker's sticky cache.
//   set -a; . .infra/env; set +a
//   node --expose-gc -r @swc-node/register bench/workflow-bundle.bench.ts [--workflows 1000]
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { CASE_WORKFLOW_STATUS_QUERY, CASE_WORKFLOW_TYPE } from '@kvalitet/contracts';
import { bundleWorkflows } from '../apps/worker/src/workflow-bundle';
import { WORKFLOWS_PATH } from '../apps/worker/src/workflow-bundle-path';
import { infraEnv } from '../test/support/infra-env';
import { printTable } from './support/stats';
import { temporalDataConverter } from '@kvalitet/runtime';

const index = process.argv.indexOf('--workflows');
const WORKFLOWS = index > 0 ? Number(process.argv[index + 1]) : 1000;
const BATCH = 50;
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const load = () => loadavg().map((l) => +l.toFixed(2));
const gc = (globalThis as { gc?: () => void }).gc;

async function measure(label: string, code: string, client: Client, connection: NativeConnection) {
  const taskQueue = `bundle-bench-${randomUUID()}`;
  const worker = await Worker.create({
    dataConverter: temporalDataConverter(),
    connection,
    taskQueue,
    workflowBundle: { code },
    activities: {},
    maxCachedWorkflows: WORKFLOWS + 100,
  });
  const ids: string[] = [];
  const start = async () => {
    const handle = await client.workflow.start(CASE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: `bundle-bench-${randomUUID()}`,
      args: [{ caseId: randomUUID() }],
    });
    ids.push(handle.workflowId);
    return handle;
  };
  const figures = await worker.runUntil(async () => {
    await (await start()).query(CASE_WORKFLOW_STATUS_QUERY); // the bundle is loaded before measuring
    gc?.();
    const before = process.memoryUsage().rss;
    const loadBefore = load();
    const started = Date.now();
    for (let i = 0; i < WORKFLOWS; i += BATCH) {
      const handles = await Promise.all(Array.from({ length: Math.min(BATCH, WORKFLOWS - i) }, start));
      await Promise.all(handles.map((h) => h.query(CASE_WORKFLOW_STATUS_QUERY)));
      if ((i / BATCH) % 10 === 0) log(`${label}: ${i + BATCH}/${WORKFLOWS} open`);
    }
    const ms = Date.now() - started;
    gc?.();
    const rssKb = (process.memoryUsage().rss - before) / 1024;
    return {
      bundle: label,
      bundleKb: Math.round(code.length / 1024),
      workflowsPerSecond: Math.round((WORKFLOWS / ms) * 1000),
      rssKbPerOpenWorkflow: Math.round(rssKb / WORKFLOWS),
      loadBefore: loadBefore.join(' '),
      loadAfter: load().join(' '),
    };
  });
  await Promise.all(
    ids.map((id) =>
      client.workflow
        .getHandle(id)
        .terminate()
        .catch(() => undefined),
    ),
  );
  return figures;
}

async function measureOne(which: 'default' | 'lean'): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = infraEnv();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({
    connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }),
    dataConverter: temporalDataConverter(),
  });
  const code =
    which === 'lean'
      ? (await bundleWorkflows({ logger: quiet })).code
      : // The baseline: the bundler's default, package.json `sideEffects` flags ignored as before ADR 0016.
        (
          await bundleWorkflowCode({
            workflowsPath: WORKFLOWS_PATH,
            logger: quiet,
            webpackConfigHook: (config) => ({
              ...config,
              optimization: { ...config.optimization, sideEffects: false },
            }),
          })
        ).code;
  const figures = await measure(
    which === 'lean' ? 'production (lean)' : 'default (whole barrel)',
    code,
    client,
    connection,
  );
  await connection.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function main() {
  const only = process.argv.indexOf('--only');
  if (only > 0) return measureOne(process.argv[only + 1] === 'lean' ? 'lean' : 'default');
  const child = (which: string) => {
    const output = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '-r',
        '@swc-node/register',
        __filename,
        '--workflows',
        String(WORKFLOWS),
        '--only',
        which,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return JSON.parse(output.trim().split('\n').pop()!) as Awaited<ReturnType<typeof measure>>;
  };
  const baseline = child('default');
  const production = child('lean');
  const rows = [
    baseline,
    {
      ...production,
      ratioRss: +(production.rssKbPerOpenWorkflow / baseline.rssKbPerOpenWorkflow).toFixed(2),
    },
  ];
  printTable(`${WORKFLOWS} idle case workflows per bundle`, rows);
  const out = resolve(__dirname, 'results/workflow-bundle.json');
  writeFileSync(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), workflows: WORKFLOWS, rows }, null, 2)}\n`,
  );
  log(`wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
