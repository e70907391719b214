import { randomUUID } from 'node:crypto';
import {
  CASE_OUTCOMES,
  CASE_STAGES,
  berattelseTypes,
  CASE_TYPES,
  composeBerattelse,
  composePeriodReport,
  composeWeeklyDigest,
  computeStatistics,
  isoWeekRange,
  isRelevantFor,
  quarterRange,
  statisticsFactOf,
  tertialRange,
  yearRange,
  type CaseType,
  type StatisticsCaseFact,
  type StatisticsDimension,
} from '@kvalitet/domain';
import { ReportService, statisticsStore } from '@kvalitet/reporting';
import {
  FIXTURE_AS_OF,
  FIXTURE_CASES,
  FIXTURE_UNITS,
} from '../../libs/domain/src/reports/fixtures/report-fixture';
import { registerSources } from '../../libs/reporting/src/register-sources';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { mulberry32 } from '../support/seeded-random';

/**
 * The reports count in SQL (libs/reporting/src/statistics-aggregates.ts); the rules are the pure ones
 * in libs/domain. This holds the two equal — on the golden fixture and on 1,500 generated cases with
 * every edge the rules have (cancelled and unmet deadlines, open and overdue actions, escalations,
 * cases re-typed to lex Sarah, cases of a unit outside the tree, missing categories, same-instant ties)
 * — for the weekly digest, period reports of every kind and the statistics endpoint's groupings.
 */
const random = mulberry32(7);
const H = 3_600_000;
const START = Date.parse('2025-09-01T00:00:00.000Z');
const END = Date.parse('2026-12-31T00:00:00.000Z');
const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Whole hours now and then, so that equal values (ties) occur in the percentiles. */
const instant = (t: number) => new Date(random() < 0.3 ? Math.round(t / H) * H : Math.round(t)).toISOString();
const maybe = <T>(p: number, value: () => T): T | null => (random() < p ? value() : null);

function generatedFact(i: number): StatisticsCaseFact {
  const reported = START + random() * (END - START);
  const type = choose(CASE_TYPES) as CaseType;
  const reportedType: CaseType = type === 'lex_sarah' && random() < 0.3 ? 'deviation' : type;
  const at = (maxHours: number) => reported + random() * maxHours * H;
  const closed = maybe(0.6, () => at(2000));
  const decided = maybe(0.3, () => at(900));
  const serious = decided !== null && random() < 0.4;
  const units = [...FIXTURE_UNITS.map((u) => u.id), 'okand-enhet'];
  return {
    caseId: randomUUID(),
    caseNumber: `GN-2026-${String(i).padStart(5, '0')}`,
    type,
    reportedType,
    unitId: choose(units),
    category: maybe(0.7, () => choose(['fall', 'lakemedel', 'bemotande'])),
    lagrum: maybe(0.6, () => choose(['SoL', 'LSS', 'HSL'])),
    channel: choose(['staff_form', 'public_form', 'phone'] as const),
    stage: choose(CASE_STAGES),
    reportedAt: instant(reported),
    closedAt: closed === null ? null : instant(closed),
    acknowledgedAt: maybe(0.8, () => instant(at(60))),
    investigationRecordedAt: maybe(0.6, () => instant(at(800))),
    deviationOccurred: maybe(0.5, () => random() < 0.5),
    decidedAt: decided === null ? null : instant(decided),
    outcome: decided === null ? null : choose(CASE_OUTCOMES),
    serious,
    ivoReportedAt: serious && random() < 0.7 ? instant(decided + random() * 200 * H) : null,
    escalations: Array.from({ length: Math.floor(random() * 3) }, () => instant(at(1200))),
    deadlines: Array.from({ length: Math.floor(random() * 4) }, () => {
      const status = choose(['open', 'met', 'missed', 'cancelled'] as const);
      return {
        kind: choose(['acknowledgement', 'investigation', 'lex_sarah_investigation'] as const),
        dueAt: instant(at(900)),
        status,
        ...(status === 'met' || random() < 0.1 ? { metAt: instant(at(900)) } : {}),
        ...(status === 'missed' ? { missedAt: instant(at(900)) } : {}),
      };
    }),
    actions: Array.from({ length: Math.floor(random() * 3) }, () => {
      const added = at(600);
      const completed = maybe(0.6, () => added + random() * 900 * H);
      const followedUp = completed !== null && random() < 0.6 ? completed + random() * 400 * H : null;
      return {
        level: choose(['individual', 'organisational'] as const),
        addedAt: instant(added),
        dueAt: instant(added + random() * 700 * H),
        ...(completed === null ? {} : { completedAt: instant(completed) }),
        ...(followedUp === null ? {} : { followedUpAt: instant(followedUp) }),
        ...(followedUp !== null && random() < 0.9 ? { effective: random() < 0.7 } : {}),
      };
    }),
    version: 1,
  } as StatisticsCaseFact;
}

