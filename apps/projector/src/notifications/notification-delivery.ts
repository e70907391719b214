import type { EntityManager } from 'typeorm';
import { Mailer, mailConfigFromEnv } from '@kvalitet/notifications';

/**
 * A consumer group reads its topics from the beginning the first time it starts: events recorded
 * longer ago than this are history, not news, and tell nobody anything.
 */
const NEWS_FOR_MS = 24 * 60 * 60 * 1000;

export function isNews(event: { recordedAt: string }, now: number): boolean {
  return now - new Date(event.recordedAt).getTime() < NEWS_FOR_MS;
}

/**
 * The given mailer, or one made from the mail configuration on the consumer's own database the first
 * time it is needed (so a consumer that never notifies never reads the mail settings).
 */
export function lazyMailer(given?: Pick<Mailer, 'send'>): (manager: EntityManager) => Pick<Mailer, 'send'> {
  let mailer = given;
  return (manager) => {
    if (!mailer) {
      const config = mailConfigFromEnv();
      mailer = new Mailer({
        db: manager.connection,
        smtpUrl: config.SMTP_URL,
        from: config.MAIL_FROM,
        addressDomain: config.MAIL_DOMAIN,
      });
    }
    return mailer;
  };
}
