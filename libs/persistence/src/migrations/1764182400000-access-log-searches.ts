import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Searches of the case list are written to the access log (api.md v1.1 "Reads, searches and
 * reclassification", DATA-5, issue 24): a search row has `kind = 'search'`, the caller's query and the
 * number of hits, and no case. Every earlier row is a read of one case (`kind = 'read'`, which is
 * also what a command on a case writes). Adding columns with constant defaults rewrites no row, so the
 * append-only triggers are not involved.
 */
export class AccessLogSearches1764182400000 implements MigrationInterface {
  name = 'AccessLogSearches1764182400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_log
        ADD COLUMN kind text NOT NULL DEFAULT 'read' CHECK (kind IN ('read', 'search')),
        ADD COLUMN query text,
        ADD COLUMN hits integer,
        ALTER COLUMN case_id DROP NOT NULL`);
    await q.query(`
      ALTER TABLE access_log
        ADD CONSTRAINT access_log_read_has_case CHECK (kind = 'search' OR case_id IS NOT NULL),
        ADD CONSTRAINT access_log_search_has_query CHECK (kind = 'read' OR query IS NOT NULL)`);
    await q.query(`CREATE INDEX access_log_searches_idx ON access_log (at) WHERE kind = 'search'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS access_log_searches_idx`);
    // Search rows cannot be deleted (append-only); without them the old NOT NULL cannot return.
    await q.query(`
      ALTER TABLE access_log
        DROP CONSTRAINT access_log_search_has_query,
        DROP CONSTRAINT access_log_read_has_case,
        DROP COLUMN hits,
        DROP COLUMN query,
        DROP COLUMN kind`);
  }
}
