import { monthRange } from '../calendar/period-range';
import { stockholmLocalParts } from '../calendar/stockholm-time';
import type { CaseType } from '../cases/case-type';
import { summariseLeadTimes, summaryOfMilliseconds, type LeadTimeSummary } from './lead-time';
import { ReportUnitTree, type ReportUnit } from './report-units';
import type { StatisticsCaseFact } from './statistics-fact';

export const STATISTICS_DIMENSIONS = ['unit', 'type', 'category', 'lagrum', 'channel', 'month'] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

export const LEAD_TIME_STAGES = [
  'acknowledgement',
  'investigation',
  'decision',
  'ivo_report',
  'action',
  'total',
] as const;
export type LeadTimeStage = (typeof LEAD_TIME_STAGES)[number];

export const LEAD_TIME_STAGE_LABELS: Readonly<Record<LeadTimeStage, string>> = {
  acknowledgement: 'Rapport → återkoppling',
  investigation: 'Rapport → utredning klar',
  decision: 'Utredning → beslut',
  ivo_report: 'Beslut → anmälan till IVO',
  action: 'Åtgärd beslutad → genomförd',
  total: 'Rapport → avslutat',
};

/** The key used when a case has no category or lagrum yet. */
export const NOT_GIVEN = 'ej_angiven';

/** Everything counted for one group over one period (REP-8). */
export interface StatisticsMeasures {
  /** Reported in the period. */
  readonly reported: number;
  /** Closed in the period. */
  readonly closed: number;
  /** Open at the end of the period. */
  readonly open: number;
  /** Open at the end of the period (or now, if earlier) with a deadline passed and not met. */
  readonly overdue: number;
  readonly leadTimes: Readonly<Record<LeadTimeStage, LeadTimeSummary>>;
  /** Deadlines met / missed in the period. */
  readonly deadlines: { readonly met: number; readonly missed: number };
  /** Escalation steps taken in the period. */
  readonly escalations: number;
  readonly actions: {
    /** Not completed at the end of the period. */
    readonly open: number;
    /** Of those, past their due date. */
    readonly overdue: number;
    /** Followed up in the period: had the intended effect / did not. */
    readonly effective: number;
    readonly ineffective: number;
  };
  /** Complaints reported in the period: investigated, and with a deviation found (CT-2). */
  readonly complaints: {
    readonly reported: number;
    readonly investigated: number;
    readonly deviationFound: number;
  };
}

export interface StatisticsGroup {
  readonly key: Readonly<Partial<Record<StatisticsDimension, string>>>;
  readonly measures: StatisticsMeasures;
}

/** Lex Sarah: reports → investigated → serious → notified to IVO (77 → 33 → 3, 1.2). Cohort: reported in the period. */
export interface Funnel {
  readonly reports: number;
  readonly investigated: number;
  readonly serious: number;
  readonly notifiedToIvo: number;
}

export interface ReportingRateRow {
  readonly unitId: string;
  readonly unitName: string;
  /** Reports from the unit and the units below it. */
  readonly reported: number;
  readonly perMonth: number;
  /** `none`: nothing reported — a signal, not a success (AUD-16); `low`: under half the median of the units. */
  readonly flag: 'none' | 'low' | null;
}

export interface StatisticsResult {
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
  readonly groupBy: readonly StatisticsDimension[];
  readonly totals: StatisticsMeasures;
  readonly groups: readonly StatisticsGroup[];
  readonly lexSarahFunnel: Funnel;
  readonly lexMariaFunnel: Funnel;
  readonly reportingRate: readonly ReportingRateRow[];
}

export interface StatisticsQuery {
  readonly from: Date;
  readonly to: Date;
  /** The moment the report is made; overdue is judged at min(to, asOf). */
  readonly asOf: Date;
  readonly groupBy?: readonly StatisticsDimension[];
  readonly units: readonly ReportUnit[];
}

interface MutableMeasures {
  reported: number;
  closed: number;
  open: number;
  overdue: number;
  leadTimes: Record<LeadTimeStage, number[]>;
  deadlinesMet: number;
  deadlinesMissed: number;
  escalations: number;
  actionsOpen: number;
  actionsOverdue: number;
  actionsEffective: number;
  actionsIneffective: number;
  complaintsReported: number;
  complaintsInvestigated: number;
  complaintsDeviation: number;
}

