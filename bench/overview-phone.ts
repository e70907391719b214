// Översikt on a phone (issue 21, "Phone and print"): the time from navigation to the page's main
// content visible and interactive, on a 390×844 touch viewport in Debian's Chromium, p50 of 5 loads,
// against the api serving the built web app, with a data set like the one the review used (ui.md,
// journey 5): ~20,000 cases, ~13,500 of them reported this week at Solgården.
//   npx vite build --config apps/web/vite.config.mts
//   set -a; . .infra/env; set +a
//   node -r @swc-node/register bench/overview-phone.ts [--cases 20000] [--week-share 0.675] [--web-dist DIR] [--label before] [--runs 5]
// --web-dist serves another build of the web app (e.g. one of an earlier commit, for a before/after).
// "Interactive" means: the week's figures are on screen and the page's main thread answers (a
// frame and a task run); the time to the first figures alone is reported beside it.
// Not part of `npm test`.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { EventStore } from '@kvalitet/persistence';
import { createStatisticsProjection } from '../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../apps/projector/src/rebuild/rebuild-read-models';
import { freePort } from '../test/e2e/support/api-harness';
import { AppProcess, waitUntil } from '../test/support/app-process';
import { infraEnv } from '../test/support/infra-env';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { testTopics } from '../test/support/test-topics';
import { mulberry32 } from '../test/support/seeded-random';
import { CHROMIUM_ARGS, CHROMIUM } from '../test/browser/support/browser';
import { chromium } from 'playwright-core';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const CASES = Number(arg('--cases', '20000'));
const WEEK_SHARE = Number(arg('--week-share', '0.675'));
const RUNS = Number(arg('--runs', '5'));
const WEB_DIST = resolve(arg('--web-dist', resolve(__dirname, '../apps/web/dist')));
const LABEL = arg('--label', 'current');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const load = () => loadavg().map((l) => +l.toFixed(2));

const random = mulberry32(20261207);
const H = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();
const UNITS = ['solgarden', 'hemtjanst-norr', 'ekbacken', 'forsorjningsstod'];
const TYPES = ['hsl_deviation', 'deviation', 'complaint', 'praise'] as const;
const PREFIX: Record<(typeof TYPES)[number], string> = {
  hsl_deviation: 'HA',
  deviation: 'AV',
  complaint: 'KL',
  praise: 'BE',
};

/** Monday 00:00 of this week in Stockholm (approximately: UTC+1, the winter offset). */
function weekStart(now: number): number {
  const d = new Date(now + H);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day) - H;
}

interface Row {
  aggregateId: string;
  version: number;
  type: string;
  data: object;
  at: number;
}

function caseEvents(n: number, now: number, seq: Map<string, number>): Row[] {
  const id = randomUUID();
  const thisWeek = n < CASES * WEEK_SHARE;
  const type = TYPES[Math.floor(random() * TYPES.length)]!;
  const unitId = thisWeek ? 'solgarden' : UNITS[Math.floor(random() * UNITS.length)]!;
  const from = thisWeek ? weekStart(now) : Date.UTC(new Date(now).getUTCFullYear(), 0, 1);
  const t0 = from + random() * (now - H - from);
  const number = (seq.get(type) ?? 0) + 1;
  seq.set(type, number);
  const rows: Row[] = [];
  const add = (t: string, data: object, at: number) => {
    if (at <= now) rows.push({ aggregateId: id, version: rows.length + 1, type: t, data, at });
  };
  add(
    'CaseReported',
    {
      caseId: id,
      caseNumber: `${PREFIX[type]}-${new Date(t0).getUTCFullYear()}-${String(number).padStart(5, '0')}`,
      type,
      unitId,
      reportedAt: iso(t0),
      registeredAt: iso(t0),
      channel: 'staff_form',
      reporter: { username: 'medarbetare' },
      unclassified: false,
    },
    t0,
  );
  if (type === 'praise') {
    add('CaseClosed', { by: 'enhetschef', at: iso(t0 + H) }, t0 + H);
    return rows;
  }
  add(
    'DeadlineStarted',
    {
      deadlineId: 'ack',
      kind: 'acknowledgement',
      dueAt: iso(t0 + 24 * H),
      policyVersion: 1,
      startedAt: iso(t0),
    },
    t0,
  );
  const ackAt = t0 + (1 + random() * 40) * H;
  if (ackAt > t0 + 24 * H)
    add(
      'DeadlineMissed',
      { deadlineId: 'ack', at: iso(t0 + 24 * H), escalationLevel: 1, escalatedTo: ['division_manager'] },
      t0 + 24 * H,
    );
  add('CaseAcknowledged', { by: 'enhetschef', at: iso(ackAt) }, ackAt);
  if (ackAt <= t0 + 24 * H) add('DeadlineMet', { deadlineId: 'ack', at: iso(ackAt) }, ackAt);
  if (!thisWeek && random() < 0.7)
    add('CaseClosed', { by: 'enhetschef', at: iso(ackAt + 72 * H) }, ackAt + 72 * H);
  return rows;
}

