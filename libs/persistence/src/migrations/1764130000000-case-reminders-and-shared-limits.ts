import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - `case_reminders`: the in-app delivery of deadline reminders (DeadlineReminderSent), one row per
 *   reminder and recipient, read by `GET /reminders` with the task inbox's visibility rule.
 * - `idempotency_keys`: the id of the resource a claimed request creates is chosen when the key is
 *   claimed, and a claim holds a lease (`locked_until`). A retry after the claimer died takes the
 *   claim over and runs again with the same id; the event store's unique (aggregate_id, version)
 *   makes that at most one case, whose answer is rebuilt (ADR 0009).
 * - `rate_limit_windows`: fixed-window counters shared by every api instance (public feedback).
 */
export class CaseRemindersAndSharedLimits1764130000000 implements MigrationInterface {
  name = 'CaseRemindersAndSharedLimits1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_reminders (
        id                 bigserial PRIMARY KEY,
        reminder_id        uuid NOT NULL,
        recipient          text NOT NULL,
        recipient_username text,
        recipient_role     text,
        unit_id            text,
        case_id            uuid NOT NULL,
        case_number        text NOT NULL,
        deadline_id        uuid NOT NULL,
        kind               text NOT NULL,
        due_at             timestamptz NOT NULL,
        reminder_when      text NOT NULL CHECK (reminder_when IN ('before', 'missed')),
        created_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (reminder_id, recipient),
        CHECK (recipient_username IS NOT NULL OR (recipient_role IS NOT NULL AND unit_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX case_reminders_username_idx ON case_reminders (recipient_username, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX case_reminders_role_idx ON case_reminders (recipient_role, unit_id, created_at DESC)`,
    );

    await q.query(
      `ALTER TABLE idempotency_keys ADD COLUMN aggregate_id uuid, ADD COLUMN locked_until timestamptz`,
    );

    await q.query(`
      CREATE TABLE rate_limit_windows (
        bucket       text NOT NULL,
        window_start timestamptz NOT NULL,
        hits         integer NOT NULL,
        PRIMARY KEY (bucket, window_start)
      )`);
    await q.query(`CREATE INDEX rate_limit_windows_start_idx ON rate_limit_windows (window_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rate_limit_windows`);
    await q.query(
      `ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS aggregate_id, DROP COLUMN IF EXISTS locked_until`,
    );
    await q.query(`DROP TABLE IF EXISTS case_reminders`);
  }
}
