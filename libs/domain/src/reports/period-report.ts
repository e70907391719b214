import type { CaseOutcome } from '../cases/case-outcome';
import {
  computeStatistics,
  monthsOf,
  stockholmMonthOf,
  type Funnel,
  type StatisticsGroup,
  type StatisticsMeasures,
  type StatisticsResult,
} from './period-statistics';
import { caseLineOf, type CaseLine } from './case-line';
import type { ReportUnit } from './report-units';
import {
  NO_SUPPRESSION,
  suppressReportingRate,
  suppressTypeGroups,
  suppressUnitGroups,
  type ReportGroup,
  type ReportingRateCell,
  type Suppression,
} from './suppression';
import type { StatisticsCaseFact } from './statistics-fact';

/** Reported and closed per calendar month (Stockholm), for trend lines and comparisons. */
export interface MonthlyCount {
  readonly month: string;
  readonly reported: number;
  readonly closed: number;
}

export type PeriodReportKind =
  'meeting_report' | 'quarterly_statistics' | 'tertial_report' | 'annual_report' | 'ledningssystem_review';

export type IvoStatus = 'not_required' | 'pending' | 'notified';

/** A de-identified line for the ledningsgrupp and the nämnd (REP-3, REP-4): no names, no free text. */
export interface PeriodLine extends CaseLine {
  readonly outcome: CaseOutcome | null;
  readonly ivoStatus: IvoStatus;
}

export interface PeriodComparison {
  readonly label: string;
  readonly reported: number;
  readonly closed: number;
}

export interface PeriodReport {
  readonly kind: PeriodReportKind;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
  readonly totals: StatisticsMeasures;
  /** Rolled up the tree; in nämnd material counts of 1–2 are null (REP-15, see `suppression`). */
  readonly byUnit: readonly ReportGroup[];
  readonly byType: readonly ReportGroup[];
  /** The period's months with the same months a year earlier (the trend "med tidigare resultat", REP-8). */
  readonly monthly: readonly {
    readonly month: string;
    readonly reported: number;
    readonly closed: number;
    readonly reportedYearBefore: number;
  }[];
  readonly comparisons: readonly PeriodComparison[];
  readonly lexSarahFunnel: Funnel;
  readonly lexMariaFunnel: Funnel;
  readonly reportingRate: readonly ReportingRateCell[];
  readonly lines: readonly PeriodLine[];
  readonly suppression: Suppression;
}

/** The period reports that go to the nämnd (REP-6, REP-9, REP-13; the berättelser use `annual_report`): small counts suppressed (REP-15). */
export const NAMND_REPORT_KINDS: readonly PeriodReportKind[] = [
  'tertial_report',
  'annual_report',
  'ledningssystem_review',
];

export interface PeriodReportInput {
  readonly kind: PeriodReportKind;
  readonly label: string;
  readonly from: Date;
  readonly to: Date;
  readonly asOf: Date;
  readonly units: readonly ReportUnit[];
  /** Monthly counts covering at least the period and the year before it. */
  readonly history: readonly MonthlyCount[];
  /** Earlier periods to compare with (the previous period, the same period a year earlier). */
  readonly comparisons: readonly { readonly label: string; readonly from: Date; readonly to: Date }[];
}

/** Monthly counts from facts: what the read model's SQL computes, in pure form (tests compare the two). */
export function monthlyCountsOf(facts: readonly StatisticsCaseFact[]): MonthlyCount[] {
  const byMonth = new Map<string, { reported: number; closed: number }>();
  const bump = (month: string, field: 'reported' | 'closed') => {
    const entry = byMonth.get(month) ?? { reported: 0, closed: 0 };
    entry[field] += 1;
    byMonth.set(month, entry);
  };
  for (const f of facts) {
    bump(stockholmMonthOf(f.reportedAt), 'reported');
    if (f.closedAt) bump(stockholmMonthOf(f.closedAt), 'closed');
  }
  return [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, c]) => ({ month, ...c }));
}

function shiftMonth(month: string, years: number): string {
  return `${Number(month.slice(0, 4)) + years}${month.slice(4)}`;
}

/** What a de-identified line is made of (the read model loads only these columns for the lines). */
export type PeriodLineSource = Pick<
  StatisticsCaseFact,
  | 'caseNumber'
  | 'type'
  | 'unitId'
  | 'category'
  | 'stage'
  | 'reportedAt'
  | 'outcome'
  | 'serious'
  | 'decidedAt'
  | 'ivoReportedAt'
>;

function ivoStatusOf(f: PeriodLineSource): IvoStatus {
  if (f.ivoReportedAt !== null) return 'notified';
  return f.serious ? 'pending' : 'not_required';
}

