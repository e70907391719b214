import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every e-mail the system sends (reports, reminders), whether it left over SMTP or was captured
 * locally (the embedded default). `message_key` makes a send idempotent: one row per key.
 */
export class MailMessages1764100000000 implements MigrationInterface {
  name = 'MailMessages1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_messages (
        id                  bigserial PRIMARY KEY,
        message_key         text NOT NULL UNIQUE,
        sender              text NOT NULL,
        recipients          text[] NOT NULL,
        recipient_usernames text[] NOT NULL DEFAULT '{}',
        subject             text NOT NULL,
        text_body           text NOT NULL,
        html_body           text,
        attachments         jsonb NOT NULL DEFAULT '[]',
        transport           text NOT NULL CHECK (transport IN ('capture', 'smtp')),
        status              text NOT NULL CHECK (status IN ('sending', 'captured', 'sent', 'failed')),
        error               text,
        raw                 bytea,
        claimed_at          timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        sent_at             timestamptz
      )`);
    await q.query(`CREATE INDEX mail_messages_recipients_idx ON mail_messages USING gin (recipients)`);
    await q.query(
      `CREATE INDEX mail_messages_usernames_idx ON mail_messages USING gin (recipient_usernames)`,
    );
    await q.query(`CREATE INDEX mail_messages_created_idx ON mail_messages (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mail_messages`);
  }
}
