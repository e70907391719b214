import {
  byReportTime,
  LEAD_TIME_STAGES,
  ReportUnitTree,
  type BerattelseLine,
  type CaseType,
  type DigestLine,
  type DigestTotals,
  type Funnel,
  type LeadTimeStage,
  type PeriodLineSource,
  type PeriodReportKind,
  type ReportUnit,
  type StatisticsAggregate,
  type StatisticsAggregates,
  type StatisticsDimension,
  type WeeklyDigestParts,
} from '@kvalitet/domain';
import type { Queryable } from './statistics-store';
import { rowsOf } from '@kvalitet/persistence';

/**
 * Aggregation in Postgres over the statistics read model (issue 7, speed): the reports used to load
 * every fact row of the period into node (≈ 3 s of transfer and JSON parsing at 100,000 cases) and
 * count there. Here the same rules as `computeStatistics` / `composeWeeklyDigest` are written as
 * SQL — one row per group comes back — and only the few de-identified lines a document shows are
 * read as rows. The integration test (test/integration/report-sql-aggregation.int-spec.ts) holds
 * both paths equal on the fixture and on generated cases.
 *
 * Lead times: `percentile_disc` is nearest-rank, the same order statistic as `percentile()` in
 * libs/domain; it is taken over exact milliseconds (numeric) and turned into rounded hours in node.
 */

/** Dimensions the SQL can group by; `month` splits the period and stays with the pure path. */
export const SQL_DIMENSIONS = [
  'unit',
  'type',
  'category',
  'lagrum',
  'channel',
] as const satisfies readonly StatisticsDimension[];
type SqlDimension = (typeof SQL_DIMENSIONS)[number];

export function isSqlGrouping(dims: readonly StatisticsDimension[]): dims is readonly SqlDimension[] {
  return dims.every((d) => (SQL_DIMENSIONS as readonly string[]).includes(d));
}

/** Exact milliseconds between two instants as float8 (the facts hold millisecond precision). */
const MS = (later: string, earlier: string) =>
  `round((date_part('epoch', ${later}) - date_part('epoch', ${earlier})) * 1000)`;
const IN = (t: string) => `(${t} >= $1 AND ${t} < $2)`;
const RELEVANT = `reported_at < $2 AND (closed_at IS NULL OR closed_at >= $1)`;
/** Only cases of these types (by current or reported type, as the berättelser count them); null: all. */
const OF_TYPES = (param: string) =>
  `(${param}::text[] IS NULL OR type = ANY(${param}::text[]) OR reported_type = ANY(${param}::text[]))`;

/**
 * One row per relevant case (reported before the end, not closed before the start: `isRelevantFor`)
 * with what it adds to any group (`addCase`), plus one row per action completed in the period that
 * only carries the action's lead time. $1 from, $2 to, $3 judgedAt = min(to, asOf). Deadlines,
 * actions and escalations come from their own narrow tables (ADR 0011), joined per case.
 */
