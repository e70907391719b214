import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reason a reader gave for reading the free text of a case with protected identity (DATA-2,
 * DATA-5, ADR 0029). Null for every other read. A nullable column without a default rewrites no row,
 * so the append-only triggers are not involved.
 */
export class AccessLogReason1764220000000 implements MigrationInterface {
  name = 'AccessLogReason1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_log ADD COLUMN reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_log DROP COLUMN reason`);
  }
}
