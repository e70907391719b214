import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { maskPersonnummer } from '@kvalitet/domain';
import { resolveRecipients } from './mail-address';
import type {
  MailStatus,
  MailTransportKind,
  OutgoingMail,
  SendResult,
  StoredMail,
  StoredMailAttachment,
} from './mail-message';

/** What the mailer needs of the database: typeorm's DataSource and pg's Pool both fit. */
export interface MailDatabase {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface MailerOptions {
  readonly db: MailDatabase;
  /** `smtp://user:pass@host:587`, `smtps://…`: mail leaves the system. Absent: the local capture. */
  readonly smtpUrl?: string | undefined;
  readonly from?: string;
  /** Domain of the addresses that usernames resolve to. */
  readonly addressDomain?: string;
  /** A claim older than this is taken over by the next attempt (a sender that died mid-send). */
  readonly staleClaimSeconds?: number;
}

export interface MailListFilter {
  /** An address or a username; matches any recipient. */
  readonly to?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

interface MailRow {
  id: string;
  message_key: string;
  sender: string;
  recipients: string[];
  recipient_usernames: string[];
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: StoredMailAttachment[];
  transport: MailTransportKind;
  status: MailStatus;
  error: string | null;
  created_at: Date;
  sent_at: Date | null;
  total?: string;
}

/** typeorm answers an UPDATE … RETURNING with `[rows, count]`, pg with the rows: accept both. */
function rowsOf<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export const DEFAULT_MAIL_FROM = 'Kvalitetsledning <kvalitet@exempelkommun.se>';
export const DEFAULT_MAIL_DOMAIN = 'exempelkommun.se';

const COLUMNS = `id, message_key, sender, recipients, recipient_usernames, subject, text_body, html_body, attachments, transport, status, error, created_at, sent_at`;

function toStored(row: MailRow): StoredMail {
  return {
    id: String(row.id),
    key: row.message_key,
    from: row.sender,
    to: row.recipients,
    toUsernames: row.recipient_usernames,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    attachments: row.attachments,
    transport: row.transport,
    status: row.status,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
  };
}

/** Stable Message-ID from the key, so that a receiving server can also see a resend as the same mail. */
export function messageIdOf(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@kvalitetsledning>`;
}

/**
 * Sends mail with nodemailer: over SMTP when `smtpUrl` is given, otherwise through nodemailer's
 * stream transport into `mail_messages` (the embedded default: the UI and the tests read it there).
 * Every message is recorded either way, and a key is sent once: the row is claimed before sending,
 * and a key already captured or sent is answered as a duplicate.
 */
export class Mailer {
  readonly transportKind: MailTransportKind;
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly domain: string;
  private readonly staleClaimSeconds: number;

  constructor(private readonly options: MailerOptions) {
    this.transportKind = options.smtpUrl ? 'smtp' : 'capture';
    this.transport = options.smtpUrl
      ? nodemailer.createTransport(options.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    this.from = options.from ?? DEFAULT_MAIL_FROM;
    this.domain = options.addressDomain ?? DEFAULT_MAIL_DOMAIN;
    this.staleClaimSeconds = options.staleClaimSeconds ?? 300;
  }

  /** The address a username has in this organisation. */
  addressOf(username: string): string {
    return resolveRecipients([username], this.domain).addresses[0]!;
  }

  /**
   * Mail leaves the system unencrypted, so no full personnummer goes into one, whoever wrote the text
   * (issue 21, DATA-2): it is masked here, in what is sent and in what is recorded.
   */
  async send(unmasked: OutgoingMail): Promise<SendResult> {
    const mail: OutgoingMail = {
      ...unmasked,
      subject: maskPersonnummer(unmasked.subject),
      text: maskPersonnummer(unmasked.text),
      ...(unmasked.html === undefined ? {} : { html: maskPersonnummer(unmasked.html) }),
    };
    if (!mail.key.trim()) throw new RangeError('Meddelandet saknar nyckel');
    const { addresses, usernames } = resolveRecipients(mail.to, this.domain);
    const attachments: StoredMailAttachment[] = (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.content.byteLength,
    }));
    const claimed = rowsOf<{ id: string }>(
      await this.options.db.query(
        `INSERT INTO mail_messages (message_key, sender, recipients, recipient_usernames, subject, text_body, html_body, attachments, transport, status, claimed_at, case_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, 'sending', now(), $10)
       ON CONFLICT (message_key) DO NOTHING
       RETURNING id`,
        [
          mail.key,
          this.from,
          addresses,
          usernames,
          mail.subject,
          mail.text,
          mail.html ?? null,
          JSON.stringify(attachments),
          this.transportKind,
          mail.caseId ?? null,
        ],
      ),
    );
    let id = claimed[0]?.id;
    if (id === undefined) {
      // The key exists: done before (duplicate), or failed / abandoned, which this attempt takes over.
      const retaken = rowsOf<{ id: string }>(
        await this.options.db.query(
          `UPDATE mail_messages SET status = 'sending', claimed_at = now(), error = NULL
          WHERE message_key = $1 AND (status = 'failed' OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
          RETURNING id`,
          [mail.key, this.staleClaimSeconds],
        ),
      );
      id = retaken[0]?.id;
      if (id === undefined) {
        const existing = rowsOf<{ id: string; status: MailStatus }>(
          await this.options.db.query(`SELECT id, status FROM mail_messages WHERE message_key = $1`, [
            mail.key,
          ]),
        );
        return { id: String(existing[0]!.id), status: existing[0]!.status, duplicate: true };
      }
    }
    try {
      const info = (await this.transport.sendMail({
        from: this.from,
        to: addresses,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
        attachments: (mail.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
        messageId: messageIdOf(mail.key),
        headers: { 'X-Kvalitet-Key': mail.key },
      })) as { message?: Buffer };
      const status: MailStatus = this.transportKind === 'capture' ? 'captured' : 'sent';
      await this.options.db.query(
        `UPDATE mail_messages SET status = $2, sent_at = now(), raw = $3 WHERE id = $1`,
        [id, status, this.transportKind === 'capture' && Buffer.isBuffer(info.message) ? info.message : null],
      );
      return { id: String(id), status, duplicate: false };
    } catch (error) {
      await this.options.db.query(`UPDATE mail_messages SET status = 'failed', error = $2 WHERE id = $1`, [
        id,
        error instanceof Error ? error.message : String(error),
      ]);
      throw error;
    }
  }

  /** Newest first. */
  async list(filter: MailListFilter = {}): Promise<{ items: StoredMail[]; total: number }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    const to = filter.to?.trim().toLowerCase() ?? null;
    const rows = rowsOf<MailRow>(
      await this.options.db.query(
        `SELECT ${COLUMNS}, count(*) OVER () AS total FROM mail_messages
        WHERE ($1::text IS NULL OR $1 = ANY (recipients) OR $1 = ANY (recipient_usernames))
        ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [to, pageSize, (page - 1) * pageSize],
      ),
    );
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && page > 1) {
      const counted = rowsOf<{ n: string }>(
        await this.options.db.query(
          `SELECT count(*) AS n FROM mail_messages WHERE ($1::text IS NULL OR $1 = ANY (recipients) OR $1 = ANY (recipient_usernames))`,
          [to],
        ),
      );
      total = Number(counted[0]?.n ?? 0);
    }
    return { items: rows.map(toStored), total };
  }

  async get(id: string): Promise<StoredMail | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows = rowsOf<MailRow>(
      await this.options.db.query(`SELECT ${COLUMNS} FROM mail_messages WHERE id = $1`, [id]),
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async getByKey(key: string): Promise<StoredMail | null> {
    const rows = rowsOf<MailRow>(
      await this.options.db.query(`SELECT ${COLUMNS} FROM mail_messages WHERE message_key = $1`, [key]),
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** The message as sent (MIME), for the capture; null over SMTP. */
  async raw(id: string): Promise<Buffer | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows = rowsOf<{ raw: Buffer | null }>(
      await this.options.db.query(`SELECT raw FROM mail_messages WHERE id = $1`, [id]),
    );
    return rows[0]?.raw ?? null;
  }

  close(): void {
    this.transport.close();
  }
}