const CONTRIBUTIONS = `
  rel AS MATERIALIZED (
    SELECT case_id, unit_id, type, reported_type, category, lagrum, channel, reported_at, closed_at, acknowledged_at, investigation_recorded_at,
           deviation_occurred, decided_at, serious, ivo_reported_at
      FROM rm_statistics_cases WHERE ${RELEVANT} AND ${OF_TYPES('$5')}
  ),
  dl AS (
    SELECT case_id,
           count(*) FILTER (WHERE ${IN('met_at')})::int AS met,
           count(*) FILTER (WHERE ${IN('missed_at')})::int AS missed,
           bool_or(due_at < $3 AND NOT coalesce(met_at <= $3, false)) AS overdue
      FROM rm_statistics_deadlines
     WHERE ${IN('met_at')} OR ${IN('missed_at')} OR (due_at < $3 AND NOT coalesce(met_at <= $3, false))
     GROUP BY case_id
  ),
  ac AS (
    SELECT case_id,
           count(*) FILTER (WHERE added_at < $2 AND NOT coalesce(completed_at < $2, false))::int AS open,
           count(*) FILTER (WHERE added_at < $2 AND NOT coalesce(completed_at < $2, false) AND due_at < $3 AND NOT coalesce(completed_at < $3, false))::int AS overdue,
           count(*) FILTER (WHERE ${IN('followed_up_at')} AND effective IS TRUE)::int AS effective,
           count(*) FILTER (WHERE ${IN('followed_up_at')} AND effective IS FALSE)::int AS ineffective
      FROM rm_statistics_actions
     WHERE (added_at < $2 AND NOT coalesce(completed_at < $2, false)) OR ${IN('followed_up_at')}
     GROUP BY case_id
  ),
  es AS (SELECT case_id, count(*)::int AS n FROM rm_statistics_escalations WHERE ${IN('at')} GROUP BY case_id),
  contrib AS MATERIALIZED (
    SELECT r.unit_id, r.type, coalesce(r.category, 'ej_angiven') AS category, coalesce(r.lagrum, 'ej_angiven') AS lagrum, r.channel,
      (r.reported_at >= $1)::int AS reported,
      (r.closed_at < $2)::int AS closed,
      (r.closed_at IS NULL OR r.closed_at >= $2)::int AS open,
      (r.reported_at < $3 AND (r.closed_at IS NULL OR r.closed_at >= $3) AND coalesce(dl.overdue, false))::int AS overdue,
      CASE WHEN r.closed_at < $2 THEN ${MS('r.closed_at', 'r.reported_at')} END AS lt_total,
      CASE WHEN ${IN('r.acknowledged_at')} THEN ${MS('r.acknowledged_at', 'r.reported_at')} END AS lt_acknowledgement,
      CASE WHEN ${IN('r.investigation_recorded_at')} THEN ${MS('r.investigation_recorded_at', 'r.reported_at')} END AS lt_investigation,
      CASE WHEN ${IN('r.decided_at')} AND r.investigation_recorded_at IS NOT NULL THEN greatest(0, ${MS('r.decided_at', 'r.investigation_recorded_at')}) END AS lt_decision,
      CASE WHEN ${IN('r.ivo_reported_at')} AND r.decided_at IS NOT NULL THEN greatest(0, ${MS('r.ivo_reported_at', 'r.decided_at')}) END AS lt_ivo_report,
      NULL::float8 AS lt_action,
      coalesce(dl.met, 0) AS deadlines_met, coalesce(dl.missed, 0) AS deadlines_missed,
      coalesce(es.n, 0) AS escalations,
      coalesce(ac.open, 0) AS actions_open, coalesce(ac.overdue, 0) AS actions_overdue,
      coalesce(ac.effective, 0) AS actions_effective, coalesce(ac.ineffective, 0) AS actions_ineffective,
      (r.reported_at >= $1 AND r.type = 'complaint')::int AS complaints_reported,
      (r.reported_at >= $1 AND r.type = 'complaint' AND r.investigation_recorded_at IS NOT NULL)::int AS complaints_investigated,
      (r.reported_at >= $1 AND r.type = 'complaint' AND r.deviation_occurred IS TRUE)::int AS complaints_deviation,
      (r.reported_at >= $1 AND 'lex_sarah' IN (r.type, r.reported_type)) AS sarah,
      (r.reported_at >= $1 AND 'lex_maria' IN (r.type, r.reported_type)) AS maria,
      r.investigation_recorded_at IS NOT NULL AS investigated, r.serious, r.ivo_reported_at IS NOT NULL AS notified
    FROM rel r LEFT JOIN dl USING (case_id) LEFT JOIN ac USING (case_id) LEFT JOIN es USING (case_id)
    UNION ALL
    SELECT r.unit_id, r.type, coalesce(r.category, 'ej_angiven'), coalesce(r.lagrum, 'ej_angiven'), r.channel,
      0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL,
      ${MS('a.completed_at', 'a.added_at')},
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, false, false, false, false
    FROM rel r JOIN rm_statistics_actions a USING (case_id)
    WHERE ${IN('a.completed_at')}
  ),
  paths AS (SELECT * FROM jsonb_to_recordset($4::jsonb) AS p(unit_id text, path text[]))`;

