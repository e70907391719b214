import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Improvement work (ADR 0007): the list read model of proposals, improvement actions and lessons,
 * projected from the `improvement` events (the detail is read from the event store).
 */
export class Improvement1764110100000 implements MigrationInterface {
  name = 'Improvement1764110100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_improvements (
        id              uuid PRIMARY KEY,
        kind            text NOT NULL CHECK (kind IN ('proposal', 'action', 'lesson')),
        reference       text NOT NULL,
        unit_id         text NOT NULL,
        target_unit_ids text[] NOT NULL DEFAULT '{}',
        stage           text NOT NULL,
        title           text NOT NULL,
        proposer        text,
        owner           text,
        due_at          timestamptz,
        created_at      timestamptz NOT NULL,
        version         integer NOT NULL,
        view            jsonb NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX rm_improvements_kind_idx ON rm_improvements (kind, created_at DESC)`);
    await q.query(`CREATE INDEX rm_improvements_proposer_idx ON rm_improvements (proposer)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rm_improvements`);
  }
}
