import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics read model's deadlines, actions and escalations as rows of their own (issue 7,
 * speed; ADR 0011): the period reports count them in SQL, and set-based joins on these narrow tables
 * are an order of magnitude cheaper than unpacking each case's jsonb arrays row by row. The jsonb
 * columns stay (the pure path and `loadRelevant` read them); these tables are derived from them on
 * every write, so they can be rebuilt like the rest of the model. Cancelled deadlines are left out:
 * no measure counts them.
 */
export class StatisticsTimelines1764150000000 implements MigrationInterface {
  name = 'StatisticsTimelines1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE rm_statistics_deadlines (case_id uuid NOT NULL, due_at timestamptz NOT NULL, met_at timestamptz, missed_at timestamptz)`,
    );
    await q.query(`CREATE INDEX rm_statistics_deadlines_case_idx ON rm_statistics_deadlines (case_id)`);
    await q.query(`
      CREATE TABLE rm_statistics_actions (
        case_id uuid NOT NULL, added_at timestamptz NOT NULL, due_at timestamptz NOT NULL,
        completed_at timestamptz, followed_up_at timestamptz, effective boolean)`);
    await q.query(`CREATE INDEX rm_statistics_actions_case_idx ON rm_statistics_actions (case_id)`);
    await q.query(`CREATE TABLE rm_statistics_escalations (case_id uuid NOT NULL, at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX rm_statistics_escalations_at_idx ON rm_statistics_escalations (at)`);
    await q.query(STATISTICS_TIMELINE_SQL.deadlines, [null]);
    await q.query(STATISTICS_TIMELINE_SQL.actions, [null]);
    await q.query(STATISTICS_TIMELINE_SQL.escalations, [null]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rm_statistics_escalations`);
    await q.query(`DROP TABLE IF EXISTS rm_statistics_actions`);
    await q.query(`DROP TABLE IF EXISTS rm_statistics_deadlines`);
  }
}

/** Fills the timeline tables from the facts' jsonb (libs/reporting's store does the same on every write). */
const STATISTICS_TIMELINE_SQL = {
  deadlines: `
    INSERT INTO rm_statistics_deadlines (case_id, due_at, met_at, missed_at)
    SELECT c.case_id, (d->>'dueAt')::timestamptz, (d->>'metAt')::timestamptz, (d->>'missedAt')::timestamptz
      FROM rm_statistics_cases c CROSS JOIN LATERAL jsonb_array_elements(c.deadlines) d
     WHERE ($1::uuid[] IS NULL OR c.case_id = ANY($1::uuid[])) AND d->>'status' <> 'cancelled'`,
  actions: `
    INSERT INTO rm_statistics_actions (case_id, added_at, due_at, completed_at, followed_up_at, effective)
    SELECT c.case_id, (a->>'addedAt')::timestamptz, (a->>'dueAt')::timestamptz, (a->>'completedAt')::timestamptz,
           (a->>'followedUpAt')::timestamptz, (a->>'effective')::boolean
      FROM rm_statistics_cases c CROSS JOIN LATERAL jsonb_array_elements(c.actions) a
     WHERE ($1::uuid[] IS NULL OR c.case_id = ANY($1::uuid[]))`,
  escalations: `
    INSERT INTO rm_statistics_escalations (case_id, at)
    SELECT c.case_id, e::timestamptz
      FROM rm_statistics_cases c CROSS JOIN LATERAL jsonb_array_elements_text(c.escalations) e
     WHERE ($1::uuid[] IS NULL OR c.case_id = ANY($1::uuid[]))`,
} as const;