const LEAD_COLUMN: Readonly<Record<LeadTimeStage, string>> = {
  acknowledgement: 'lt_acknowledgement',
  investigation: 'lt_investigation',
  decision: 'lt_decision',
  ivo_report: 'lt_ivo_report',
  action: 'lt_action',
  total: 'lt_total',
};

const MEASURES = [
  'sum(reported)::int AS reported',
  'sum(closed)::int AS closed',
  'sum(open)::int AS open',
  'sum(overdue)::int AS overdue',
  ...LEAD_TIME_STAGES.flatMap((stage) => {
    const c = LEAD_COLUMN[stage];
    return [
      `count(${c})::int AS ${c}_n`,
      `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${c}) AS ${c}_p50`,
      `percentile_disc(0.9) WITHIN GROUP (ORDER BY ${c}) AS ${c}_p90`,
    ];
  }),
  'sum(deadlines_met)::int AS deadlines_met',
  'sum(deadlines_missed)::int AS deadlines_missed',
  'sum(escalations)::int AS escalations',
  'sum(actions_open)::int AS actions_open',
  'sum(actions_overdue)::int AS actions_overdue',
  'sum(actions_effective)::int AS actions_effective',
  'sum(actions_ineffective)::int AS actions_ineffective',
  'sum(complaints_reported)::int AS complaints_reported',
  'sum(complaints_investigated)::int AS complaints_investigated',
  'sum(complaints_deviation)::int AS complaints_deviation',
].join(', ');

const FUNNELS = ['sarah', 'maria']
  .flatMap((t) => [
    `count(*) FILTER (WHERE ${t})::int AS ${t}_reports`,
    `count(*) FILTER (WHERE ${t} AND investigated)::int AS ${t}_investigated`,
    `count(*) FILTER (WHERE ${t} AND serious)::int AS ${t}_serious`,
    `count(*) FILTER (WHERE ${t} AND notified)::int AS ${t}_notified`,
  ])
  .join(', ');

const KEY_COLUMN: Readonly<Record<Exclude<SqlDimension, 'unit'>, string>> = {
  type: 'c.type',
  category: 'c.category',
  lagrum: 'c.lagrum',
  channel: 'c.channel',
};

type AggregateRow = Record<string, string | number | null>;

const num = (v: string | number | null | undefined): number =>
  v === null || v === undefined ? 0 : Number(v);
const numOrNull = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

function aggregateOfRow(row: AggregateRow): StatisticsAggregate {
  const leadTimes = {} as Record<LeadTimeStage, { n: number; medianMs: number | null; p90Ms: number | null }>;
  for (const stage of LEAD_TIME_STAGES) {
    const c = LEAD_COLUMN[stage];
    leadTimes[stage] = {
      n: num(row[`${c}_n`]),
      medianMs: numOrNull(row[`${c}_p50`]),
      p90Ms: numOrNull(row[`${c}_p90`]),
    };
  }
  return {
    reported: num(row['reported']),
    closed: num(row['closed']),
    open: num(row['open']),
    overdue: num(row['overdue']),
    leadTimes,
    deadlinesMet: num(row['deadlines_met']),
    deadlinesMissed: num(row['deadlines_missed']),
    escalations: num(row['escalations']),
    actionsOpen: num(row['actions_open']),
    actionsOverdue: num(row['actions_overdue']),
    actionsEffective: num(row['actions_effective']),
    actionsIneffective: num(row['actions_ineffective']),
    complaintsReported: num(row['complaints_reported']),
    complaintsInvestigated: num(row['complaints_investigated']),
    complaintsDeviation: num(row['complaints_deviation']),
  };
}

