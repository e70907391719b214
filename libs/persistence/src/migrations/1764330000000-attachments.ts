import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments (issue 21): photos, scanned forms and documents on a case, tagged with the step they
 * belong to. An upload made before its report is sent has no case yet; the report takes it over.
 * The bytes are kept here (`content`) in the embedded default or in S3-compatible object storage
 * under `storage_key`; either way this row says who added the file, when, and what it is.
 */
export class Attachments1764330000000 implements MigrationInterface {
  name = 'Attachments1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id               uuid PRIMARY KEY,
        case_id          uuid NULL,
        step             text NOT NULL CHECK (step IN ('report', 'investigation', 'action', 'external_review')),
        file_name        text NOT NULL,
        content_type     text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/heic', 'application/pdf')),
        size_bytes       integer NOT NULL CHECK (size_bytes > 0),
        sha256           text NOT NULL,
        storage          text NOT NULL CHECK (storage IN ('postgres', 's3')),
        storage_key      text NULL,
        content          bytea NULL,
        uploaded_by      text NOT NULL,
        uploaded_by_name text NOT NULL,
        uploaded_at      timestamptz NOT NULL DEFAULT now(),
        scanned          boolean NOT NULL,
        CHECK ((storage = 'postgres') = (content IS NOT NULL)),
        CHECK ((storage = 's3') = (storage_key IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX attachments_case_idx ON attachments (case_id, uploaded_at) WHERE case_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX attachments_pending_idx ON attachments (uploaded_by) WHERE case_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS attachments`);
  }
}
