import { formatIsoWeek, isoWeekRange, parseIsoWeek, type IsoWeek } from '../calendar/iso-week';
import { CASE_TYPES, type CaseType } from '../cases/case-type';
import { caseLineOf, type CaseLine } from './case-line';
import { isOpenAt, isOverdueAt, isRelevantFor } from './period-statistics';
import type { StatisticsCaseFact } from './statistics-fact';

/** A de-identified case line (api.md) and whether the case is overdue — nothing else. */
export interface DigestLine extends CaseLine {
  readonly overdue: boolean;
}

export interface DigestTotals {
  readonly reported: number;
  readonly closed: number;
  readonly open: number;
  readonly overdue: number;
}

export interface WeeklyDigest {
  readonly week: string;
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
  readonly totals: DigestTotals;
  /** Reported in the week, per (current) type; every type present, zeros included. */
  readonly byType: Readonly<Record<CaseType, number>>;
  /** Reported in the week, per unit of the report (not rolled up). */
  readonly byUnit: Readonly<Record<string, number>>;
  /** The week's complaints per category (REP-2, DL-17). */
  readonly complaintsByCategory: Readonly<Record<string, number>>;
  readonly lexSarahMaria: {
    readonly reported: { readonly lex_sarah: number; readonly lex_maria: number };
    /** Open at the end of the week. */
    readonly open: { readonly lex_sarah: number; readonly lex_maria: number };
    /** Serious outcome decided, not yet notified to IVO at the end of the week. */
    readonly awaitingIvo: number;
    /** Notified to IVO during the week. */
    readonly notifiedToIvo: number;
  };
  readonly overdueActions: number;
  readonly escalations: number;
  /** The week before, for the week-on-week trend. */
  readonly previousWeek: { readonly week: string; readonly totals: DigestTotals };
  readonly lines: readonly DigestLine[];
}

function within(iso: string | null | undefined, from: number, to: number): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= from && t < to;
}

function totalsOf(
  facts: readonly StatisticsCaseFact[],
  from: number,
  to: number,
  judgedAt: number,
): DigestTotals {
  let reported = 0;
  let closed = 0;
  let open = 0;
  let overdue = 0;
  for (const f of facts) {
    if (!isRelevantFor(f, from, to)) continue;
    if (within(f.reportedAt, from, to)) reported += 1;
    if (within(f.closedAt, from, to)) closed += 1;
    if (isOpenAt(f, to)) open += 1;
    if (isOverdueAt(f, judgedAt)) overdue += 1;
  }
  return { reported, closed, open, overdue };
}

function previousWeekOf(week: IsoWeek): IsoWeek {
  if (week.week > 1) return { year: week.year, week: week.week - 1 };
  const lastOfPrevious = parseIsoWeek(`${week.year - 1}-W53`) ? 53 : 52;
  return { year: week.year - 1, week: lastOfPrevious };
}

/** The week's figures, however they were counted (pure below, SQL in ReportService); `assembleWeeklyDigest` shapes them. */
export interface WeeklyDigestParts {
  readonly totals: DigestTotals;
  readonly previousTotals: DigestTotals;
  /** Cases reported in the week, counted per (current) type, unit and category. */
  readonly reported: readonly {
    readonly type: CaseType;
    readonly unitId: string;
    readonly category: string | null;
    readonly n: number;
  }[];
  readonly lexOpen: { readonly lex_sarah: number; readonly lex_maria: number };
  readonly awaitingIvo: number;
  readonly notifiedToIvo: number;
  readonly overdueActions: number;
  readonly escalations: number;
  /** In any order. */
  readonly lines: readonly DigestLine[];
}

/** The week and the week before it, with the instants the digest is judged at. */
export function digestWeeks(
  week: string,
  asOf: Date,
): {
  week: IsoWeek;
  from: number;
  to: number;
  judgedAt: number;
  previous: IsoWeek;
  previousFrom: number;
  previousTo: number;
  previousJudgedAt: number;
} {
  const parsed = parseIsoWeek(week);
  if (!parsed) throw new RangeError(`Ogiltig vecka: ${week}`);
  const range = isoWeekRange(parsed);
  const previous = previousWeekOf(parsed);
  const previousRange = isoWeekRange(previous);
  return {
    week: parsed,
    from: range.from.getTime(),
    to: range.to.getTime(),
    judgedAt: Math.min(range.to.getTime(), asOf.getTime()),
    previous,
    previousFrom: previousRange.from.getTime(),
    previousTo: previousRange.to.getTime(),
    previousJudgedAt: Math.min(previousRange.to.getTime(), asOf.getTime()),
  };
}

