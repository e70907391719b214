import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `retention_log`: one row per erased case (DATA-2, DATA-7, ADR 0027), written in the transaction of
 * the erasure with its `CaseErased` event, so the log is read without scanning the event store. The
 * primary key makes a second erasure of the same case impossible to log twice.
 */
export class RetentionLog1764200000000 implements MigrationInterface {
  name = 'RetentionLog1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE retention_log (
        case_id uuid PRIMARY KEY,
        case_number text NOT NULL,
        case_type text NOT NULL,
        unit_id text NOT NULL,
        rule jsonb NOT NULL,
        due_on date NOT NULL,
        erased_at timestamptz NOT NULL,
        erased_by text NOT NULL,
        event_id uuid NOT NULL
      )`);
    await q.query(`CREATE INDEX retention_log_erased_at_idx ON retention_log (erased_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retention_log`);
  }
}