describe('reports counted in SQL equal the pure domain rules', () => {
  let db: TestDatabase;
  let facts: StatisticsCaseFact[];
  let service: ReportService;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    const fixture = FIXTURE_CASES.map((c) => statisticsFactOf(c.events)).filter(
      (f): f is StatisticsCaseFact => f !== null,
    );
    facts = [...fixture, ...Array.from({ length: 1500 }, (_, i) => generatedFact(i))];
    await statisticsStore.upsert(db.dataSource, facts);
    service = new ReportService({ db: db.dataSource, units: FIXTURE_UNITS, organisation: 'Testkommun' });
  });
  afterAll(async () => {
    await db.drop();
  });

  const relevant = (from: Date, to: Date) =>
    facts.filter((f) => isRelevantFor(f, from.getTime(), to.getTime()));

  it.each(['2026-W48', '2026-W01', '2026-W20', '2025-W40'])('weekly digest %s', async (week) => {
    for (const asOf of [
      FIXTURE_AS_OF,
      new Date('2026-05-13T10:00:00.000Z'),
      new Date('2027-02-01T00:00:00.000Z'),
    ]) {
      const sql = await service.weeklyDigest(week, asOf);
      expect(sql.data).toEqual(composeWeeklyDigest(facts, week, asOf));
      expect(sql.data.totals.reported + sql.data.previousWeek.totals.reported).toBeGreaterThan(0);
    }
  });

  const periods = [
    { name: 'tertial 2026 T3', ...tertialRange(2026, 3), kind: 'tertial_report' as const },
    { name: 'tertial 2026 T1', ...tertialRange(2026, 1), kind: 'tertial_report' as const },
    { name: 'kvartal 2026 Q2', ...quarterRange(2026, 2), kind: 'quarterly_statistics' as const },
    { name: 'år 2026', ...yearRange(2026), kind: 'annual_report' as const },
    {
      name: 'möte',
      from: new Date('2026-03-05T07:00:00.000Z'),
      to: new Date('2026-04-02T06:00:00.000Z'),
      kind: 'meeting_report' as const,
    },
  ];

  it.each(periods)('period report $name', async ({ from, to, kind }) => {
    for (const asOf of [FIXTURE_AS_OF, new Date(from.getTime() + 20 * 86_400_000)]) {
      const sql = await service.periodReport(kind, 'x', from, to, asOf, [
        { label: 'året före', ...yearRange(from.getUTCFullYear() - 1) },
      ]);
      // The history (monthly counts up to `to`) is SQL on both sides; report-statistics.int-spec holds it equal to monthlyCountsOf.
      const history = await statisticsStore.monthlyCounts(
        db.dataSource,
        new Date(from.getTime() - 366 * 86_400_000),
        to,
      );
      const pure = composePeriodReport(relevant(from, to), {
        kind,
        label: 'x',
        from,
        to,
        asOf,
        units: FIXTURE_UNITS,
        history,
        comparisons: [{ label: 'året före', ...yearRange(from.getUTCFullYear() - 1) }],
      });
      expect(sql.data).toEqual(pure);
      expect(pure.totals.reported).toBeGreaterThan(20);
      expect(pure.totals.leadTimes.total.n).toBeGreaterThan(5);
    }
  });

  const groupings: StatisticsDimension[][] = [
    [],
    ['unit'],
    ['type', 'category'],
    ['unit', 'lagrum', 'channel'],
    ['category', 'unit'],
  ];
  it.each(groupings.map((dims) => [dims.join(',') || 'nothing', dims] as const))(
    'statistics grouped by %s',
    async (_name, dims) => {
      const { from, to } = tertialRange(2026, 2);
      const sql = await service.statistics(from, to, dims, FIXTURE_AS_OF);
      expect(sql.data).toEqual(
        computeStatistics(facts, { from, to, asOf: FIXTURE_AS_OF, groupBy: dims, units: FIXTURE_UNITS }),
      );
    },
  );

  it.each(['patientsakerhetsberattelse', 'kvalitetsberattelse'] as const)(
    '%s 2026: data and document',
    async (kind) => {
      const { from, to } = yearRange(2026);
      const sql = await service.berattelse(kind, 2026, FIXTURE_AS_OF);
      const history = await statisticsStore.monthlyCounts(
        db.dataSource,
        yearRange(2025).from,
        to,
        berattelseTypes(kind),
      );
      // The registers' sections (ADR 0037) are read from the same tables on both sides; what this
      // holds equal is the counting, so the pure side is given what the registers hold.
      const registers = await registerSources(
        db.dataSource,
        FIXTURE_UNITS.map((u) => u.id),
        from,
        to,
        FIXTURE_AS_OF,
      );
      const pure = composeBerattelse(
        kind,
        2026,
        relevant(from, to),
        history,
        {
          organisation: 'Testkommun',
          units: FIXTURE_UNITS,
          generatedAt: FIXTURE_AS_OF,
          asOf: FIXTURE_AS_OF,
        },
        registers,
      );
      expect(sql.data).toEqual({
        year: 2026,
        statistics: pure.statistics,
        byCategory: pure.byCategory,
        period: pure.period,
        registers: pure.registers,
      });
      expect(sql.document).toEqual(pure.document);
      expect(pure.statistics.totals.reported).toBeGreaterThan(50);
    },
  );

  it('an empty period gives zeros, not nulls', async () => {
    const { from, to } = isoWeekRange('2030-W10');
    const sql = await service.statistics(from, to, ['unit'], FIXTURE_AS_OF);
    expect(sql.data).toEqual(
      computeStatistics(facts, { from, to, asOf: FIXTURE_AS_OF, groupBy: ['unit'], units: FIXTURE_UNITS }),
    );
    expect(sql.data.totals.leadTimes.total).toEqual({ n: 0, medianHours: null, p90Hours: null });
  });
});
