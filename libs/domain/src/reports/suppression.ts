import {
  LEAD_TIME_STAGES,
  type LeadTimeStage,
  type ReportingRateRow,
  type StatisticsDimension,
  type StatisticsMeasures,
  type StatisticsResult,
} from './period-statistics';
import type { LeadTimeSummary } from './lead-time';
import { ReportUnitTree, type ReportUnit } from './report-units';

/**
 * REP-15 "Counts below 3 are suppressed or grouped" for material to the nämnd (ADR 0011): in the
 * tables per unit and per type a count of 1 or 2 is shown as null ("<3" in the documents), and so
 * is a lead time taken over fewer than 3 cases. The organisation's own totals, the monthly trend and
 * the lex Sarah/Maria funnels stay exact (they name no unit), and so do the de-identified lines the
 * nämnd is given by api.md (REP-4). Ledningsgrupp material is not suppressed: api.md gives `ledning`
 * de-identified case lines, which show each case anyway.
 */
export const SUPPRESSION_THRESHOLD = 3;

/** The text a suppressed cell shows in HTML and PDF. */
export const SUPPRESSED_TEXT = '<3';

/** A measure as the nämnd sees it: null where the count (1 or 2) is suppressed. */
export type Cell = number | null;

export interface GroupMeasures {
  readonly reported: Cell;
  readonly closed: Cell;
  readonly open: Cell;
  readonly overdue: Cell;
  readonly leadTimes: Readonly<
    Record<
      LeadTimeStage,
      { readonly n: Cell; readonly medianHours: number | null; readonly p90Hours: number | null }
    >
  >;
  readonly deadlines: { readonly met: Cell; readonly missed: Cell };
  readonly escalations: Cell;
  readonly actions: {
    readonly open: Cell;
    readonly overdue: Cell;
    readonly effective: Cell;
    readonly ineffective: Cell;
  };
  readonly complaints: {
    readonly reported: Cell;
    readonly investigated: Cell;
    readonly deviationFound: Cell;
  };
}

/** A row of a per-unit or per-type table; exact (`StatisticsGroup`) or suppressed. */
export interface ReportGroup {
  readonly key: Readonly<Partial<Record<StatisticsDimension, string>>>;
  readonly measures: GroupMeasures;
}

export interface ReportingRateCell extends Omit<ReportingRateRow, 'reported' | 'perMonth'> {
  readonly reported: Cell;
  readonly perMonth: number | null;
}

/** How the numbers were protected; `applied: false` for ledningsgrupp material. */
export interface Suppression {
  readonly applied: boolean;
  readonly threshold: number;
  /** Cells shown as null: below the threshold, or hidden so that a total cannot give one back. */
  readonly cells: number;
}

export const NO_SUPPRESSION: Suppression = { applied: false, threshold: SUPPRESSION_THRESHOLD, cells: 0 };

const small = (n: number) => n > 0 && n < SUPPRESSION_THRESHOLD;

type CountPath =
  | readonly [keyof GroupMeasures]
  | readonly ['deadlines', 'met' | 'missed']
  | readonly ['actions', 'open' | 'overdue' | 'effective' | 'ineffective']
  | readonly ['complaints', 'reported' | 'investigated' | 'deviationFound'];

const COUNT_PATHS: readonly CountPath[] = [
  ['reported'],
  ['closed'],
  ['open'],
  ['overdue'],
  ['deadlines', 'met'],
  ['deadlines', 'missed'],
  ['escalations'],
  ['actions', 'open'],
  ['actions', 'overdue'],
  ['actions', 'effective'],
  ['actions', 'ineffective'],
  ['complaints', 'reported'],
  ['complaints', 'investigated'],
  ['complaints', 'deviationFound'],
];

/** Mutable copy of the counts of one group, keyed by path. */
type Counts = Map<string, number | null>;

function countsOf(m: StatisticsMeasures): Counts {
  const counts: Counts = new Map();
  for (const path of COUNT_PATHS) {
    const value =
      path.length === 1
        ? (m[path[0]] as number)
        : ((m[path[0]] as unknown as Record<string, number>)[path[1]] as number);
    counts.set(path.join('.'), value);
  }
  return counts;
}

