import {
  assembleBerattelse,
  assemblePeriodReport,
  berattelseTypes,
  assembleWeeklyDigest,
  computeStatistics,
  digestWeeks,
  parseIsoWeek,
  periodReportDocument,
  quarterRange,
  statisticsDocument,
  statisticsResultOfAggregates,
  tertialRange,
  weeklyDigestDocument,
  yearRange,
  type BerattelseKind,
  type PeriodReport,
  type PeriodReportKind,
  type Quarter,
  type ReportDocument,
  type ReportUnit,
  type StatisticsDimension,
  type StatisticsResult,
  type SuppressedStatistics,
  type Tertial,
  type WeeklyDigest,
  type RegisterReportData,
  withRegisterSections,
} from '@kvalitet/domain';
import { loadClassificationVocabulary } from '@kvalitet/persistence';
import {
  aggregatePeriod,
  aggregateWeek,
  berattelseSources,
  isSqlGrouping,
  periodLineSources,
} from './statistics-aggregates';
import { statisticsStore, type Queryable } from './statistics-store';
import { registerSources } from './register-sources';
import { scopeToUnits } from './unit-scope';

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

  /**
   * The same reports over the cases of these units only (a board, or the boards a caller serves;
   * ADR 0030): the statistics are read through `scopeToUnits` and the units roll up within the scope.
   */
  forUnits(unitIds: readonly string[], organisation = this.options.organisation): ReportService {
    return new ReportService({
      db: scopeToUnits(this.options.db, unitIds),
      units: this.options.units.filter((unit) => unitIds.includes(unit.id)),
      organisation,
    });
  }

  /** Documents show categories and lagrum by the labels of the organisation's lists (REP-15, issue 24). */
  private async ctx(generatedAt: Date) {
    const classifications = await loadClassificationVocabulary(this.options.db);
    return {
      organisation: this.options.organisation,
      units: this.options.units,
      generatedAt,
      classifications,
    };
  }

  async weeklyDigest(week: string, asOf: Date): Promise<ComposedReport<WeeklyDigest>> {
    if (!parseIsoWeek(week)) throw new RangeError(`Ogiltig vecka: ${week}`);
    const data = assembleWeeklyDigest(
      week,
      asOf,
      await aggregateWeek(this.options.db, digestWeeks(week, asOf)),
    );
    return { data, document: weeklyDigestDocument(data, await this.ctx(asOf)) };
  }

  /**
   * The digest's figures with only the first `lineLimit` case lines, overdue first and then the newest,
   * ordered and limited by the database (Översikt on a phone, issue 21); no document is composed.
   */
  async weeklyDigestPage(
    week: string,
    asOf: Date,
    lineLimit: number,
  ): Promise<WeeklyDigest & { linesTotal: number }> {
    if (!parseIsoWeek(week)) throw new RangeError(`Ogiltig vecka: ${week}`);
    const parts = await aggregateWeek(this.options.db, digestWeeks(week, asOf), { lineLimit });
    return { ...assembleWeeklyDigest(week, asOf, parts), lines: parts.lines, linesTotal: parts.linesTotal };
  }

  /** Counted in SQL unless `month` is a dimension (each month is then a period of its own: the pure path). */
  async statistics(
    from: Date,
    to: Date,
    groupBy: readonly StatisticsDimension[],
    asOf: Date,
  ): Promise<ComposedReport<StatisticsResult>> {
    const query = { from, to, asOf, groupBy, units: this.options.units };
    let data: StatisticsResult;
    const dims = [...new Set(groupBy)];
    if (isSqlGrouping(dims)) {
      const aggregates = await aggregatePeriod(this.options.db, {
        ...query,
        groupings: dims.length > 0 ? [dims] : [],
      });
      data = statisticsResultOfAggregates(query, aggregates.groupings[0] ?? aggregates.totals);
    } else {
      data = computeStatistics(await statisticsStore.loadRelevant(this.options.db, from, to), query);
    }
    return { data, document: statisticsDocument(data, await this.ctx(asOf)) };
  }

  async periodReport(
    kind: PeriodReportKind,
    label: string,
    from: Date,
    to: Date,
    asOf: Date,
    comparisons: readonly { label: string; from: Date; to: Date }[] = [],
  ): Promise<ComposedReport<PeriodReport>> {
    const earliest = Math.min(from.getTime() - YEAR_MS, ...comparisons.map((c) => c.from.getTime()));
    const units = this.options.units;
    const withRegisters = kind === 'tertial_report' || kind === 'annual_report';
    const [aggregates, lineSources, history, registers] = await Promise.all([
      aggregatePeriod(this.options.db, { from, to, asOf, units, groupings: [['unit'], ['type']] }),
      periodLineSources(this.options.db, kind, from, to),
      statisticsStore.monthlyCounts(this.options.db, new Date(earliest), to),
      withRegisters ? this.registers(from, to, asOf) : null,
    ]);
    const query = { from, to, asOf, units };
    const [byUnit, byType] = aggregates.groupings;
    const data = assemblePeriodReport(
      { kind, label, from, to, asOf, units, history, comparisons },
      {
        overall: statisticsResultOfAggregates(query, aggregates.totals),
        byUnit: statisticsResultOfAggregates({ ...query, groupBy: ['unit'] }, byUnit!).groups,
        byType: statisticsResultOfAggregates({ ...query, groupBy: ['type'] }, byType!).groups,
      },
      lineSources,
    );
    const ctx = await this.ctx(asOf);
    const document = periodReportDocument(data, ctx);
    return {
      data,
      document: registers
        ? withRegisterSections(document, registers, ctx, kind === 'annual_report')
        : document,
    };
  }

  /** What the registers hold for the period, for the units of this service (ADR 0037). */
  private registers(from: Date, to: Date, asOf: Date) {
    return registerSources(
      this.options.db,
      this.options.units.map((u) => u.id),
      from,
      to,
      asOf,
    );
  }

  tertial(year: number, tertial: Tertial, asOf: Date): Promise<ComposedReport<PeriodReport>> {
    const range = tertialRange(year, tertial);
    const previous =
      tertial === 1
        ? { label: `tertial 3 ${year - 1}`, ...tertialRange(year - 1, 3) }
        : { label: `tertial ${tertial - 1} ${year}`, ...tertialRange(year, (tertial - 1) as Tertial) };
    return this.periodReport('tertial_report', `tertial ${tertial} ${year}`, range.from, range.to, asOf, [
      previous,
      { label: `tertial ${tertial} ${year - 1}`, ...tertialRange(year - 1, tertial) },
    ]);
  }

  quarter(year: number, quarter: Quarter, asOf: Date): Promise<ComposedReport<PeriodReport>> {
    const range = quarterRange(year, quarter);
    return this.periodReport(
      'quarterly_statistics',
      `kvartal ${quarter} ${year}`,
      range.from,
      range.to,
      asOf,
      [{ label: `kvartal ${quarter} ${year - 1}`, ...quarterRange(year - 1, quarter) }],
    );
  }

  annual(
    year: number,
    asOf: Date,
    kind: 'annual_report' | 'ledningssystem_review' = 'annual_report',
  ): Promise<ComposedReport<PeriodReport>> {
    const range = yearRange(year);
    return this.periodReport(kind, String(year), range.from, range.to, asOf, [
      { label: String(year - 1), ...yearRange(year - 1) },
    ]);
  }

  /** Counted in SQL over the berättelse's types (REP-10: HSL; REP-11: SoL/LSS), assembled by the pure code. */
  async berattelse(
    kind: BerattelseKind,
    year: number,
    asOf: Date,
  ): Promise<
    ComposedReport<{
      year: number;
      statistics: SuppressedStatistics;
      byCategory: SuppressedStatistics;
      period: PeriodReport;
      registers?: RegisterReportData;
    }>
  > {
    const { from, to } = yearRange(year);
    const types = berattelseTypes(kind);
    const units = this.options.units;
    const db = this.options.db;
    const [aggregates, lineSources, history, sources, registers] = await Promise.all([
      aggregatePeriod(db, {
        from,
        to,
        asOf,
        units,
        groupings: [['unit'], ['type'], ['type', 'category']],
        types,
      }),
      periodLineSources(db, 'annual_report', from, to, types),
      statisticsStore.monthlyCounts(db, yearRange(year - 1).from, to, types),
      berattelseSources(db, from, to),
      this.registers(from, to, asOf),
    ]);
    const query = { from, to, asOf, units };
    const [byUnit, byType, byTypeCategory] = aggregates.groupings;
    const period = assemblePeriodReport(
      {
        kind: 'annual_report',
        label: String(year),
        from,
        to,
        asOf,
        units,
        history,
        comparisons: [{ label: String(year - 1), ...yearRange(year - 1) }],
      },
      {
        overall: statisticsResultOfAggregates(query, aggregates.totals),
        byUnit: statisticsResultOfAggregates({ ...query, groupBy: ['unit'] }, byUnit!).groups,
        byType: statisticsResultOfAggregates({ ...query, groupBy: ['type'] }, byType!).groups,
      },
      lineSources,
    );
    const composed = assembleBerattelse(
      kind,
      year,
      {
        statistics: statisticsResultOfAggregates({ ...query, groupBy: ['type'] }, byType!),
        byCategory: statisticsResultOfAggregates(
          { ...query, groupBy: ['type', 'category'] },
          byTypeCategory!,
        ),
        period,
        ...sources,
        registers,
      },
      await this.ctx(asOf),
    );
    return {
      data: {
        year,
        statistics: composed.statistics,
        byCategory: composed.byCategory,
        period: composed.period,
        ...(composed.registers ? { registers: composed.registers } : {}),
      },
      document: composed.document,
    };
  }
}