function funnel(row: AggregateRow | undefined, t: 'sarah' | 'maria'): Funnel {
  return {
    reports: num(row?.[`${t}_reports`]),
    investigated: num(row?.[`${t}_investigated`]),
    serious: num(row?.[`${t}_serious`]),
    notifiedToIvo: num(row?.[`${t}_notified`]),
  };
}

/**
 * Each unit's path from the root of the tree (root first). A unit outside the tree stands alone:
 * its path is itself (`coalesce` in the SQL), as in `ReportUnitTree.selfAndAncestors`.
 */
function unitPaths(units: readonly ReportUnit[]): { json: string; depth: number } {
  const tree = new ReportUnitTree(units);
  const paths = units.map((u) => ({ unit_id: u.id, path: [...tree.selfAndAncestors(u.id)].reverse() }));
  return { json: JSON.stringify(paths), depth: Math.max(1, ...paths.map((p) => p.path.length)) };
}

/**
 * Rolling units up the tree without multiplying rows: each case carries its unit's path as columns
 * l0 (root) … l{depth-1}, and `ROLLUP(l0, …)` gives every prefix in one sort. A row of rollup level k
 * (l0…lk grouped, the rest rolled up) is the group of the unit at depth k — every case at or below
 * it; rows where that unit is absent (a case whose path is shorter) are left out by the HAVING.
 */
function unitRollup(depth: number): { columns: string; rollup: string; key: string; having: string } {
  const levels = Array.from({ length: depth }, (_, i) => `l${i}`);
  const columns = levels
    .map((l, i) => (i === 0 ? `coalesce(p.path[1], c.unit_id) AS l0` : `p.path[${i + 1}] AS ${l}`))
    .join(', ');
  // GROUPING(l0, …, l{d-1}) has its low bits set for the rolled-up (trailing) levels: 0 → level d-1, 1 → d-2, 3 → d-3, …
  const key = `CASE GROUPING(${levels.join(', ')}) ${levels.map((_, k) => `WHEN ${(1 << (depth - 1 - k)) - 1} THEN ${levels[k]}`).join(' ')} END`;
  return {
    columns,
    rollup: `ROLLUP(${levels.join(', ')})`,
    key,
    having: `GROUPING(l0) = 0 AND ${key} IS NOT NULL`,
  };
}

export interface PeriodAggregatesQuery {
  readonly from: Date;
  readonly to: Date;
  readonly asOf: Date;
  readonly units: readonly ReportUnit[];
  /** Each grouping gives its own list of groups (e.g. `[['unit'], ['type']]` for a period report). */
  readonly groupings: readonly (readonly SqlDimension[])[];
  /** Only cases of these types (the berättelser). */
  readonly types?: readonly CaseType[];
}

/**
 * Everything `computeStatistics` derives for [from, to), once without grouping (totals, funnels),
 * once per unit rolled up (reporting rate) and once per requested grouping — one statement, one scan.
 */
