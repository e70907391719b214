import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approved reports are frozen versions (REP-1, DATA-6, ADR 0038): each approval appends a row that
 * keeps the data, document, HTML and PDF as approved, with who and when. The database refuses to
 * change or delete one, as it does for the events. Presenting a version at a meeting is a row of its
 * own, append-only as well, so the frozen version is never touched again.
 */
export class ReportVersions1764290000000 implements MigrationInterface {
  name = 'ReportVersions1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_versions (
        id              bigserial PRIMARY KEY,
        report_key      text NOT NULL,
        version         integer NOT NULL CHECK (version > 0),
        kind            text NOT NULL,
        scope           text NOT NULL,
        label           text NOT NULL,
        period_from     timestamptz NOT NULL,
        period_to       timestamptz NOT NULL,
        data            jsonb NOT NULL,
        document        jsonb NOT NULL,
        narratives      jsonb NOT NULL,
        html            text NOT NULL,
        pdf             bytea NOT NULL,
        content_hash    text NOT NULL,
        approved_by     text NOT NULL,
        approved_by_name text NOT NULL,
        approved_at     timestamptz NOT NULL,
        UNIQUE (report_key, version)
      )`);
    await q.query(`
      CREATE TABLE report_presentations (
        id            bigserial PRIMARY KEY,
        report_key    text NOT NULL,
        version       integer NOT NULL,
        meeting       text NOT NULL,
        reference     text NOT NULL,
        presented_by  text NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (report_key, version, meeting),
        FOREIGN KEY (report_key, version) REFERENCES report_versions (report_key, version)
      )`);
    for (const table of ['report_versions', 'report_presentations']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS report_presentations`);
    await q.query(`DROP TABLE IF EXISTS report_versions`);
  }
}
