/** A file sent with a mail (a report as PDF, …). */
export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/**
 * One message to send. `key` makes sending idempotent: the same key is sent once, whatever the number
 * of retries (a Temporal activity, a re-run schedule). Recipients are e-mail addresses or usernames
 * (no `@`), which the mailer turns into addresses of the organisation's mail domain.
 */
export interface OutgoingMail {
  readonly key: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly MailAttachment[];
  /** The case the mail is about, so that its gallring erases the mail too (ADR 0032). */
  readonly caseId?: string;
}

export type MailStatus = 'sending' | 'captured' | 'sent' | 'failed';
export type MailTransportKind = 'capture' | 'smtp';

export interface StoredMailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** A message as recorded in `mail_messages` (without the raw MIME). */
export interface StoredMail {
  readonly id: string;
  readonly key: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly toUsernames: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly attachments: readonly StoredMailAttachment[];
  readonly transport: MailTransportKind;
  readonly status: MailStatus;
  readonly error: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export interface SendResult {
  readonly id: string;
  readonly status: MailStatus;
  /** True when the key had already been sent: nothing was sent this time. */
  readonly duplicate: boolean;
}
