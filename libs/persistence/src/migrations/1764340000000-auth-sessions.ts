import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web app's sign-in sessions (issue 21, ADR 0043). The browser holds only a random id in an
 * httpOnly cookie; the row is found by its SHA-256, and the identity provider's tokens are kept
 * sealed (AES-256-GCM), never sent to the browser.
 */
export class AuthSessions1764340000000 implements MigrationInterface {
  name = 'AuthSessions1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_sessions (
        session_key        text PRIMARY KEY,
        username           text NOT NULL,
        sealed_tokens      text NOT NULL,
        access_expires_at  timestamptz NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        last_activity_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX auth_sessions_last_activity ON auth_sessions (last_activity_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS auth_sessions`);
  }
}