function emptyMeasures(): MutableMeasures {
  return {
    reported: 0,
    closed: 0,
    open: 0,
    overdue: 0,
    leadTimes: {
      acknowledgement: [],
      investigation: [],
      decision: [],
      ivo_report: [],
      action: [],
      total: [],
    },
    deadlinesMet: 0,
    deadlinesMissed: 0,
    escalations: 0,
    actionsOpen: 0,
    actionsOverdue: 0,
    actionsEffective: 0,
    actionsIneffective: 0,
    complaintsReported: 0,
    complaintsInvestigated: 0,
    complaintsDeviation: 0,
  };
}

function within(iso: string | null | undefined, from: number, to: number): iso is string {
  if (iso === null || iso === undefined) return false;
  const t = Date.parse(iso);
  return t >= from && t < to;
}

/** The fact's instants as epoch milliseconds (NaN when absent), parsed once per fact. */
interface Timeline {
  readonly reported: number;
  readonly closed: number;
  readonly acknowledged: number;
  readonly investigated: number;
  readonly decided: number;
  readonly ivo: number;
  readonly escalations: readonly number[];
  readonly deadlines: readonly {
    readonly cancelled: boolean;
    readonly due: number;
    readonly met: number;
    readonly missed: number;
  }[];
  readonly actions: readonly {
    readonly added: number;
    readonly due: number;
    readonly completed: number;
    readonly followedUp: number;
    readonly effective: boolean | undefined;
  }[];
}

const timelines = new WeakMap<StatisticsCaseFact, Timeline>();
const ms = (iso: string | null | undefined): number =>
  iso === null || iso === undefined ? Number.NaN : Date.parse(iso);

function timelineOf(f: StatisticsCaseFact): Timeline {
  let t = timelines.get(f);
  if (!t) {
    t = {
      reported: ms(f.reportedAt),
      closed: ms(f.closedAt),
      acknowledged: ms(f.acknowledgedAt),
      investigated: ms(f.investigationRecordedAt),
      decided: ms(f.decidedAt),
      ivo: ms(f.ivoReportedAt),
      escalations: f.escalations.map(ms),
      deadlines: f.deadlines.map((d) => ({
        cancelled: d.status === 'cancelled',
        due: ms(d.dueAt),
        met: ms(d.metAt),
        missed: ms(d.missedAt),
      })),
      actions: f.actions.map((a) => ({
        added: ms(a.addedAt),
        due: ms(a.dueAt),
        completed: ms(a.completedAt),
        followedUp: ms(a.followedUpAt),
        effective: a.effective,
      })),
    };
    timelines.set(f, t);
  }
  return t;
}

/** In [from, to); NaN (absent) is never inside. */
const inside = (t: number, from: number, to: number) => t >= from && t < to;
/** Present and before `t`. */
const earlier = (x: number, t: number) => x < t;
const HOUR_MS = 3_600_000;

function openAt(t: Timeline, at: number): boolean {
  return t.reported < at && !earlier(t.closed, at);
}

function overdueAt(t: Timeline, at: number): boolean {
  return openAt(t, at) && t.deadlines.some((d) => !d.cancelled && d.due < at && !(d.met <= at));
}

export function isOpenAt(fact: StatisticsCaseFact, t: number): boolean {
  return openAt(timelineOf(fact), t);
}

export function isOverdueAt(fact: StatisticsCaseFact, t: number): boolean {
  return overdueAt(timelineOf(fact), t);
}

/** What one case adds to a group over [from, to); `judgedAt` = min(to, asOf) for the snapshot measures. */
function addCase(
  m: MutableMeasures,
  f: StatisticsCaseFact,
  from: number,
  to: number,
  judgedAt: number,
): void {
  const t = timelineOf(f);
  const reportedInPeriod = inside(t.reported, from, to);
  if (reportedInPeriod) m.reported += 1;
  if (inside(t.closed, from, to)) {
    m.closed += 1;
    m.leadTimes.total.push((t.closed - t.reported) / HOUR_MS);
  }
  if (openAt(t, to)) m.open += 1;
  if (overdueAt(t, judgedAt)) m.overdue += 1;
  if (inside(t.acknowledged, from, to))
    m.leadTimes.acknowledgement.push((t.acknowledged - t.reported) / HOUR_MS);
  if (inside(t.investigated, from, to))
    m.leadTimes.investigation.push((t.investigated - t.reported) / HOUR_MS);
  if (inside(t.decided, from, to) && !Number.isNaN(t.investigated))
    m.leadTimes.decision.push(Math.max(0, (t.decided - t.investigated) / HOUR_MS));
  if (inside(t.ivo, from, to) && !Number.isNaN(t.decided))
    m.leadTimes.ivo_report.push(Math.max(0, (t.ivo - t.decided) / HOUR_MS));
  for (const d of t.deadlines) {
    if (d.cancelled) continue;
    if (inside(d.met, from, to)) m.deadlinesMet += 1;
    if (inside(d.missed, from, to)) m.deadlinesMissed += 1;
  }
  for (const at of t.escalations) if (inside(at, from, to)) m.escalations += 1;
  for (const a of t.actions) {
    if (inside(a.completed, from, to)) m.leadTimes.action.push((a.completed - a.added) / HOUR_MS);
    if (a.added < to && !earlier(a.completed, to)) {
      m.actionsOpen += 1;
      if (a.due < judgedAt && !earlier(a.completed, judgedAt)) m.actionsOverdue += 1;
    }
    if (inside(a.followedUp, from, to)) {
      if (a.effective === true) m.actionsEffective += 1;
      else if (a.effective === false) m.actionsIneffective += 1;
    }
  }
  if (reportedInPeriod && f.type === 'complaint') {
    m.complaintsReported += 1;
    if (f.investigationRecordedAt !== null) m.complaintsInvestigated += 1;
    if (f.deviationOccurred === true) m.complaintsDeviation += 1;
  }
}

