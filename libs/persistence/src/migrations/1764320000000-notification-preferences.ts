import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each person's choice of mail for their notifications (issue 21, "Notifications"): `immediately`
 * (the default, also for anyone without a row), `daily_summary` (one mail a day with the day's
 * items) or `off` (the bell only). The bell (`user_notifications`) is written whatever the choice.
 */
export class NotificationPreferences1764320000000 implements MigrationInterface {
  name = 'NotificationPreferences1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS notification_preferences (
        username   text PRIMARY KEY,
        mail       text NOT NULL CHECK (mail IN ('immediately', 'daily_summary', 'off')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS user_notifications_unread_idx ON user_notifications (username) WHERE read_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS user_notifications_unread_idx`);
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
  }
}
