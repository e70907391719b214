import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `case_data_keys`: one AES-256 data key per subject (a case, or another aggregate whose events carry
 * personal data). The outbox relay seals the personal fields of each Kafka message with its subject's
 * key; erasure deletes the key (crypto-shredding), after which every copy on the topics is unreadable
 * (ADR 0028). Keys are created by the relay the first time a subject's personal data goes out.
 */
export class CaseDataKeys1764210000000 implements MigrationInterface {
  name = 'CaseDataKeys1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS case_data_keys (
        subject_id  uuid PRIMARY KEY,
        data_key    bytea NOT NULL CHECK (octet_length(data_key) = 32),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS case_data_keys`);
  }
}