export async function aggregatePeriod(
  db: Queryable,
  query: PeriodAggregatesQuery,
): Promise<{ totals: StatisticsAggregates; groupings: StatisticsAggregates[] }> {
  // Set 1 (per unit, for the reporting rate) doubles as a requested ['unit'] grouping.
  const extra = query.groupings.filter((dims) => !(dims.length === 1 && dims[0] === 'unit'));
  const sets: (readonly SqlDimension[])[] = [[], ['unit'], ...extra];
  const { json: paths, depth } = unitPaths(query.units);
  const roll = unitRollup(depth);
  const selects = sets.map((dims, g) => {
    const others = dims.filter((d): d is Exclude<SqlDimension, 'unit'> => d !== 'unit');
    const keys = SQL_DIMENSIONS.map(
      (d) =>
        `${d === 'unit' ? (dims.includes('unit') ? roll.key : 'NULL::text') : others.includes(d) ? KEY_COLUMN[d] : 'NULL::text'} AS k_${d}`,
    ).join(', ');
    const measures = `${MEASURES}, ${FUNNELS}`;
    if (!dims.includes('unit')) {
      const groupBy = others.length > 0 ? ` GROUP BY ${others.map((d) => KEY_COLUMN[d]).join(', ')}` : '';
      return `SELECT ${g} AS g, ${keys}, ${measures} FROM contrib c${groupBy}`;
    }
    const from = `(SELECT c.*, ${roll.columns} FROM contrib c LEFT JOIN paths p ON p.unit_id = c.unit_id) c`;
    return `SELECT ${g} AS g, ${keys}, ${measures} FROM ${from} GROUP BY ${[...others.map((d) => KEY_COLUMN[d]), roll.rollup].join(', ')} HAVING ${roll.having}`;
  });
  const judgedAt = new Date(Math.min(query.to.getTime(), query.asOf.getTime()));
  const rows = rowsOf<AggregateRow & { g: number }>(
    await db.query(`WITH ${CONTRIBUTIONS} ${selects.join('\nUNION ALL\n')}`, [
      query.from.toISOString(),
      query.to.toISOString(),
      judgedAt.toISOString(),
      paths,
      query.types ? [...query.types] : null,
    ]),
  );
  const totalsRow = rows.find((r) => r.g === 0);
  const reportedByUnit = new Map(
    rows.filter((r) => r.g === 1).map((r) => [String(r['k_unit']), num(r['reported'])]),
  );
  const base = {
    totals: aggregateOfRow(totalsRow ?? {}),
    reportedByUnit,
    lexSarahFunnel: funnel(totalsRow, 'sarah'),
    lexMariaFunnel: funnel(totalsRow, 'maria'),
  };
  const groupsOf = (g: number, dims: readonly SqlDimension[]) =>
    rows
      .filter((r) => r.g === g)
      .map((r) => ({
        key: Object.fromEntries(dims.map((d) => [d, String(r[`k_${d}`])])),
        aggregate: aggregateOfRow(r),
      }));
  return {
    totals: { ...base, groups: [] },
    groupings: query.groupings.map((dims) => ({
      ...base,
      groups:
        dims.length === 1 && dims[0] === 'unit' ? groupsOf(1, dims) : groupsOf(2 + extra.indexOf(dims), dims),
    })),
  };
}

/** The columns of a case that every report line shows. */
interface CaseLineRow<Stage> {
  case_number: string;
  type: CaseType;
  unit_id: string;
  category: string | null;
  stage: Stage;
  reported_at: Date;
}

const caseLineOf = <Stage>(r: CaseLineRow<Stage>) => ({
  caseNumber: r.case_number,
  type: r.type,
  unitId: r.unit_id,
  category: r.category,
  stage: r.stage,
  reportedAt: r.reported_at.toISOString(),
});

interface LineRow extends CaseLineRow<PeriodLineSource['stage']> {
  outcome: PeriodLineSource['outcome'];
  serious: boolean;
  decided_at: Date | null;
  ivo_reported_at: Date | null;
}

const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

/** Only the columns and cases a period report's lines can show (`periodLinesOf` filters again). */
export async function periodLineSources(
  db: Queryable,
  kind: PeriodReportKind,
  from: Date,
  to: Date,
  types?: readonly CaseType[],
): Promise<PeriodLineSource[]> {
  const where =
    kind === 'meeting_report'
      ? `${IN('reported_at')} OR ${IN('ivo_reported_at')} OR ${IN('decided_at')}`
      : `(serious AND (${IN('decided_at')} OR ${IN('ivo_reported_at')})) OR ${IN('ivo_reported_at')}`;
  const rows = rowsOf<LineRow>(
    await db.query(
      `SELECT case_number, type, unit_id, category, stage, reported_at, outcome, serious, decided_at, ivo_reported_at FROM rm_statistics_cases
        WHERE ${RELEVANT} AND ${OF_TYPES('$3')} AND (${where})`,
      [from.toISOString(), to.toISOString(), types ? [...types] : null],
    ),
  );
  return rows.map((r) => ({
    ...caseLineOf(r),
    outcome: r.outcome,
    serious: r.serious,
    decidedAt: isoOrNull(r.decided_at),
    ivoReportedAt: isoOrNull(r.ivo_reported_at),
  }));
}

