import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead letters can be replayed (issue 23): a replayed row is marked, never deleted, so the record of
 * what failed and who replayed it stays. A dead-lettered event no longer claims its consumer's inbox
 * entry (replay claims it, so a replay of an event that was handled meanwhile is a no-op); the entries
 * that earlier versions claimed for dead letters are released here so those letters can be replayed.
 */
export class DeadLetterReplay1764170000000 implements MigrationInterface {
  name = 'DeadLetterReplay1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dead_letters
        ADD COLUMN replayed_at timestamptz,
        ADD COLUMN replayed_by text,
        ADD COLUMN replay_outcome text CHECK (replay_outcome IN ('handled', 'already_handled'))`);
    await q.query(
      `CREATE INDEX dead_letters_open ON dead_letters (consumer, created_at) WHERE replayed_at IS NULL`,
    );
    await q.query(
      `DELETE FROM inbox i USING dead_letters d WHERE d.event_id IS NOT NULL AND i.consumer = d.consumer AND i.event_id = d.event_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS dead_letters_open`);
    await q.query(
      `ALTER TABLE dead_letters DROP COLUMN replayed_at, DROP COLUMN replayed_by, DROP COLUMN replay_outcome`,
    );
  }
}
