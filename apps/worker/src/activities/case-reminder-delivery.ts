import { CASE_DEADLINE_KIND_LABELS } from '@kvalitet/domain';
import type { Mailer } from '@kvalitet/notifications';
import { createLogger } from '@kvalitet/runtime';
import type { DeadlineReminder, DeadlineReminderNotifier } from './reminder-notifier';

/** What the delivery needs of the database: typeorm's DataSource and pg's Pool both fit. */
interface ReminderDatabase {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface CaseReminderDeliveryDeps {
  readonly db: ReminderDatabase;
  /** E-mail to the recipients named by username; absent: in-app only. */
  readonly mailer?: Pick<Mailer, 'send'>;
}

const logger = createLogger('worker');

function recipientKey(recipient: DeadlineReminder['recipients'][number]): string {
  return 'username' in recipient
    ? `user:${recipient.username}`
    : `role:${recipient.role}@${recipient.unitId}`;
}

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** Subject and text carry no personal data: case number, kind of deadline and due date only. */
function reminderMail(reminder: DeadlineReminder): { subject: string; text: string } {
  const label = CASE_DEADLINE_KIND_LABELS[reminder.kind];
  const due = stockholm.format(new Date(reminder.dueAt));
  const subject =
    reminder.when === 'before'
      ? `Påminnelse: ${label} i ${reminder.caseNumber} förfaller ${due}`
      : `Påminnelse: ${label} i ${reminder.caseNumber} har passerat (${due})`;
  const text = [
    reminder.when === 'before'
      ? `Fristen för ${label.toLowerCase()} i ärende ${reminder.caseNumber} går ut ${due}.`
      : `Fristen för ${label.toLowerCase()} i ärende ${reminder.caseNumber} gick ut ${due} och har eskalerats.`,
    'Öppna ärendet i Kvalitetsledning för att se vad som återstår.',
  ].join('\n\n');
  return { subject, text };
}

/**
 * Delivers a reminder the case already records (DeadlineReminderSent): in-app as rows of
 * `case_reminders` (the recipients' reminder inbox, `GET /reminders`), and by e-mail to the
 * recipients named by username. Both dedupe on the reminder id, so an activity retried after a crash
 * delivers once. Recipients given as a role in a unit see it in-app (as with role tasks); the mail
 * goes to named people only, since the worker has no directory of who holds a role.
 */
export function createCaseReminderDelivery(deps: CaseReminderDeliveryDeps): DeadlineReminderNotifier {
  return {
    async remind(reminder) {
      for (const recipient of reminder.recipients) {
        await deps.db.query(
          `INSERT INTO case_reminders (reminder_id, recipient, recipient_username, recipient_role, unit_id, case_id,
                                       case_number, deadline_id, kind, due_at, reminder_when, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (reminder_id, recipient) DO NOTHING`,
          [
            reminder.reminderId,
            recipientKey(recipient),
            'username' in recipient ? recipient.username : null,
            'role' in recipient ? recipient.role : null,
            'unitId' in recipient ? recipient.unitId : null,
            reminder.caseId,
            reminder.caseNumber,
            reminder.deadlineId,
            reminder.kind,
            reminder.dueAt,
            reminder.when,
            reminder.at,
          ],
        );
      }
      const usernames = reminder.recipients.flatMap((r) => ('username' in r ? [r.username] : []));
      if (!deps.mailer || usernames.length === 0) return;
      try {
        const result = await deps.mailer.send({
          key: `reminder/${reminder.reminderId}`,
          caseId: reminder.caseId,
          to: usernames,
          ...reminderMail(reminder),
        });
        logger.info(
          { reminderId: reminder.reminderId, mailId: result.id, duplicate: result.duplicate },
          'påminnelse skickad med e-post',
        );
      } catch (error) {
        // An owner written as a name rather than a username has no address: in-app only. Other
        // errors (SMTP down) fail the activity, which Temporal retries; the key keeps it to one mail.
        if (!(error instanceof RangeError)) throw error;
        logger.warn(
          { reminderId: reminder.reminderId, err: error.message },
          'påminnelsen kunde inte e-postas',
        );
      }
    },
  };
}
