import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics read model (one pseudonymised row per case: classification, unit, timestamps,
 * deadlines and actions, never a name, free text or username) and the archive of generated reports
 * (one row per report period: a re-run replaces it). Both can be rebuilt: the first from the event
 * store, the second by running the report again.
 */
export class StatisticsAndReports1764100100000 implements MigrationInterface {
  name = 'StatisticsAndReports1764100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_statistics_cases (
        case_id                   uuid PRIMARY KEY,
        case_number               text NOT NULL,
        type                      text NOT NULL,
        reported_type             text NOT NULL,
        unit_id                   text NOT NULL,
        category                  text,
        lagrum                    text,
        channel                   text NOT NULL,
        stage                     text NOT NULL,
        reported_at               timestamptz NOT NULL,
        closed_at                 timestamptz,
        acknowledged_at           timestamptz,
        investigation_recorded_at timestamptz,
        deviation_occurred        boolean,
        decided_at                timestamptz,
        outcome                   text,
        serious                   boolean NOT NULL,
        ivo_reported_at           timestamptz,
        escalations               jsonb NOT NULL,
        deadlines                 jsonb NOT NULL,
        actions                   jsonb NOT NULL,
        version                   integer NOT NULL
      )`);
    await q.query(`CREATE INDEX rm_statistics_cases_reported_idx ON rm_statistics_cases (reported_at)`);
    await q.query(
      `CREATE INDEX rm_statistics_cases_open_idx ON rm_statistics_cases (reported_at) WHERE closed_at IS NULL`,
    );
    await q.query(`CREATE INDEX rm_statistics_cases_closed_idx ON rm_statistics_cases (closed_at)`);

    await q.query(`
      CREATE TABLE generated_reports (
        report_key    text PRIMARY KEY,
        kind          text NOT NULL,
        label         text NOT NULL,
        period_from   timestamptz NOT NULL,
        period_to     timestamptz NOT NULL,
        data          jsonb NOT NULL,
        document      jsonb NOT NULL,
        html          text NOT NULL,
        pdf           bytea NOT NULL,
        generation    integer NOT NULL DEFAULT 1,
        generated_at  timestamptz NOT NULL,
        workflow_id   text
      )`);
    await q.query(`CREATE INDEX generated_reports_kind_idx ON generated_reports (kind, period_from DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS generated_reports`);
    await q.query(`DROP TABLE IF EXISTS rm_statistics_cases`);
  }
}
