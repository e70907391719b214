// The deviation pattern rule over 100,000 deviations (issue 8, RA-8): how long the rule takes, in
// memory and on the projector's real path (Postgres index + one proposal check per new deviation).
// Every figure comes with a baseline measured in the same run and the ratio between them.
//   node -r @swc-node/register bench/risk-pattern.bench.ts [--deviations 100000]
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import {
  DEFAULT_DEVIATION_PATTERN_POLICY,
  DeviationIndex,
  evaluateDeviationWindow,
  findDeviationPatterns,
  scanDeviationHistory,
  type CaseType,
  type DeviationIndexEntry,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { createRiskPatternProjection } from '../apps/projector/src/projections/risk-assessments/risk-pattern.projection';
import { upsertIndexEntries } from '../apps/projector/src/projections/risk-assessments/deviation-index-store';
import { UNIT_PARENTS } from '../apps/projector/src/projections/risk-assessments/unit-parents';
import { createTestDatabase } from '../test/support/test-database';
import { percentile, printTable } from './support/stats';

const arg = process.argv.indexOf('--deviations');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;
const DAY = 86_400_000;
const YEARS = 3;
const UNITS = Array.from({ length: 50 }, (_, i) => `enhet-${i}`);
const TYPES: CaseType[] = ['deviation', 'hsl_deviation', 'lex_sarah'];
const CATEGORIES = [
  'fall',
  'medication',
  'documentation',
  'handover',
  'staffing',
  'treatment',
  'information',
  'other',
];
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const load = () => loadavg().map((l) => +l.toFixed(2));
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const END = Date.parse('2026-11-25T00:00:00Z');

/** A seeded generator, so every run measures the same deviations. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

function deviations(n: number): DeviationIndexEntry[] {
  const next = random(42);
  return Array.from({ length: n }, (_, i) => ({
    caseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    unitId: UNITS[Math.floor(next() ** 2 * UNITS.length)]!,
    caseType: TYPES[Math.floor(next() * TYPES.length)]!,
    category: CATEGORIES[Math.floor(next() ** 1.5 * CATEGORIES.length)]!,
    at: END - Math.floor(next() * YEARS * 365 * DAY),
  }));
}

function benchMemory(entries: DeviationIndexEntry[]) {
  const policy = DEFAULT_DEVIATION_PATTERN_POLICY;
  let t = process.hrtime.bigint();
  const sorted = [...entries].sort((a, b) => a.at - b.at);
  const sortMs = ms(t);
  t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const proposals = scanDeviationHistory(entries, policy, { parents: UNIT_PARENTS });
  const scanMs = ms(t);
  // CPU time as well: on the shared 2-core machine wall time mostly measures the other processes.
  const scanCpu = process.cpuUsage(cpu);
  t = process.hrtime.bigint();
  const index = new DeviationIndex();
  for (const entry of sorted) index.upsert(entry);
  const indexMs = ms(t);
  t = process.hrtime.bigint();
  const now = findDeviationPatterns(index, policy, END, { parents: UNIT_PARENTS });
  const findNowMs = ms(t);
  // One check per new deviation: its group's window, as the projector does after each event.
  const perEvent: number[] = [];
  for (const entry of sorted.slice(-2000)) {
    const start = process.hrtime.bigint();
    evaluateDeviationWindow(
      index.window(`${entry.caseType}|${entry.category ?? ''}`, entry.at - policy.windowDays * DAY, entry.at),
      policy,
      entry.at,
    );
    perEvent.push(ms(start));
  }
  return {
    deviations: entries.length,
    baselineSortMs: +sortMs.toFixed(1),
    historyScanMs: +scanMs.toFixed(1),
    historyScanVsSort: +(scanMs / sortMs).toFixed(2),
    historyScanCpuMs: Math.round((scanCpu.user + scanCpu.system) / 1000),
    proposalsOverHistory: proposals.length,
    indexBuildMs: +indexMs.toFixed(1),
    findAllPatternsNowMs: +findNowMs.toFixed(2),
    patternsNow: now.length,
    perEventCheckP50us: +(percentile(perEvent, 50) * 1000).toFixed(1),
    perEventCheckP99us: +(percentile(perEvent, 99) * 1000).toFixed(1),
  };
}

async function benchPostgres(entries: DeviationIndexEntry[]) {
  const db = await createTestDatabase({ poolSize: 4 });
  try {
    let t = process.hrtime.bigint();
    await db.dataSource.transaction((m) =>
      upsertIndexEntries(
        m,
        entries.map((e) => ({ ...e, caseId: randomUUID() })),
      ),
    );
    const loadMs = ms(t);
    await db.dataSource.query('ANALYZE rm_deviation_index');
    const projection = createRiskPatternProjection({ unitParents: UNIT_PARENTS, clock: () => END });
    const baseline: number[] = [];
    const handled: number[] = [];
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const caseId = randomUUID();
      const event: EventEnvelope = {
        id: randomUUID(),
        position: String(i),
        aggregateType: 'case',
        aggregateId: caseId,
        version: 1,
        type: 'CaseReported',
        schemaVersion: 1,
        data: {
          type: TYPES[i % TYPES.length],
          unitId: UNITS[Math.floor(next() * UNITS.length)],
          occurredAt: new Date(END - 3600_000).toISOString(),
        },
        metadata: { actor: 'bench', correlationId: caseId },
        occurredAt: new Date(END).toISOString(),
        recordedAt: new Date(END).toISOString(),
      };
      t = process.hrtime.bigint();
      await db.dataSource.transaction((m) => m.query('SELECT 1'));
      baseline.push(ms(t));
      t = process.hrtime.bigint();
      await db.dataSource.transaction((m) => projection.handleBatch!([event], m));
      handled.push(ms(t));
    }
    const proposals = Number(
      (await db.dataSource.query(`SELECT count(*) AS n FROM risk_pattern_proposals`))[0].n,
    );
    return {
      indexedDeviations: entries.length,
      bulkIndexLoadMs: Math.round(loadMs),
      baselineTxP50ms: +percentile(baseline, 50).toFixed(2),
      perEventP50ms: +percentile(handled, 50).toFixed(2),
      perEventP99ms: +percentile(handled, 99).toFixed(2),
      perEventVsBaselineP50: +(percentile(handled, 50) / percentile(baseline, 50)).toFixed(1),
      proposalsWritten: proposals,
    };
  } finally {
    await db.drop();
  }
}

async function main() {
  const loadBefore = load();
  log(`${N} avvikelser över ${YEARS} år, ${UNITS.length} enheter…`);
  const entries = deviations(N);
  const memory = benchMemory(entries);
  printTable('Mönsterregeln i minnet', [memory]);
  log('samma index i Postgres, 300 nya avvikelser genom projektionen…');
  const postgres = await benchPostgres(entries);
  printTable('Mönsterregeln i projektorn (Postgres)', [postgres]);
  const result = {
    at: new Date().toISOString(),
    policy: DEFAULT_DEVIATION_PATTERN_POLICY,
    memory,
    postgres,
    loadBefore,
    loadAfter: load(),
  };
  writeFileSync(resolve(__dirname, 'results/risk-pattern.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