const OVERDUE_AT = (
  t: string,
) => `(c.reported_at < ${t} AND (c.closed_at IS NULL OR c.closed_at >= ${t}) AND EXISTS (
    SELECT 1 FROM rm_statistics_deadlines d WHERE d.case_id = c.case_id AND d.due_at < ${t} AND NOT coalesce(d.met_at <= ${t}, false)))`;

const TOTALS = (from: string, to: string, judged: string, p: string) => `
  count(*) FILTER (WHERE reported_at < ${to} AND (closed_at IS NULL OR closed_at >= ${from}) AND reported_at >= ${from})::int AS ${p}reported,
  count(*) FILTER (WHERE closed_at >= ${from} AND closed_at < ${to} AND reported_at < ${to})::int AS ${p}closed,
  count(*) FILTER (WHERE reported_at < ${to} AND (closed_at IS NULL OR closed_at >= ${to}))::int AS ${p}open,
  count(*) FILTER (WHERE reported_at < ${to} AND (closed_at IS NULL OR closed_at >= ${from}) AND ${OVERDUE_AT(judged)})::int AS ${p}overdue`;

/**
 * The weekly digest's figures (`composeWeeklyDigest`) in three statements: the week's and the week
 * before's totals with the lex Sarah/Maria, IVO, action and escalation counts; the week's reports per
 * type, unit and category; the de-identified lines. $1/$2/$3 the week and its judging instant,
 * $4/$5/$6 the week before. With `lineLimit` (Översikt on a phone, issue 21) the database orders the
 * lines — overdue first, then the newest — and sends only that many, with how many there are.
 */
