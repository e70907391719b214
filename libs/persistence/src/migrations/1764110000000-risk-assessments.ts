import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk assessments (ADR 0007): the list read model `rm_risk_assessments` (projected from the
 * `risk_assessment` events; the detail is read from the event store), the compact deviation index
 * the pattern rule runs over (`rm_deviation_index`, projected from case events) and the log of
 * pattern proposals (`risk_pattern_proposals`, written in the same transaction as the proposal's
 * events, so the cooldown holds under redelivery; not a read model, never emptied by a rebuild).
 */
export class RiskAssessments1764110000000 implements MigrationInterface {
  name = 'RiskAssessments1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_risk_assessments (
        id                uuid PRIMARY KEY,
        reference         text NOT NULL,
        title             text NOT NULL,
        unit_id           text NOT NULL,
        trigger           text NOT NULL,
        stage             text NOT NULL,
        owner             text,
        risk_count        integer NOT NULL,
        max_score         integer,
        max_level         text,
        current_max_score integer,
        open_actions      integer NOT NULL,
        missed_actions    integer NOT NULL,
        next_due_at       timestamptz,
        pattern_key       text,
        created_at        timestamptz NOT NULL,
        closed_at         timestamptz,
        version           integer NOT NULL,
        view              jsonb NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX rm_risk_assessments_unit_idx ON rm_risk_assessments (unit_id, created_at DESC)`,
    );

    await q.query(`
      CREATE TABLE rm_deviation_index (
        case_id     uuid PRIMARY KEY,
        unit_id     text NOT NULL,
        case_type   text NOT NULL,
        category    text,
        at          timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX rm_deviation_index_group_idx ON rm_deviation_index (case_type, category, at)`,
    );

    await q.query(`
      CREATE TABLE risk_pattern_proposals (
        pattern_key    text NOT NULL,
        proposed_at    timestamptz NOT NULL,
        assessment_id  uuid NOT NULL,
        PRIMARY KEY (pattern_key, proposed_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS risk_pattern_proposals`);
    await q.query(`DROP TABLE IF EXISTS rm_deviation_index`);
    await q.query(`DROP TABLE IF EXISTS rm_risk_assessments`);
  }
}