function measuresOf(m: StatisticsMeasures, counts: Counts): GroupMeasures {
  const c = (path: string): Cell => counts.get(path) ?? null;
  const leadTimes = {} as Record<
    LeadTimeStage,
    { n: Cell; medianHours: number | null; p90Hours: number | null }
  >;
  for (const stage of LEAD_TIME_STAGES) {
    const lt: LeadTimeSummary = m.leadTimes[stage];
    leadTimes[stage] = small(lt.n) ? { n: null, medianHours: null, p90Hours: null } : lt;
  }
  return {
    reported: c('reported'),
    closed: c('closed'),
    open: c('open'),
    overdue: c('overdue'),
    leadTimes,
    deadlines: { met: c('deadlines.met'), missed: c('deadlines.missed') },
    escalations: c('escalations'),
    actions: {
      open: c('actions.open'),
      overdue: c('actions.overdue'),
      effective: c('actions.effective'),
      ineffective: c('actions.ineffective'),
    },
    complaints: {
      reported: c('complaints.reported'),
      investigated: c('complaints.investigated'),
      deviationFound: c('complaints.deviationFound'),
    },
  };
}

/**
 * Primary suppression (1–2 → null), then secondary: each `set` is a set of cells tied by a sum (the
 * types under the shown organisation total; a unit with the units right under it). Where exactly one
 * cell of a set is hidden it could be given back by subtraction, so the smallest other non-zero cell
 * of the set is hidden too — repeated until no set has a lone hidden cell (a cell can be in two sets).
 * A `total` (a unit with units under it) is never that second cell: a parent hidden above a child
 * that shows 13,507 reads as "fewer than 3" and gives nothing away that the child does not already
 * show. A total's own cases, which no table shows, keep a lone hidden child from being worked out.
 */
function suppressSets(
  all: Counts[],
  sets: readonly (readonly number[])[],
  totals: ReadonlySet<number> = new Set(),
): number {
  let cells = 0;
  for (const counts of all) {
    for (const [path, value] of counts) {
      if (value !== null && small(value)) {
        counts.set(path, null);
        cells += 1;
      }
    }
  }
  const paths = COUNT_PATHS.map((p) => p.join('.'));
  for (let changed = true; changed;) {
    changed = false;
    for (const set of sets) {
      if (set.length < 2) continue;
      for (const path of paths) {
        if (set.filter((i) => all[i]!.get(path) === null).length !== 1) continue;
        const shown = set
          .filter((i) => !totals.has(i) && (all[i]!.get(path) ?? 0) > 0)
          .sort((a, b) => (all[a]!.get(path) as number) - (all[b]!.get(path) as number));
        const smallest = shown[0];
        if (smallest === undefined) continue;
        all[smallest]!.set(path, null);
        cells += 1;
        changed = true;
      }
    }
  }
  return cells;
}

/** The per-type table: the types add up to the organisation's totals. */
export function suppressTypeGroups(
  groups: readonly { key: ReportGroup['key']; measures: StatisticsMeasures }[],
): { groups: ReportGroup[]; cells: number } {
  const counts = groups.map((g) => countsOf(g.measures));
  const cells = suppressSets(counts, [groups.map((_, i) => i)]);
  return {
    groups: groups.map((g, i) => ({ key: g.key, measures: measuresOf(g.measures, counts[i]!) })),
    cells,
  };
}

/** The per-unit table (rolled up): a unit equals the units right under it plus its own cases. */
export function suppressUnitGroups(
  groups: readonly { key: ReportGroup['key']; measures: StatisticsMeasures }[],
  units: readonly ReportUnit[],
): { groups: ReportGroup[]; cells: number } {
  const tree = new ReportUnitTree(units);
  const index = new Map(groups.map((g, i) => [g.key.unit ?? '', i]));
  const families = new Map<number, number[]>();
  for (const [id, i] of index) {
    const parent = index.get(tree.selfAndAncestors(id)[1] ?? '\u0000');
    if (parent === undefined) continue;
    families.set(parent, [...(families.get(parent) ?? [parent]), i]);
  }
  const counts = groups.map((g) => countsOf(g.measures));
  const cells = suppressSets(counts, [...families.values()], new Set(families.keys()));
  return {
    groups: groups.map((g, i) => ({ key: g.key, measures: measuresOf(g.measures, counts[i]!) })),
    cells,
  };
}