/** Adds one case's contribution (computed once) to a group. */
function merge(into: MutableMeasures, delta: MutableMeasures): void {
  into.reported += delta.reported;
  into.closed += delta.closed;
  into.open += delta.open;
  into.overdue += delta.overdue;
  for (const stage of LEAD_TIME_STAGES) for (const v of delta.leadTimes[stage]) into.leadTimes[stage].push(v);
  into.deadlinesMet += delta.deadlinesMet;
  into.deadlinesMissed += delta.deadlinesMissed;
  into.escalations += delta.escalations;
  into.actionsOpen += delta.actionsOpen;
  into.actionsOverdue += delta.actionsOverdue;
  into.actionsEffective += delta.actionsEffective;
  into.actionsIneffective += delta.actionsIneffective;
  into.complaintsReported += delta.complaintsReported;
  into.complaintsInvestigated += delta.complaintsInvestigated;
  into.complaintsDeviation += delta.complaintsDeviation;
}

function freeze(m: MutableMeasures): StatisticsMeasures {
  const leadTimes = {} as Record<LeadTimeStage, LeadTimeSummary>;
  for (const stage of LEAD_TIME_STAGES) leadTimes[stage] = summariseLeadTimes(m.leadTimes[stage]);
  return {
    reported: m.reported,
    closed: m.closed,
    open: m.open,
    overdue: m.overdue,
    leadTimes,
    deadlines: { met: m.deadlinesMet, missed: m.deadlinesMissed },
    escalations: m.escalations,
    actions: {
      open: m.actionsOpen,
      overdue: m.actionsOverdue,
      effective: m.actionsEffective,
      ineffective: m.actionsIneffective,
    },
    complaints: {
      reported: m.complaintsReported,
      investigated: m.complaintsInvestigated,
      deviationFound: m.complaintsDeviation,
    },
  };
}

/** Does the case touch [from, to) at all (reported before its end and not closed before its start)? */
export function isRelevantFor(f: StatisticsCaseFact, from: number, to: number): boolean {
  const t = timelineOf(f);
  return t.reported < to && !earlier(t.closed, from);
}

function funnelOf(facts: readonly StatisticsCaseFact[], type: CaseType, from: number, to: number): Funnel {
  const cohort = facts.filter(
    (f) => (f.type === type || f.reportedType === type) && within(f.reportedAt, from, to),
  );
  return {
    reports: cohort.length,
    investigated: cohort.filter((f) => f.investigationRecordedAt !== null).length,
    serious: cohort.filter((f) => f.serious).length,
    notifiedToIvo: cohort.filter((f) => f.ivoReportedAt !== null).length,
  };
}

