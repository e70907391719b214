// The task inbox at scale (issue 21): page 1 of GET /api/v1/tasks and GET /api/v1/tasks/counts for a
// unit manager with 20,000 open tasks, while the read model also holds 60,000 tasks of other units
// (the role index has to pick the caller's). The api runs as in production on a fresh database of its
// own (the e2e harness); the tasks are a read-model fixture (test/support/inbox-fixture.ts).
//   set -a; . .infra/env; set +a
//   node -r @swc-node/register bench/inbox-scale.bench.ts [--tasks 20000] [--requests 50]
// Results: bench/results/inbox-scale.json
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startApi } from '../test/e2e/support/api-harness';
import { insertInboxTasks } from '../test/support/inbox-fixture';
import { percentile, printTable } from './support/stats';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const TASKS = arg('tasks', 20_000);
const REQUESTS = arg('requests', 50);

const QUERIES = {
  'newest, page 1': '/api/v1/tasks?sort=newest',
  'due (overdue first), page 1': '/api/v1/tasks?sort=due',
  'one kind, newest, page 1': '/api/v1/tasks?sort=newest&kind=egenkontroll_control',
  'search a number, page 1': '/api/v1/tasks?sort=newest&q=0042',
  'newest, page 200': '/api/v1/tasks?sort=newest&page=200',
  'counts per kind': '/api/v1/tasks/counts',
} as const;

async function main(): Promise<void> {
  const api = await startApi({ LOG_LEVEL: 'error' });
  try {
    await insertInboxTasks(api.db.dataSource, {
      count: TASKS,
      unitId: 'solgarden',
      assigneeRole: 'unit_manager',
    });
    for (const unitId of ['ekbacken', 'hemtjanst-norr', 'lss-boende'])
      await insertInboxTasks(api.db.dataSource, { count: TASKS, unitId, assigneeRole: 'unit_manager' });
    const token = await api.token('enhetschef');
    const rows: Record<string, string | number>[] = [];
    const results: Record<string, { p50: number; p99: number; max: number }> = {};
    for (const [name, path] of Object.entries(QUERIES)) {
      await api.call('GET', path, { token }); // warm: plan cache, connections
      const ms: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const response = await api.call('GET', path, { token });
        ms.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
      }
      const result = {
        p50: Math.round(percentile(ms, 50)),
        p99: Math.round(percentile(ms, 99)),
        max: Math.round(Math.max(...ms)),
      };
      results[name] = result;
      rows.push({ query: name, ...result });
    }
    printTable(
      `GET /tasks for a unit manager with ${TASKS} open tasks (${REQUESTS} requests each, ms)`,
      rows,
    );
    const out = resolve(__dirname, 'results/inbox-scale.json');
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          machine: 'the shared 2-core development machine, other test runs active',
          callerTasks: TASKS,
          otherUnitsTasks: TASKS * 3,
          requestsPerQuery: REQUESTS,
          milliseconds: results,
        },
        null,
        2,
      )}\n`,
    );
    process.stderr.write(`wrote ${out}\n`);
  } finally {
    await api.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
