import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models built by the projector from Kafka. They hold nothing that is not in the event store
 * and can be dropped and rebuilt at any time (`npm run rebuild-read-models`).
 */
export class ReadModels1764090100000 implements MigrationInterface {
  name = 'ReadModels1764090100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_cases (
        id              uuid PRIMARY KEY,
        case_number     text NOT NULL UNIQUE,
        type            text NOT NULL,
        reported_type   text NOT NULL,
        unit_id         text NOT NULL,
        stage           text NOT NULL,
        channel         text NOT NULL,
        unclassified    boolean NOT NULL,
        category        text,
        reported_at     timestamptz NOT NULL,
        occurred_at     timestamptz,
        reported_by     text,
        assignee        text,
        description     text,
        next_due_at     timestamptz,
        missed_deadlines integer NOT NULL DEFAULT 0,
        version         integer NOT NULL,
        closed_at       timestamptz,
        state           jsonb NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX rm_cases_unit_idx ON rm_cases (unit_id, reported_at DESC)`);
    await q.query(`CREATE INDEX rm_cases_type_stage_idx ON rm_cases (type, stage)`);
    await q.query(`CREATE INDEX rm_cases_reported_by_idx ON rm_cases (reported_by)`);

    await q.query(`
      CREATE TABLE rm_tasks (
        id              uuid PRIMARY KEY,
        case_id         uuid NOT NULL,
        case_number     text NOT NULL,
        case_type       text NOT NULL,
        kind            text NOT NULL,
        assignee        text,
        assignee_role   text,
        unit_id         text NOT NULL,
        due_at          timestamptz,
        deadline_id     text,
        action_id       text,
        status          text NOT NULL CHECK (status IN ('open', 'done')),
        created_at      timestamptz NOT NULL,
        completed_at    timestamptz
      )`);
    await q.query(`CREATE INDEX rm_tasks_assignee_idx ON rm_tasks (assignee, status)`);
    await q.query(`CREATE INDEX rm_tasks_role_idx ON rm_tasks (assignee_role, unit_id, status)`);
    await q.query(`CREATE INDEX rm_tasks_case_idx ON rm_tasks (case_id)`);

    await q.query(`
      CREATE TABLE rm_case_counters (
        unit_id   text NOT NULL,
        type      text NOT NULL,
        month     text NOT NULL,
        reported  integer NOT NULL DEFAULT 0,
        closed    integer NOT NULL DEFAULT 0,
        deadlines_missed integer NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, type, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rm_case_counters`);
    await q.query(`DROP TABLE IF EXISTS rm_tasks`);
    await q.query(`DROP TABLE IF EXISTS rm_cases`);
  }
}