/** `YYYY-MM` of an instant in Stockholm. */
export function stockholmMonthOf(iso: string): string {
  const { year, month } = stockholmLocalParts(new Date(iso));
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The calendar months (Stockholm) that [from, to) touches, each cut to the period. */
export function monthsOf(from: Date, to: Date): { month: string; from: number; to: number }[] {
  const result: { month: string; from: number; to: number }[] = [];
  let { year, month } = stockholmLocalParts(from);
  for (;;) {
    const range = monthRange(year, month);
    const start = Math.max(range.from.getTime(), from.getTime());
    const end = Math.min(range.to.getTime(), to.getTime());
    if (start >= to.getTime()) break;
    result.push({ month: `${year}-${String(month).padStart(2, '0')}`, from: start, to: end });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}

function reportingRate(
  facts: readonly StatisticsCaseFact[],
  tree: ReportUnitTree,
  from: number,
  to: number,
): ReportingRateRow[] {
  const counts = new Map<string, number>();
  for (const f of facts) {
    if (!within(f.reportedAt, from, to)) continue;
    for (const id of tree.selfAndAncestors(f.unitId)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return reportingRateOf(counts, tree, from, to);
}

/** Reporting rate from the number reported per unit, rolled up the tree (a unit counts its own and those below it). */
function reportingRateOf(
  counts: ReadonlyMap<string, number>,
  tree: ReportUnitTree,
  from: number,
  to: number,
): ReportingRateRow[] {
  const months = Math.max((to - from) / (30.4375 * 24 * 3_600_000), 1 / 30);
  const leaves = tree.leaves();
  const leafCounts = leaves.map((u) => counts.get(u.id) ?? 0).sort((a, b) => a - b);
  const median =
    leafCounts.length === 0
      ? 0
      : (leafCounts[Math.floor((leafCounts.length - 1) / 2)]! +
          leafCounts[Math.ceil((leafCounts.length - 1) / 2)]!) /
        2;
  const leafIds = new Set(leaves.map((u) => u.id));
  return tree.ordered().map((unit) => {
    const reported = counts.get(unit.id) ?? 0;
    const flag = reported === 0 ? 'none' : leafIds.has(unit.id) && reported < median / 2 ? 'low' : null;
    return {
      unitId: unit.id,
      unitName: unit.name,
      reported,
      perMonth: Math.round((reported / months) * 10) / 10,
      flag,
    };
  });
}

function keysOf(
  f: StatisticsCaseFact,
  dims: readonly StatisticsDimension[],
  tree: ReportUnitTree,
  month: string,
): Partial<Record<StatisticsDimension, string>>[] {
  let keys: Partial<Record<StatisticsDimension, string>>[] = [{}];
  for (const dim of dims) {
    const values =
      dim === 'unit'
        ? tree.selfAndAncestors(f.unitId)
        : dim === 'type'
          ? [f.type]
          : dim === 'category'
            ? [f.category ?? NOT_GIVEN]
            : dim === 'lagrum'
              ? [f.lagrum ?? NOT_GIVEN]
              : dim === 'channel'
                ? [f.channel]
                : [month];
    keys = keys.flatMap((k) => values.map((v) => ({ ...k, [dim]: v })));
  }
  return keys;
}

function keyString(
  key: Partial<Record<StatisticsDimension, string>>,
  dims: readonly StatisticsDimension[],
): string {
  return dims.map((d) => key[d] ?? '').join('\u0000');
}

/**
 * Counts and lead times per group over a period (REP-5, REP-6, REP-8). Units roll up the tree: a case
 * of Solgården counts for Solgården, Äldreomsorg and Socialförvaltningen. With `month` among the
 * dimensions each month is its own period (open and overdue at that month's end).
 */
export function computeStatistics(
  facts: readonly StatisticsCaseFact[],
  query: StatisticsQuery,
): StatisticsResult {
  const dims = [...new Set(query.groupBy ?? [])];
  const tree = new ReportUnitTree(query.units);
  const from = query.from.getTime();
  const to = query.to.getTime();
  const judgedAt = Math.min(to, query.asOf.getTime());
  const relevant = facts.filter((f) => isRelevantFor(f, from, to));

  const totals = emptyMeasures();
  for (const f of relevant) addCase(totals, f, from, to, judgedAt);

  const groups = new Map<string, { key: Partial<Record<StatisticsDimension, string>>; m: MutableMeasures }>();
  if (dims.length > 0) {
    const periods = dims.includes('month') ? monthsOf(query.from, query.to) : [{ month: '', from, to }];
    for (const period of periods) {
      const periodJudged = Math.min(period.to, query.asOf.getTime());
      for (const f of relevant) {
        if (!isRelevantFor(f, period.from, period.to)) continue;
        const delta = emptyMeasures();
        addCase(delta, f, period.from, period.to, periodJudged);
        for (const key of keysOf(f, dims, tree, period.month)) {
          const id = keyString(key, dims);
          let group = groups.get(id);
          if (!group) {
            group = { key, m: emptyMeasures() };
            groups.set(id, group);
          }
          merge(group.m, delta);
        }
      }
    }
  }
  const sorted = sortGroups([...groups.values()], dims, tree);
  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    asOf: query.asOf.toISOString(),
    groupBy: dims,
    totals: freeze(totals),
    groups: sorted.map((g) => ({ key: g.key, measures: freeze(g.m) })),
    lexSarahFunnel: funnelOf(relevant, 'lex_sarah', from, to),
    lexMariaFunnel: funnelOf(relevant, 'lex_maria', from, to),
    reportingRate: reportingRate(relevant, tree, from, to),
  };
}

function sortGroups<G extends { key: Partial<Record<StatisticsDimension, string>> }>(
  groups: G[],
  dims: readonly StatisticsDimension[],
  tree: ReportUnitTree,
): G[] {
  const unitOrder = new Map(tree.ordered().map((u, i) => [u.id, i]));
  return groups.sort((a, b) => {
    for (const dim of dims) {
      const x = a.key[dim] ?? '';
      const y = b.key[dim] ?? '';
      if (x === y) continue;
      if (dim === 'unit') return (unitOrder.get(x) ?? 1e9) - (unitOrder.get(y) ?? 1e9) || x.localeCompare(y);
      return x.localeCompare(y);
    }
    return 0;
  });
}

/**
 * The measures of one group as counted elsewhere — the read model's SQL (ReportService) — with the
 * lead-time percentiles already taken over milliseconds. `measuresOfAggregate` turns them into the
 * same `StatisticsMeasures` as `computeStatistics`; the integration test compares the two paths.
 */
export interface StatisticsAggregate {
  readonly reported: number;
  readonly closed: number;
  readonly open: number;
  readonly overdue: number;
  readonly leadTimes: Readonly<
    Record<
      LeadTimeStage,
      { readonly n: number; readonly medianMs: number | null; readonly p90Ms: number | null }
    >
  >;
  readonly deadlinesMet: number;
  readonly deadlinesMissed: number;
  readonly escalations: number;
  readonly actionsOpen: number;
  readonly actionsOverdue: number;
  readonly actionsEffective: number;
  readonly actionsIneffective: number;
  readonly complaintsReported: number;
  readonly complaintsInvestigated: number;
  readonly complaintsDeviation: number;
}

export function measuresOfAggregate(a: StatisticsAggregate): StatisticsMeasures {
  const leadTimes = {} as Record<LeadTimeStage, LeadTimeSummary>;
  for (const stage of LEAD_TIME_STAGES)
    leadTimes[stage] = summaryOfMilliseconds(
      a.leadTimes[stage].n,
      a.leadTimes[stage].medianMs,
      a.leadTimes[stage].p90Ms,
    );
  return {
    reported: a.reported,
    closed: a.closed,
    open: a.open,
    overdue: a.overdue,
    leadTimes,
    deadlines: { met: a.deadlinesMet, missed: a.deadlinesMissed },
    escalations: a.escalations,
    actions: {
      open: a.actionsOpen,
      overdue: a.actionsOverdue,
      effective: a.actionsEffective,
      ineffective: a.actionsIneffective,
    },
    complaints: {
      reported: a.complaintsReported,
      investigated: a.complaintsInvestigated,
      deviationFound: a.complaintsDeviation,
    },
  };
}

/** Everything `computeStatistics` derives from the facts of one period (no `month` dimension), counted elsewhere. */
export interface StatisticsAggregates {
  readonly totals: StatisticsAggregate;
  /** One per group key present; `key` holds exactly the query's dimensions. */
  readonly groups: readonly {
    readonly key: Readonly<Partial<Record<StatisticsDimension, string>>>;
    readonly aggregate: StatisticsAggregate;
  }[];
  /** Reported in the period per unit, rolled up the tree (as the `unit` groups count them). */
  readonly reportedByUnit: ReadonlyMap<string, number>;
  readonly lexSarahFunnel: Funnel;
  readonly lexMariaFunnel: Funnel;
}

/** `computeStatistics` from aggregates: the same result, ordering and reporting rate (no `month` dimension). */
export function statisticsResultOfAggregates(
  query: StatisticsQuery,
  aggregates: StatisticsAggregates,
): StatisticsResult {
  const dims = [...new Set(query.groupBy ?? [])];
  if (dims.includes('month'))
    throw new RangeError('statisticsResultOfAggregates: month is a period of its own, use computeStatistics');
  const tree = new ReportUnitTree(query.units);
  const groups = dims.length === 0 ? [] : sortGroups([...aggregates.groups], dims, tree);
  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    asOf: query.asOf.toISOString(),
    groupBy: dims,
    totals: measuresOfAggregate(aggregates.totals),
    groups: groups.map((g) => ({ key: g.key, measures: measuresOfAggregate(g.aggregate) })),
    lexSarahFunnel: aggregates.lexSarahFunnel,
    lexMariaFunnel: aggregates.lexMariaFunnel,
    reportingRate: reportingRateOf(aggregates.reportedByUnit, tree, query.from.getTime(), query.to.getTime()),
  };
}
