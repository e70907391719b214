import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read model of the ledningssystem's registers (routines, egenkontroll plans, internkontroll,
 * appointments, training records, the ledningssystem document): one row per aggregate with its
 * folded state, built by the projector and rebuildable from the event store (ADR 0008). Their tasks
 * go to `rm_tasks` with `case_type` = the aggregate type.
 */
export class LedningssystemReadModels1764120000000 implements MigrationInterface {
  name = 'LedningssystemReadModels1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_ledningssystem (
        id              uuid PRIMARY KEY,
        aggregate_type  text NOT NULL,
        unit_id         text NOT NULL,
        label           text NOT NULL,
        status          text NOT NULL,
        version         integer NOT NULL,
        state           jsonb NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX rm_ledningssystem_type_unit_idx ON rm_ledningssystem (aggregate_type, unit_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rm_ledningssystem`);
  }
}
