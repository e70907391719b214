import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case read model's `state` (a few kilobytes of JSON per case) is stored out of line without
 * compression (issue 4, rebuild speed; ADR 0012 addendum). pglz compression of every case row was the
 * largest cost on the database side of a read-model rebuild (50,000 case rows loaded in 3.0 s instead
 * of 8.1 s); the server here has no lz4. The price is disk: a read model that can be rebuilt at any
 * time, not the event store. Rows keep the storage they were written with until rewritten (a rebuild
 * rewrites them all).
 */
export class CaseStateUncompressed1764160000000 implements MigrationInterface {
  name = 'CaseStateUncompressed1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_cases ALTER COLUMN state SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_cases ALTER COLUMN state SET STORAGE EXTENDED`);
  }
}