function lineOf(f: PeriodLineSource): PeriodLine {
  return { ...caseLineOf(f), outcome: f.outcome, ivoStatus: ivoStatusOf(f) };
}

function within(iso: string | null, from: number, to: number): boolean {
  if (iso === null) return false;
  const t = Date.parse(iso);
  return t >= from && t < to;
}

/**
 * Quarterly statistics, tertial and annual reports, the report to each ledningsgrupp meeting and the
 * ledningssystem review all share this shape: totals, per unit (rolled up) and per type, the monthly
 * trend against the year before, the lex Sarah and lex Maria funnels, reporting rate per unit, and
 * de-identified lines — every report of the period for a meeting (REP-3), otherwise the cases with a
 * serious outcome or an IVO notification (REP-4).
 */
export function composePeriodReport(
  facts: readonly StatisticsCaseFact[],
  input: PeriodReportInput,
): PeriodReport {
  const base = { from: input.from, to: input.to, asOf: input.asOf, units: input.units };
  return assemblePeriodReport(
    input,
    {
      overall: computeStatistics(facts, { ...base, groupBy: [] }),
      byUnit: computeStatistics(facts, { ...base, groupBy: ['unit'] }).groups,
      byType: computeStatistics(facts, { ...base, groupBy: ['type'] }).groups,
    },
    facts,
  );
}

/**
 * The lines of a period report: every report of the period for a meeting (REP-3), otherwise the cases
 * with a serious outcome or an IVO notification in the period (REP-4).
 */
export function periodLinesOf(
  sources: readonly PeriodLineSource[],
  kind: PeriodReportKind,
  fromDate: Date,
  toDate: Date,
): PeriodLine[] {
  const from = fromDate.getTime();
  const to = toDate.getTime();
  return sources
    .filter((f) =>
      kind === 'meeting_report'
        ? within(f.reportedAt, from, to) || within(f.ivoReportedAt, from, to) || within(f.decidedAt, from, to)
        : (f.serious && (within(f.decidedAt, from, to) || within(f.ivoReportedAt, from, to))) ||
          (f.ivoReportedAt !== null && within(f.ivoReportedAt, from, to)),
    )
    .map(lineOf)
    .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.caseNumber.localeCompare(b.caseNumber));
}

/** The statistics a period report is built from, however they were counted (pure here, SQL in ReportService). */
export interface PeriodStatistics {
  /** Without grouping: totals, funnels, reporting rate. */
  readonly overall: StatisticsResult;
  readonly byUnit: readonly StatisticsGroup[];
  readonly byType: readonly StatisticsGroup[];
}

export function assemblePeriodReport(
  input: PeriodReportInput,
  statistics: PeriodStatistics,
  lineSources: readonly PeriodLineSource[],
): PeriodReport {
  const { overall } = statistics;
  const counts = new Map(input.history.map((c) => [c.month, c]));
  const monthly = monthsOf(input.from, input.to).map(({ month }) => ({
    month,
    reported: counts.get(month)?.reported ?? 0,
    closed: counts.get(month)?.closed ?? 0,
    reportedYearBefore: counts.get(shiftMonth(month, -1))?.reported ?? 0,
  }));
  const comparisons = input.comparisons.map((c) => {
    const months = monthsOf(c.from, c.to).map((m) => m.month);
    return {
      label: c.label,
      reported: months.reduce((sum, m) => sum + (counts.get(m)?.reported ?? 0), 0),
      closed: months.reduce((sum, m) => sum + (counts.get(m)?.closed ?? 0), 0),
    };
  });
  const namnd = NAMND_REPORT_KINDS.includes(input.kind);
  const byUnit = namnd
    ? suppressUnitGroups(statistics.byUnit, input.units)
    : { groups: statistics.byUnit, cells: 0 };
  const byType = namnd ? suppressTypeGroups(statistics.byType) : { groups: statistics.byType, cells: 0 };
  const reportingRate = namnd
    ? suppressReportingRate(overall.reportingRate, byUnit.groups)
    : { rows: overall.reportingRate, cells: 0 };
  return {
    kind: input.kind,
    label: input.label,
    from: overall.from,
    to: overall.to,
    asOf: overall.asOf,
    totals: overall.totals,
    byUnit: byUnit.groups,
    byType: byType.groups,
    monthly,
    comparisons,
    lexSarahFunnel: overall.lexSarahFunnel,
    lexMariaFunnel: overall.lexMariaFunnel,
    reportingRate: reportingRate.rows,
    lines: periodLinesOf(lineSources, input.kind, input.from, input.to),
    suppression: namnd
      ? {
          applied: true,
          threshold: NO_SUPPRESSION.threshold,
          cells: byUnit.cells + byType.cells + reportingRate.cells,
        }
      : NO_SUPPRESSION,
  };
}
