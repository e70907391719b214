import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The S3 objects of erased attachments still to be removed (issue 21, DATA-2). The erasure of a case
 * deletes its attachment rows and queues their object keys here in the same transaction; the api,
 * which alone holds the bucket's credentials, removes the objects and then the queued keys, so a
 * bucket that is down only delays the removal.
 */
export class AttachmentObjectRemovals1764350000000 implements MigrationInterface {
  name = 'AttachmentObjectRemovals1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment_object_removals (
        storage_key text PRIMARY KEY,
        queued_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS attachment_object_removals`);
  }
}
