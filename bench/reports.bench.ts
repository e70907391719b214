// Report benchmarks (issue 7): realistic generated data (domain.md §1.2 volumes, scaled to
// 100,000 cases / 1,000,000 events over 56 units), then
//  - a full rebuild of the statistics read model from the event store (goal < 60 s),
//  - the weekly digest and the tertial report from the read model (goal < 2 s each),
// each with a baseline measured in the same run (a bare read of the same rows).
//   node -r @swc-node/register bench/reports.bench.ts [--cases 100000] [--count-only] [--keep]
// The generator makes exactly --cases cases; the event count follows from the case mix (~10 per case).
// --count-only generates in memory and prints the counts (no database).
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ReportUnit } from '@kvalitet/domain';
import { EventStore } from '@kvalitet/persistence';
import { ReportService, renderReportPdf } from '@kvalitet/reporting';
import { createStatisticsProjection } from '../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../apps/projector/src/rebuild/rebuild-read-models';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { printTable } from './support/stats';
import { mulberry32 } from '../test/support/seeded-random';

const argCases = process.argv.indexOf('--cases');
const TARGET_CASES = argCases > 0 ? Number(process.argv[argCases + 1]) : 100_000;
const COUNT_ONLY = process.argv.includes('--count-only');
/** Leave the database in place (its URL is logged) to look at query plans; drop it by hand afterwards. */
const KEEP = process.argv.includes('--keep');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const load = () => loadavg().map((l) => +l.toFixed(2));

const random = mulberry32(20261125);
const pick = <T>(items: readonly (readonly [T, number])[]): T => {
  let r = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, weight] of items) if ((r -= weight) <= 0) return item;
  return items[items.length - 1]![0];
};

/** ~50 units per board (domain.md §1.2 sizing): 5 divisions × 10 units. */
const UNITS: ReportUnit[] = [{ id: 'forvaltning', name: 'Socialförvaltningen', parentId: null }];
for (let d = 1; d <= 5; d++) {
  UNITS.push({ id: `avd-${d}`, name: `Avdelning ${d}`, parentId: 'forvaltning' });
  for (let u = 1; u <= 10; u++)
    UNITS.push({ id: `enhet-${d}-${u}`, name: `Enhet ${d}.${u}`, parentId: `avd-${d}` });
}
const LEAVES = UNITS.filter((u) => u.id.startsWith('enhet-'));

/** The audited board's mix: medication and other HSL deviations dominate, lex Sarah ~2 %, lex Maria rare. */
const TYPES = [
  ['hsl_deviation', 60],
  ['deviation', 15],
  ['complaint', 10],
  ['suggestion', 4],
  ['praise', 5],
  ['lex_sarah', 2],
  ['lex_maria', 0.5],
  ['data_breach', 0.5],
  ['external_finding', 0.5],
] as const;
const CATEGORIES: Record<string, readonly string[]> = {
  hsl_deviation: ['lakemedel', 'fall', 'dokumentation', 'delegering', 'care_collaboration'],
  deviation: ['rutin', 'bemotande', 'organisational', 'beslut'],
  complaint: ['bemotande', 'kvalitet', 'tillganglighet'],
};
const PREFIX: Record<string, string> = {
  complaint: 'KL',
  suggestion: 'SY',
  praise: 'BE',
  deviation: 'AV',
  hsl_deviation: 'HA',
  lex_sarah: 'LS',
  lex_maria: 'LM',
  data_breach: 'PU',
  external_finding: 'EX',
};

const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const NOW = Date.parse('2026-11-25T12:00:00Z');
const H = 3_600_000;
/** Share of investigated cases (other than complaints) that lead to an action; tuned to ~10 events per case. */
const ACTION_SHARE = 0.3;
const iso = (t: number) => new Date(t).toISOString();

interface Row {
  aggregateId: string;
  version: number;
  type: string;
  data: object;
  at: number;
}