async function seed(db: TestDatabase, now: number): Promise<{ cases: number; events: number }> {
  const seq = new Map<string, number>();
  const metadata = JSON.stringify({ actor: 'bench', correlationId: randomUUID() });
  let events = 0;
  let batch: Row[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.dataSource.query(
      `INSERT INTO events (id, aggregate_type, aggregate_id, version, type, data, metadata, occurred_at)
       SELECT gen_random_uuid(), 'case', a, v, t, d, $5::jsonb, o FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[], $6::timestamptz[]) AS x(a, v, t, d, o)`,
      [
        batch.map((r) => r.aggregateId),
        batch.map((r) => r.version),
        batch.map((r) => r.type),
        batch.map((r) => JSON.stringify(r.data)),
        metadata,
        batch.map((r) => iso(r.at)),
      ],
    );
    batch = [];
  };
  for (let n = 0; n < CASES; n++) {
    const rows = caseEvents(n, now, seq);
    events += rows.length;
    batch.push(...rows);
    if (batch.length >= 20_000) await flush();
  }
  await flush();
  const store = new EventStore(db.dataSource);
  await rebuildReadModels(db.dataSource, store, [createStatisticsProjection()], log);
  await db.dataSource.query('ANALYZE');
  return { cases: CASES, events };
}

/** A frame and then a task: resolves only when the page's main thread is free to answer a tap. */
const MAIN_THREAD_ANSWERS = `new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))`;

interface Load {
  contentMs: number;
  interactiveMs: number;
  heightPx: number;
  /** The api calls ended before the page was interactive: path and ms from navigation to their end. */
  apiCalls: Record<string, number>;
}

async function measureOnce(page: Page): Promise<Load> {
  const started = Date.now();
  const apiCalls: Record<string, number> = {};
  const onFinished = (request: { url(): string }) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) apiCalls[`${url.pathname}${url.search}`] = Date.now() - started;
  };
  page.on('requestfinished', onFinished);
  await page.goto('/oversikt', { waitUntil: 'commit' });
  await page.getByTestId('nyckeltal-Rapporterade').waitFor({ state: 'visible', timeout: 180_000 });
  const contentMs = Date.now() - started;
  await page.evaluate(MAIN_THREAD_ANSWERS);
  const interactiveMs = Date.now() - started;
  page.off('requestfinished', onFinished);
  const heightPx = (await page.evaluate('document.documentElement.scrollHeight')) as number;
  return { contentMs, interactiveMs, heightPx, apiCalls };
}

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const now = Date.now();
  const db = await createTestDatabase({ poolSize: 4 });
  let api: AppProcess | undefined;
  try {
    log(`lägger in ${CASES} ärenden (${Math.round(CASES * WEEK_SHARE)} den här veckan på Solgården)…`);
    const seeded = await seed(db, now);
    log(`inlagt: ${JSON.stringify(seeded)}`);
    const infra = infraEnv();
    const port = await freePort();
    api = new AppProcess(
      'apps/api/src/main.ts',
      {
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        TEMPORAL_ADDRESS: infra.TEMPORAL_ADDRESS,
        KAFKA_BROKERS: infra.KAFKA_BROKERS,
        KAFKA_NAMESPACE: testTopics().prefix,
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        AUTH_MODE: 'dev',
        MIGRATE_ON_START: 'false',
        WEB_DIST_DIR: WEB_DIST,
      },
      'api',
    );
    api.start();
    const baseURL = `http://127.0.0.1:${port}`;
    await waitUntil(
      () =>
        fetch(`${baseURL}/health/ready`).then(
          (r) => r.ok,
          () => false,
        ),
      180_000,
      'api redo',
    );
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const context = await browser.newContext({
        baseURL,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'sv-SE',
        timezoneId: 'Europe/Stockholm',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(180_000);
      await page.goto('/logga-in');
      await page.locator('[data-username="ledning"]').click();
      await page.getByRole('button', { name: 'Logga ut' }).waitFor();
      const loadBefore = load();
      // One load to warm the api and the browser's cache of the app's files, not counted.
      await measureOnce(page);
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await measureOnce(page);
        log(`laddning ${i + 1}: ${JSON.stringify(run)}`);
        runs.push(run);
      }
      const result = {
        label: LABEL,
        at: new Date(now).toISOString(),
        webDist: WEB_DIST,
        note: 'A shared machine: compare runs with their load (1/5/15-minute load averages, 2 cores).',
        loadBefore,
        viewport: '390×844, DPR 2, touch',
        data: seeded,
        runs,
        p50ContentMs: p50(runs.map((r) => r.contentMs)),
        p50InteractiveMs: p50(runs.map((r) => r.interactiveMs)),
        p50HeightPx: p50(runs.map((r) => r.heightPx)),
        load: load(),
      };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      mkdirSync(resolve(__dirname, 'results'), { recursive: true });
      writeFileSync(
        resolve(__dirname, 'results', `overview-phone-${LABEL}.json`),
        `${JSON.stringify(result, null, 2)}\n`,
      );
    } finally {
      await browser.close();
    }
  } finally {
    if (api?.running) await api.terminate(30_000).catch(() => undefined);
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