export async function aggregateWeek(
  db: Queryable,
  w: {
    from: number;
    to: number;
    judgedAt: number;
    previousFrom: number;
    previousTo: number;
    previousJudgedAt: number;
  },
  options: { lineLimit?: number } = {},
): Promise<WeeklyDigestParts & { linesTotal: number }> {
  const iso = (t: number) => new Date(t).toISOString();
  const week = [iso(w.from), iso(w.to), iso(w.judgedAt)];
  const relevant = RELEVANT;
  const [scalarRows, reportedRows, lineRows] = await Promise.all([
    db.query(
      `SELECT ${TOTALS('$1', '$2', '$3', '')}, ${TOTALS('$4', '$5', '$6', 'prev_')},
         count(*) FILTER (WHERE ${relevant} AND type = 'lex_sarah' AND (closed_at IS NULL OR closed_at >= $2))::int AS open_sarah,
         count(*) FILTER (WHERE ${relevant} AND type = 'lex_maria' AND (closed_at IS NULL OR closed_at >= $2))::int AS open_maria,
         count(*) FILTER (WHERE ${relevant} AND serious AND decided_at < $2 AND NOT coalesce(ivo_reported_at < $2, false))::int AS awaiting_ivo,
         count(*) FILTER (WHERE ${relevant} AND ${IN('ivo_reported_at')})::int AS notified_ivo,
         (SELECT count(*) FROM rm_statistics_actions a JOIN rm_statistics_cases r USING (case_id)
           WHERE r.reported_at < $2 AND (r.closed_at IS NULL OR r.closed_at >= $1)
             AND a.added_at < $3 AND NOT coalesce(a.completed_at < $3, false) AND a.due_at < $3)::int AS overdue_actions,
         (SELECT count(*) FROM rm_statistics_escalations e JOIN rm_statistics_cases r USING (case_id)
           WHERE r.reported_at < $2 AND (r.closed_at IS NULL OR r.closed_at >= $1) AND ${IN('e.at')})::int AS escalations
         FROM rm_statistics_cases c WHERE reported_at < $2 AND (closed_at IS NULL OR closed_at >= $4)`,
      [...week, iso(w.previousFrom), iso(w.previousTo), iso(w.previousJudgedAt)],
    ),
    db.query(
      `SELECT type, unit_id, category, count(*)::int AS n FROM rm_statistics_cases WHERE ${IN('reported_at')} AND (closed_at IS NULL OR closed_at >= $1) GROUP BY type, unit_id, category`,
      week.slice(0, 2),
    ),
    db.query(
      `SELECT case_number, type, unit_id, category, stage, reported_at, overdue, count(*) OVER ()::int AS total FROM (
         SELECT case_number, type, unit_id, category, stage, reported_at, reported_at >= $1 AS in_week, ${OVERDUE_AT('$3')} AS overdue
           FROM rm_statistics_cases c WHERE ${relevant}) x
        WHERE in_week OR overdue
        ${options.lineLimit === undefined ? '' : 'ORDER BY overdue DESC, reported_at DESC, case_number COLLATE "C" DESC LIMIT greatest($4::int, 1)'}`,
      options.lineLimit === undefined ? week : [...week, options.lineLimit],
    ),
  ]);
  const s = rowsOf<Record<string, number>>(scalarRows)[0] ?? {};
  const totals = (p: string): DigestTotals => ({
    reported: num(s[`${p}reported`]),
    closed: num(s[`${p}closed`]),
    open: num(s[`${p}open`]),
    overdue: num(s[`${p}overdue`]),
  });
  const lineRowsRead = rowsOf<CaseLineRow<DigestLine['stage']> & { overdue: boolean; total: number }>(
    lineRows,
  );
  // LIMIT 0 would also hide the total, so one row is read and left out.
  const lines: DigestLine[] = lineRowsRead
    .slice(0, options.lineLimit ?? lineRowsRead.length)
    .map((r) => ({ ...caseLineOf(r), overdue: r.overdue }));
  return {
    totals: totals(''),
    previousTotals: totals('prev_'),
    reported: rowsOf<{ type: CaseType; unit_id: string; category: string | null; n: number }>(
      reportedRows,
    ).map((r) => ({ type: r.type, unitId: r.unit_id, category: r.category, n: r.n })),
    lexOpen: { lex_sarah: num(s['open_sarah']), lex_maria: num(s['open_maria']) },
    awaitingIvo: num(s['awaiting_ivo']),
    notifiedToIvo: num(s['notified_ivo']),
    overdueActions: num(s['overdue_actions']),
    escalations: num(s['escalations']),
    lines,
    linesTotal: num(lineRowsRead[0]?.total),
  };
}

/** The berättelse's own rows: the lex Maria lines touching the year and the external findings reported in it. */
export async function berattelseSources(
  db: Queryable,
  from: Date,
  to: Date,
): Promise<{ mariaLines: BerattelseLine[]; externalInYear: number }> {
  const params = [from.toISOString(), to.toISOString()];
  const [maria, external] = await Promise.all([
    db.query(
      `SELECT case_number, reported_at, ivo_reported_at FROM rm_statistics_cases WHERE ${RELEVANT} AND 'lex_maria' IN (type, reported_type)`,
      params,
    ),
    db.query(
      `SELECT count(*)::int AS n FROM rm_statistics_cases WHERE ${RELEVANT} AND type = 'external_finding' AND ${IN('reported_at')}`,
      params,
    ),
  ]);
  const mariaLines = rowsOf<{ case_number: string; reported_at: Date; ivo_reported_at: Date | null }>(maria)
    .map((r) => ({
      caseNumber: r.case_number,
      reportedAt: r.reported_at.toISOString(),
      ivoReportedAt: isoOrNull(r.ivo_reported_at),
    }))
    .sort(byReportTime);
  return { mariaLines, externalInYear: num(rowsOf<{ n: number }>(external)[0]?.n) };
}
