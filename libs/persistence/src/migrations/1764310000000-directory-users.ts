import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people the identity provider has vouched for (issue 21, "People"): upserted when a user signs
 * in through OIDC, with the name, roles and units of the claims, so that the user directory and the
 * checks of assignees and owners know them beside the organisation file's users. Names only, no
 * free text.
 */
export class DirectoryUsers1764310000000 implements MigrationInterface {
  name = 'DirectoryUsers1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_users (
        username text PRIMARY KEY,
        name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        unit_ids text[] NOT NULL DEFAULT '{}',
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE directory_users`);
  }
}