function caseEvents(n: number, seq: Map<string, number>): Row[] {
  const id = randomUUID();
  const type = pick(TYPES);
  const unitId = LEAVES[Math.floor(random() * LEAVES.length)]!.id;
  const t0 = YEAR_START + random() * (NOW - YEAR_START);
  const number = (seq.get(type) ?? 0) + 1;
  seq.set(type, number);
  const rows: Row[] = [];
  const add = (t: string, data: object, at: number) => {
    if (at <= NOW) rows.push({ aggregateId: id, version: rows.length + 1, type: t, data, at });
  };
  add(
    'CaseReported',
    {
      caseId: id,
      caseNumber: `${PREFIX[type]}-2026-${String(number).padStart(5, '0')}`,
      type,
      unitId,
      reportedAt: iso(t0),
      registeredAt: iso(t0),
      channel: 'staff_form',
      reporter: { username: `user${n % 500}` },
      unclassified: false,
    },
    t0,
  );
  const cats = CATEGORIES[type];
  if (cats)
    add(
      'CaseClassified',
      {
        fromType: type,
        toType: type,
        category: cats[Math.floor(random() * cats.length)],
        lagrum: type.startsWith('hsl') || type === 'lex_maria' ? 'HSL' : 'SoL',
        by: 'chef',
        at: iso(t0 + H),
      },
      t0 + H,
    );
  if (type === 'praise') {
    add('CaseClosed', { by: 'chef', at: iso(t0 + 24 * H) }, t0 + 24 * H);
    return rows;
  }
  const ackDue = t0 + 24 * H;
  add(
    'DeadlineStarted',
    { deadlineId: 'ack', kind: 'acknowledgement', dueAt: iso(ackDue), policyVersion: 1, startedAt: iso(t0) },
    t0,
  );
  const invDue = t0 + (type === 'lex_sarah' ? 14 : 30) * 24 * H;
  add(
    'DeadlineStarted',
    {
      deadlineId: 'inv',
      kind: type === 'lex_sarah' ? 'lex_sarah_investigation' : 'investigation',
      dueAt: iso(invDue),
      policyVersion: 1,
      startedAt: iso(t0),
    },
    t0,
  );
  const ackAt = t0 + (1 + random() * 40) * H;
  if (ackAt > ackDue)
    add(
      'DeadlineMissed',
      { deadlineId: 'ack', at: iso(ackDue), escalationLevel: 1, escalatedTo: ['division_manager'] },
      ackDue,
    );
  add('CaseAcknowledged', { by: 'chef', at: iso(ackAt) }, ackAt);
  if (ackAt <= ackDue) add('DeadlineMet', { deadlineId: 'ack', at: iso(ackAt) }, ackAt);
  add('InvestigationStarted', { by: 'chef', at: iso(t0 + 24 * H) }, t0 + 24 * H);
  const invAt = t0 + (2 + random() * 40) * 24 * H;
  if (invAt > invDue)
    add(
      'DeadlineMissed',
      { deadlineId: 'inv', at: iso(invDue), escalationLevel: 1, escalatedTo: ['division_manager'] },
      invDue,
    );
  const deviationOccurred = type === 'complaint' ? random() < 0.4 : undefined;
  add(
    'InvestigationRecorded',
    {
      causes: ['rutin'],
      ...(deviationOccurred === undefined ? {} : { deviationOccurred }),
      by: 'chef',
      at: iso(invAt),
    },
    invAt,
  );
  if (invAt <= invDue) add('DeadlineMet', { deadlineId: 'inv', at: iso(invAt) }, invAt);
  if (type === 'lex_sarah' || type === 'lex_maria') {
    const serious = random() < 0.1;
    const outcome =
      type === 'lex_sarah'
        ? serious
          ? 'allvarligt_missforhallande'
          : 'missforhallande'
        : serious
          ? 'allvarlig_vardskada'
          : 'vardskada';
    add(
      'CaseDecided',
      { outcome, requiresIvoReport: serious, by: 'sas', at: iso(invAt + 24 * H) },
      invAt + 24 * H,
    );
    if (serious)
      add(
        'ReportedToIvo',
        {
          ivoReference: `IVO-${number}`,
          reportedAt: iso(invAt + 5 * 24 * H),
          by: 'sas',
          at: iso(invAt + 5 * 24 * H),
        },
        invAt + 5 * 24 * H,
      );
  }
  // Not every investigation leads to an action: a complaint only when a deviation was found, other
  // cases in ACTION_SHARE of them (the rest are closed after the investigation).
  if (deviationOccurred === false || (deviationOccurred === undefined && random() >= ACTION_SHARE)) {
    add('CaseClosed', { by: 'chef', at: iso(invAt + 2 * 24 * H) }, invAt + 2 * 24 * H);
    return rows;
  }
  const actionAt = invAt + 24 * H;
  const actionDue = actionAt + 30 * 24 * H;
  add(
    'ActionAdded',
    {
      actionId: 'a1',
      level: random() < 0.5 ? 'individual' : 'organisational',
      owner: 'chef',
      dueAt: iso(actionDue),
      by: 'chef',
      at: iso(actionAt),
    },
    actionAt,
  );
  const doneAt = actionAt + random() * 50 * 24 * H;
  add('ActionCompleted', { actionId: 'a1', by: 'chef', at: iso(doneAt) }, doneAt);
  add(
    'FollowUpRecorded',
    { effective: random() < 0.8, actionIds: ['a1'], by: 'chef', at: iso(doneAt + 14 * 24 * H) },
    doneAt + 14 * 24 * H,
  );
  add('CaseClosed', { by: 'chef', at: iso(doneAt + 15 * 24 * H) }, doneAt + 15 * 24 * H);
  return rows;
}

