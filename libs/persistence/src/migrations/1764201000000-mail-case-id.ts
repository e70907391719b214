import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `mail_messages.case_id`: the case a mail is about, so that the gallring finds every mail of a case
 * (DATA-7, ADR 0032). Rows written before take it from their keys: an answer or an outcome notice is
 * keyed by its event (`case-answer/<event>`, `case-outcome/<event>`), a reminder by its reminder
 * (`reminder/<id>`, in `case_reminders`). Mail about no single case (the daily list, a report) has none.
 */
export class MailCaseId1764201000000 implements MigrationInterface {
  name = 'MailCaseId1764201000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_messages ADD COLUMN case_id uuid`);
    await q.query(`
      UPDATE mail_messages m SET case_id = e.aggregate_id
        FROM events e
       WHERE m.message_key ~ '^case-(answer|outcome)/[0-9a-f-]{36}$'
         AND e.id = substring(m.message_key FROM '/(.*)$')::uuid`);
    await q.query(`
      UPDATE mail_messages m SET case_id = r.case_id
        FROM case_reminders r
       WHERE m.case_id IS NULL AND m.message_key ~ '^reminder/[0-9a-f-]{36}$'
         AND r.reminder_id = substring(m.message_key FROM '/(.*)$')::uuid`);
    await q.query(`CREATE INDEX mail_messages_case_idx ON mail_messages (case_id) WHERE case_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_messages DROP COLUMN case_id`);
  }
}
