import type {
  CaseChannel,
  CaseOutcome,
  CaseStage,
  CaseType,
  MonthlyCount,
  StatisticsCaseFact,
} from '@kvalitet/domain';
import { rowsOf } from '@kvalitet/persistence';

/** typeorm's DataSource / EntityManager and pg's Pool all fit. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

interface FactRow {
  case_id: string;
  case_number: string;
  type: CaseType;
  reported_type: CaseType;
  unit_id: string;
  category: string | null;
  lagrum: string | null;
  channel: CaseChannel;
  stage: CaseStage;
  reported_at: Date;
  closed_at: Date | null;
  acknowledged_at: Date | null;
  investigation_recorded_at: Date | null;
  deviation_occurred: boolean | null;
  decided_at: Date | null;
  outcome: CaseOutcome | null;
  serious: boolean;
  ivo_reported_at: Date | null;
  escalations: string[];
  deadlines: StatisticsCaseFact['deadlines'];
  actions: StatisticsCaseFact['actions'];
  version: number;
}

const CHUNK = 2000;
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function toFact(r: FactRow): StatisticsCaseFact {
  return {
    caseId: r.case_id,
    caseNumber: r.case_number,
    type: r.type,
    reportedType: r.reported_type,
    unitId: r.unit_id,
    category: r.category,
    lagrum: r.lagrum,
    channel: r.channel,
    stage: r.stage,
    reportedAt: r.reported_at.toISOString(),
    closedAt: iso(r.closed_at),
    acknowledgedAt: iso(r.acknowledged_at),
    investigationRecordedAt: iso(r.investigation_recorded_at),
    deviationOccurred: r.deviation_occurred,
    decidedAt: iso(r.decided_at),
    outcome: r.outcome,
    serious: r.serious,
    ivoReportedAt: iso(r.ivo_reported_at),
    escalations: r.escalations,
    deadlines: r.deadlines,
    actions: r.actions,
    version: r.version,
  };
}

function toRow(f: StatisticsCaseFact): Record<string, unknown> {
  return {
    case_id: f.caseId,
    case_number: f.caseNumber,
    type: f.type,
    reported_type: f.reportedType,
    unit_id: f.unitId,
    category: f.category,
    lagrum: f.lagrum,
    channel: f.channel,
    stage: f.stage,
    reported_at: f.reportedAt,
    closed_at: f.closedAt,
    acknowledged_at: f.acknowledgedAt,
    investigation_recorded_at: f.investigationRecordedAt,
    deviation_occurred: f.deviationOccurred,
    decided_at: f.decidedAt,
    outcome: f.outcome,
    serious: f.serious,
    ivo_reported_at: f.ivoReportedAt,
    escalations: f.escalations,
    deadlines: f.deadlines,
    actions: f.actions,
    version: f.version,
  };
}

/**
 * The deadlines, actions and escalations of the cases in $1 as rows of their own (migration
 * 1764150000000, ADR 0011), derived from the stored row's jsonb so they always match it.
 */
const TIMELINE_SQL = [
  `INSERT INTO rm_statistics_deadlines (case_id, due_at, met_at, missed_at)
   SELECT c.case_id, (d->>'dueAt')::timestamptz, (d->>'metAt')::timestamptz, (d->>'missedAt')::timestamptz
     FROM rm_statistics_cases c CROSS JOIN LATERAL jsonb_array_elements(c.deadlines) d
    WHERE c.case_id = ANY($1::uuid[]) AND d->>'status' <> 'cancelled'`,
  `INSERT INTO rm_statistics_actions (case_id, added_at, due_at, completed_at, followed_up_at, effective)
   SELECT c.case_id, (a->>'addedAt')::timestamptz, (a->>'dueAt')::timestamptz, (a->>'completedAt')::timestamptz,
          (a->>'followedUpAt')::timestamptz, (a->>'effective')::boolean
     FROM rm_statistics_cases c CROSS JOIN LATERAL jsonb_array_elements(c.actions) a
    WHERE c.case_id = ANY($1::uuid[])`,
  `INSERT INTO rm_statistics_escalations (case_id, at)
   SELECT c.case_id, e::timestamptz FROM rm_statistics_cases c CROSS JOIN LATERAL jsonb_array_elements_text(c.escalations) e
    WHERE c.case_id = ANY($1::uuid[])`,
];
const TIMELINE_TABLES = ['rm_statistics_deadlines', 'rm_statistics_actions', 'rm_statistics_escalations'];