async function generate(
  db: TestDatabase | null,
): Promise<{ cases: number; events: number; seconds: number }> {
  const started = Date.now();
  const seq = new Map<string, number>();
  const metadata = JSON.stringify({ actor: 'bench', correlationId: randomUUID() });
  let events = 0;
  let cases = 0;
  let batch: Row[] = [];
  const flush = async () => {
    if (batch.length === 0 || db === null) {
      batch = [];
      return;
    }
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
  while (cases < TARGET_CASES) {
    const rows = caseEvents(cases, seq);
    cases += 1;
    events += rows.length;
    batch.push(...rows);
    if (batch.length >= 20_000) {
      await flush();
      if (cases % 20_000 < 3) log(`${cases} ärenden, ${events} händelser`);
    }
  }
  await flush();
  return { cases, events, seconds: (Date.now() - started) / 1000 };
}

async function timed<T>(
  runs: number,
  work: () => Promise<T>,
): Promise<{ medianMs: number; allMs: number[]; last: T }> {
  const all: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    last = await work();
    all.push(Math.round(Number(process.hrtime.bigint() - t) / 1e5) / 10);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, allMs: all, last: last as T };
}

async function main(): Promise<void> {
  if (COUNT_ONLY) {
    process.stdout.write(`${JSON.stringify(await generate(null))}\n`);
    return;
  }
  const db = await createTestDatabase({ poolSize: 4 });
  try {
    log(`genererar ${TARGET_CASES} ärenden…`);
    const generated = { ...(await generate(db)), loadAfter: load() };
    log(`genererat: ${JSON.stringify(generated)}`);
    await db.dataSource.query('ANALYZE events');

    const store = new EventStore(db.dataSource);
    const bareRead = await timed(1, async () => {
      let n = 0;
      for await (const page of store.readAllPages({ pageSize: 10_000 })) n += page.length;
      return n;
    });
    const loadBeforeRebuild = load();
    const rebuild = await timed(1, () =>
      rebuildReadModels(db.dataSource, store, [createStatisticsProjection()], log),
    );
    const rebuildResult = {
      seconds: rebuild.medianMs / 1000,
      events: generated.events,
      cases: rebuild.last[0]!.aggregates,
      baselineReadAllSeconds: bareRead.medianMs / 1000,
      ratio: +(rebuild.medianMs / bareRead.medianMs).toFixed(2),
      loadBefore: loadBeforeRebuild,
      loadAfter: load(),
    };
    await db.dataSource.query('ANALYZE rm_statistics_cases');

    const service = new ReportService({ db: db.dataSource, units: UNITS, organisation: 'Benchkommun' });
    const asOf = new Date(NOW);
    const loadBeforeReports = load();
    const digest = await timed(5, () => service.weeklyDigest('2026-W47', asOf));
    const digestBaseline = await timed(5, () =>
      db.dataSource.query(
        `SELECT * FROM rm_statistics_cases WHERE reported_at < '2026-11-23T00:00Z' AND (closed_at IS NULL OR closed_at >= '2026-11-09T00:00Z')`,
      ),
    );
    const digestPdf = await timed(3, () => renderReportPdf(digest.last.document));
    const tertial = await timed(5, () => service.tertial(2026, 2, asOf));
    const tertialBaseline = await timed(5, () =>
      db.dataSource.query(
        `SELECT * FROM rm_statistics_cases WHERE reported_at < '2026-09-01T00:00Z' AND (closed_at IS NULL OR closed_at >= '2026-05-01T00:00Z')`,
      ),
    );
    const tertialPdf = await timed(3, () => renderReportPdf(tertial.last.document));
    const reports = {
      weeklyDigest: {
        medianMs: digest.medianMs,
        allMs: digest.allMs,
        lines: digest.last.data.lines.length,
        reported: digest.last.data.totals.reported,
        baselineBareSelectMs: digestBaseline.medianMs,
        ratio: +(digest.medianMs / digestBaseline.medianMs).toFixed(2),
        pdfMs: digestPdf.medianMs,
      },
      tertial: {
        medianMs: tertial.medianMs,
        allMs: tertial.allMs,
        reported: tertial.last.data.totals.reported,
        baselineBareSelectMs: tertialBaseline.medianMs,
        ratio: +(tertial.medianMs / tertialBaseline.medianMs).toFixed(2),
        pdfMs: tertialPdf.medianMs,
      },
      loadBefore: loadBeforeReports,
      loadAfter: load(),
    };
    printTable('Statistik: ombyggnad från händelser (mål < 60 s)', [
      {
        händelser: rebuildResult.events,
        ärenden: rebuildResult.cases,
        sekunder: rebuildResult.seconds,
        'läsa allt (s)': rebuildResult.baselineReadAllSeconds,
        kvot: rebuildResult.ratio,
      },
    ]);
    printTable('Rapporter från läsmodellen (mål < 2 s)', [
      {
        rapport: 'veckosammanställning 2026-W47',
        'median ms': reports.weeklyDigest.medianMs,
        'bar SELECT ms': reports.weeklyDigest.baselineBareSelectMs,
        kvot: reports.weeklyDigest.ratio,
        'PDF ms': reports.weeklyDigest.pdfMs,
      },
      {
        rapport: 'tertialrapport 2026 T2',
        'median ms': reports.tertial.medianMs,
        'bar SELECT ms': reports.tertial.baselineBareSelectMs,
        kvot: reports.tertial.ratio,
        'PDF ms': reports.tertial.pdfMs,
      },
    ]);
    const out = resolve(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      resolve(out, 'reports.json'),
      `${JSON.stringify({ at: new Date().toISOString(), generated, rebuild: rebuildResult, reports }, null, 2)}\n`,
    );
  } finally {
    if (KEEP) {
      log(`databasen finns kvar: ${db.url}`);
      await db.dataSource.destroy();
    } else await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] misslyckades: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
