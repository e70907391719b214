import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `user_notifications`: in-app notices to one user, read in the web after signing in
 * (`GET /notifications/in-app`). One row per `key` (the event or occasion that gave rise to it), so a
 * retried delivery writes nothing twice. First use: the outcome of a deviation told to the staff
 * member who reported it (IMP-8).
 */
export class UserNotifications1764191000000 implements MigrationInterface {
  name = 'UserNotifications1764191000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS user_notifications (
        key         text PRIMARY KEY,
        username    text NOT NULL,
        kind        text NOT NULL,
        case_id     uuid,
        case_number text,
        title       text NOT NULL,
        body        text NOT NULL,
        details     jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at  timestamptz NOT NULL DEFAULT now(),
        read_at     timestamptz
      )`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS user_notifications_username_idx ON user_notifications (username, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS user_notifications`);
  }
}