/** The statistics read model `rm_statistics_cases` (ADR 0006): one pseudonymised fact per case. */
export const statisticsStore = {
  async upsert(db: Queryable, facts: readonly StatisticsCaseFact[]): Promise<void> {
    for (let i = 0; i < facts.length; i += CHUNK) {
      const chunk = facts.slice(i, i + CHUNK).map(toRow);
      await db.query(
        `INSERT INTO rm_statistics_cases
         SELECT * FROM jsonb_populate_recordset(NULL::rm_statistics_cases, $1::jsonb)
         ON CONFLICT (case_id) DO UPDATE SET
           case_number = EXCLUDED.case_number, type = EXCLUDED.type, reported_type = EXCLUDED.reported_type, unit_id = EXCLUDED.unit_id,
           category = EXCLUDED.category, lagrum = EXCLUDED.lagrum, channel = EXCLUDED.channel, stage = EXCLUDED.stage,
           reported_at = EXCLUDED.reported_at, closed_at = EXCLUDED.closed_at, acknowledged_at = EXCLUDED.acknowledged_at,
           investigation_recorded_at = EXCLUDED.investigation_recorded_at, deviation_occurred = EXCLUDED.deviation_occurred,
           decided_at = EXCLUDED.decided_at, outcome = EXCLUDED.outcome, serious = EXCLUDED.serious, ivo_reported_at = EXCLUDED.ivo_reported_at,
           escalations = EXCLUDED.escalations, deadlines = EXCLUDED.deadlines, actions = EXCLUDED.actions, version = EXCLUDED.version
         WHERE rm_statistics_cases.version <= EXCLUDED.version`,
        [JSON.stringify(chunk)],
      );
      const ids = chunk.map((r) => r['case_id']);
      for (const table of TIMELINE_TABLES)
        await db.query(`DELETE FROM ${table} WHERE case_id = ANY($1::uuid[])`, [ids]);
      for (const sql of TIMELINE_SQL) await db.query(sql, [ids]);
    }
  },

  /** Locks out the live consumer until the transaction ends, then empties the model (rebuild). */
  async lockAndClear(db: Queryable): Promise<void> {
    await db.query(`LOCK TABLE rm_statistics_cases IN EXCLUSIVE MODE`);
    await db.query(`DELETE FROM rm_statistics_cases`);
    for (const table of TIMELINE_TABLES) await db.query(`DELETE FROM ${table}`);
  },

  /** The facts of every case that touches [from, to): reported before its end and not closed before its start. */
  async loadRelevant(db: Queryable, from: Date, to: Date): Promise<StatisticsCaseFact[]> {
    const rows = rowsOf<FactRow>(
      await db.query(
        `SELECT * FROM rm_statistics_cases WHERE reported_at < $2 AND (closed_at IS NULL OR closed_at >= $1)`,
        [from.toISOString(), to.toISOString()],
      ),
    );
    return rows.map(toFact);
  },

  async loadByCase(db: Queryable, caseIds: readonly string[]): Promise<StatisticsCaseFact[]> {
    const rows = rowsOf<FactRow>(
      await db.query(`SELECT * FROM rm_statistics_cases WHERE case_id = ANY($1::uuid[])`, [caseIds]),
    );
    return rows.map(toFact);
  },

  /** Reported and closed per Stockholm month over [from, to) — the same as `monthlyCountsOf` over the facts. */
  async monthlyCounts(
    db: Queryable,
    from: Date,
    to: Date,
    types?: readonly CaseType[],
  ): Promise<MonthlyCount[]> {
    const rows = rowsOf<{ month: string; reported: string; closed: string }>(
      await db.query(
        `WITH r AS (
           SELECT to_char(reported_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*) AS n FROM rm_statistics_cases
            WHERE reported_at >= $1 AND reported_at < $2 AND ($3::text[] IS NULL OR type = ANY($3) OR reported_type = ANY($3)) GROUP BY 1),
         c AS (
           SELECT to_char(closed_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*) AS n FROM rm_statistics_cases
            WHERE closed_at >= $1 AND closed_at < $2 AND ($3::text[] IS NULL OR type = ANY($3) OR reported_type = ANY($3)) GROUP BY 1)
         SELECT coalesce(r.month, c.month) AS month, coalesce(r.n, 0) AS reported, coalesce(c.n, 0) AS closed
           FROM r FULL JOIN c ON r.month = c.month ORDER BY 1`,
        [from.toISOString(), to.toISOString(), types ? [...types] : null],
      ),
    );
    return rows.map((r) => ({ month: r.month, reported: Number(r.reported), closed: Number(r.closed) }));
  },

  async count(db: Queryable): Promise<number> {
    const rows = rowsOf<{ n: string }>(await db.query(`SELECT count(*) AS n FROM rm_statistics_cases`));
    return Number(rows[0]?.n ?? 0);
  },
};