/** Reporting rate per unit: hidden where the unit's count is hidden in the unit table, or is 1–2 (the flag, none or low, stays). */
export function suppressReportingRate(
  rows: readonly ReportingRateRow[],
  byUnit: readonly ReportGroup[],
): { rows: ReportingRateCell[]; cells: number } {
  const hidden = new Set(byUnit.filter((g) => g.measures.reported === null).map((g) => g.key.unit));
  let cells = 0;
  const result = rows.map((r) => {
    if (!small(r.reported) && !hidden.has(r.unitId)) return r;
    cells += 1;
    return { ...r, reported: null, perMonth: null };
  });
  return { rows: result, cells };
}

/** A count in running text: "<3" for 1–2 (REP-15). */
export function maskedCount(n: number): string {
  return small(n) ? SUPPRESSED_TEXT : String(n);
}

/** Statistics as the nämnd sees them (the berättelser): groups and reporting rate suppressed. */
export interface SuppressedStatistics extends Omit<StatisticsResult, 'groups' | 'reportingRate'> {
  readonly groups: readonly ReportGroup[];
  readonly reportingRate: readonly ReportingRateCell[];
  readonly suppression: Suppression;
}

/**
 * `computeStatistics` output for nämnd material: groups that share all but the last dimension add up
 * to a shown figure (the categories of a type, the types under the total) and form one set; the
 * reporting rate is suppressed along the unit tree (a unit and the units right under it).
 */
export function suppressStatistics(
  result: StatisticsResult,
  units: readonly ReportUnit[],
): SuppressedStatistics {
  const outer = result.groupBy.slice(0, -1);
  const tree = new ReportUnitTree(units);
  const setOf = new Map<string, number[]>();
  const totals = new Set<number>();
  if (result.groupBy.at(-1) === 'unit') {
    // Units roll up the tree, so within one outer key a unit and the units right under it are a set.
    const index = new Map(
      result.groups.map((g, i) => [
        [...outer.map((d) => g.key[d] ?? ''), g.key.unit ?? ''].join('\u0000'),
        i,
      ]),
    );
    result.groups.forEach((g, i) => {
      const parentUnit = tree.selfAndAncestors(g.key.unit ?? '')[1];
      if (parentUnit === undefined) return;
      const parentKey = [...outer.map((d) => g.key[d] ?? ''), parentUnit].join('\u0000');
      const parent = index.get(parentKey);
      if (parent === undefined) return;
      totals.add(parent);
      setOf.set(parentKey, [...(setOf.get(parentKey) ?? [parent]), i]);
    });
  } else {
    result.groups.forEach((g, i) => {
      const id = outer.map((d) => g.key[d] ?? '').join('\u0000');
      setOf.set(id, [...(setOf.get(id) ?? []), i]);
    });
  }
  const counts = result.groups.map((g) => countsOf(g.measures));
  const groupCells = suppressSets(counts, [...setOf.values()], totals);
  const rateIndex = new Map(result.reportingRate.map((r, i) => [r.unitId, i]));
  const families = new Map<number, number[]>();
  for (const [id, i] of rateIndex) {
    const parent = rateIndex.get(tree.selfAndAncestors(id)[1] ?? '\u0000');
    if (parent !== undefined) families.set(parent, [...(families.get(parent) ?? [parent]), i]);
  }
  const rateCounts: Counts[] = result.reportingRate.map((r) => new Map([['reported', r.reported]]));
  const rateCells = suppressSets(rateCounts, [...families.values()], new Set(families.keys()));
  return {
    ...result,
    groups: result.groups.map((g, i) => ({ key: g.key, measures: measuresOf(g.measures, counts[i]!) })),
    reportingRate: result.reportingRate.map((r, i) =>
      rateCounts[i]!.get('reported') === null ? { ...r, reported: null, perMonth: null } : r,
    ),
    suppression: { applied: true, threshold: SUPPRESSION_THRESHOLD, cells: groupCells + rateCells },
  };
}
