import {
  composeBerattelse,
  composePeriodReport,
  composeWeeklyDigest,
  computeStatistics,
  isoWeekRange,
  parseIsoWeek,
  periodReportDocument,
  quarterRange,
  statisticsDocument,
  tertialRange,
  weeklyDigestDocument,
  yearRange,
  HSL_TYPES,
  SOL_LSS_TYPES,
  type BerattelseKind,
  type PeriodReport,
  type PeriodReportKind,
  type Quarter,
  type ReportDocument,
  type ReportUnit,
  type StatisticsDimension,
  type StatisticsResult,
  type Tertial,
  type WeeklyDigest,
} from '@kvalitet/domain';
import { statisticsStore, type Queryable } from './statistics-store';

export interface ComposedReport<T> {
  readonly data: T;
  readonly document: ReportDocument;
}

export interface ReportServiceOptions {
  readonly db: Queryable;
  readonly units: readonly ReportUnit[];
  readonly organisation: string;
}

const YEAR_MS = 366 * 86_400_000;

/**
 * Reads the statistics read model and composes the reports (pure code in libs/domain). Used by the
 * api (on request) and by the worker's scheduled runs, so both give the same figures.
 */
export class ReportService {
  constructor(private readonly options: ReportServiceOptions) {}

  private ctx(generatedAt: Date) {
    return { organisation: this.options.organisation, units: this.options.units, generatedAt };
  }

  async weeklyDigest(week: string, asOf: Date): Promise<ComposedReport<WeeklyDigest>> {
    const parsed = parseIsoWeek(week);
    if (!parsed) throw new RangeError(`Ogiltig vecka: ${week}`);
    const range = isoWeekRange(parsed);
    const facts = await statisticsStore.loadRelevant(this.options.db, new Date(range.from.getTime() - 7 * 86_400_000), range.to);
    const data = composeWeeklyDigest(facts, week, asOf);
    return { data, document: weeklyDigestDocument(data, this.ctx(asOf)) };
  }

  async statistics(from: Date, to: Date, groupBy: readonly StatisticsDimension[], asOf: Date): Promise<ComposedReport<StatisticsResult>> {
    const facts = await statisticsStore.loadRelevant(this.options.db, from, to);
    const data = computeStatistics(facts, { from, to, asOf, groupBy, units: this.options.units });
    return { data, document: statisticsDocument(data, this.ctx(asOf)) };
  }

  async periodReport(kind: PeriodReportKind, label: string, from: Date, to: Date, asOf: Date, comparisons: readonly { label: string; from: Date; to: Date }[] = []): Promise<ComposedReport<PeriodReport>> {
    const earliest = Math.min(from.getTime() - YEAR_MS, ...comparisons.map((c) => c.from.getTime()));
    const [facts, history] = await Promise.all([statisticsStore.loadRelevant(this.options.db, from, to), statisticsStore.monthlyCounts(this.options.db, new Date(earliest), to)]);
    const data = composePeriodReport(facts, { kind, label, from, to, asOf, units: this.options.units, history, comparisons });
    return { data, document: periodReportDocument(data, this.ctx(asOf)) };
  }

  tertial(year: number, tertial: Tertial, asOf: Date): Promise<ComposedReport<PeriodReport>> {
    const range = tertialRange(year, tertial);
    const previous = tertial === 1 ? { label: `tertial 3 ${year - 1}`, ...tertialRange(year - 1, 3) } : { label: `tertial ${tertial - 1} ${year}`, ...tertialRange(year, (tertial - 1) as Tertial) };
    return this.periodReport('tertial_report', `tertial ${tertial} ${year}`, range.from, range.to, asOf, [previous, { label: `tertial ${tertial} ${year - 1}`, ...tertialRange(year - 1, tertial) }]);
  }

  quarter(year: number, quarter: Quarter, asOf: Date): Promise<ComposedReport<PeriodReport>> {
    const range = quarterRange(year, quarter);
    return this.periodReport('quarterly_statistics', `kvartal ${quarter} ${year}`, range.from, range.to, asOf, [{ label: `kvartal ${quarter} ${year - 1}`, ...quarterRange(year - 1, quarter) }]);
  }

  annual(year: number, asOf: Date, kind: 'annual_report' | 'ledningssystem_review' = 'annual_report'): Promise<ComposedReport<PeriodReport>> {
    const range = yearRange(year);
    return this.periodReport(kind, String(year), range.from, range.to, asOf, [{ label: String(year - 1), ...yearRange(year - 1) }]);
  }

  async berattelse(kind: BerattelseKind, year: number, asOf: Date): Promise<ComposedReport<{ year: number; statistics: StatisticsResult; byCategory: StatisticsResult; period: PeriodReport }>> {
    const range = yearRange(year);
    const types = kind === 'patientsakerhetsberattelse' ? HSL_TYPES : SOL_LSS_TYPES;
    const [facts, history] = await Promise.all([
      statisticsStore.loadRelevant(this.options.db, range.from, range.to),
      statisticsStore.monthlyCounts(this.options.db, yearRange(year - 1).from, range.to, types),
    ]);
    const composed = composeBerattelse(kind, year, facts, history, { ...this.ctx(asOf), asOf });
    return { data: { year, statistics: composed.statistics, byCategory: composed.byCategory, period: composed.period }, document: composed.document };
  }
}