export function assembleWeeklyDigest(week: string, asOf: Date, parts: WeeklyDigestParts): WeeklyDigest {
  const w = digestWeeks(week, asOf);
  const byType = Object.fromEntries(CASE_TYPES.map((t) => [t, 0])) as Record<CaseType, number>;
  const byUnit: Record<string, number> = {};
  const complaintsByCategory: Record<string, number> = {};
  const lexReported = { lex_sarah: 0, lex_maria: 0 };
  for (const r of parts.reported) {
    byType[r.type] += r.n;
    byUnit[r.unitId] = (byUnit[r.unitId] ?? 0) + r.n;
    if (r.type === 'complaint') {
      const category = r.category ?? 'ej_angiven';
      complaintsByCategory[category] = (complaintsByCategory[category] ?? 0) + r.n;
    }
    if (r.type === 'lex_sarah' || r.type === 'lex_maria') lexReported[r.type] += r.n;
  }
  const lines = [...parts.lines].sort(
    (a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.caseNumber.localeCompare(b.caseNumber),
  );
  return {
    week: formatIsoWeek(w.week),
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    asOf: asOf.toISOString(),
    totals: parts.totals,
    byType,
    byUnit: Object.fromEntries(Object.entries(byUnit).sort(([a], [b]) => a.localeCompare(b))),
    complaintsByCategory: Object.fromEntries(
      Object.entries(complaintsByCategory).sort(([a], [b]) => a.localeCompare(b)),
    ),
    lexSarahMaria: {
      reported: lexReported,
      open: { lex_sarah: parts.lexOpen.lex_sarah, lex_maria: parts.lexOpen.lex_maria },
      awaitingIvo: parts.awaitingIvo,
      notifiedToIvo: parts.notifiedToIvo,
    },
    overdueActions: parts.overdueActions,
    escalations: parts.escalations,
    previousWeek: { week: formatIsoWeek(w.previous), totals: parts.previousTotals },
    lines,
  };
}

/**
 * The ledningsgrupp's weekly digest (REP-2, DL-17): the week's new cases by type, unit and category,
 * lex Sarah/Maria status, overdue deadlines and actions, escalations, and the change from the week
 * before. Lines are de-identified: reported in the week, or overdue at its end. `asOf` is when the
 * digest is made; a week not yet over is judged as of then.
 */
export function composeWeeklyDigest(
  facts: readonly StatisticsCaseFact[],
  week: string,
  asOf: Date,
): WeeklyDigest {
  const { from, to, judgedAt, previousFrom, previousTo, previousJudgedAt } = digestWeeks(week, asOf);
  const reported = new Map<string, { type: CaseType; unitId: string; category: string | null; n: number }>();
  const lexOpen = { lex_sarah: 0, lex_maria: 0 };
  let awaitingIvo = 0;
  let notifiedToIvo = 0;
  let overdueActions = 0;
  let escalations = 0;
  const lines: DigestLine[] = [];

  for (const f of facts) {
    if (!isRelevantFor(f, from, to)) continue;
    const reportedInWeek = within(f.reportedAt, from, to);
    const openAtEnd = isOpenAt(f, to);
    const overdue = isOverdueAt(f, judgedAt);
    if (reportedInWeek) {
      const key = `${f.type}\u0000${f.unitId}\u0000${f.category ?? ''}`;
      const entry = reported.get(key) ?? { type: f.type, unitId: f.unitId, category: f.category, n: 0 };
      entry.n += 1;
      reported.set(key, entry);
    }
    if (openAtEnd && (f.type === 'lex_sarah' || f.type === 'lex_maria')) lexOpen[f.type] += 1;
    if (
      f.serious &&
      f.decidedAt !== null &&
      Date.parse(f.decidedAt) < to &&
      !(f.ivoReportedAt !== null && Date.parse(f.ivoReportedAt) < to)
    )
      awaitingIvo += 1;
    if (within(f.ivoReportedAt, from, to)) notifiedToIvo += 1;
    for (const a of f.actions) {
      const openAtJudged =
        Date.parse(a.addedAt) < judgedAt &&
        !(a.completedAt !== undefined && Date.parse(a.completedAt) < judgedAt);
      if (openAtJudged && Date.parse(a.dueAt) < judgedAt) overdueActions += 1;
    }
    for (const at of f.escalations) if (within(at, from, to)) escalations += 1;
    if (reportedInWeek || overdue) {
      lines.push({ ...caseLineOf(f), overdue });
    }
  }
  return assembleWeeklyDigest(week, asOf, {
    totals: totalsOf(facts, from, to, judgedAt),
    previousTotals: totalsOf(facts, previousFrom, previousTo, previousJudgedAt),
    reported: [...reported.values()],
    lexOpen,
    awaitingIvo,
    notifiedToIvo,
    overdueActions,
    escalations,
    lines,
  });
}
