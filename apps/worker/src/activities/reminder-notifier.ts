import { createLogger } from '@kvalitet/runtime';
import type { CaseDeadlineKind } from '@kvalitet/domain';
import type { ReminderRecipient } from '@kvalitet/workflows';

export interface DeadlineReminder {
  /** Same reminder, same id: a notifier that delivers (mail, in-app) dedupes on it. */
  readonly reminderId: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly deadlineId: string;
  readonly kind: CaseDeadlineKind;
  readonly dueAt: string;
  readonly when: 'before' | 'missed';
  readonly recipients: readonly ReminderRecipient[];
  readonly at: string;
}

/** Delivers reminders (DL-11 "reminder before"; api.md acknowledgement "reminder, then escalate"). */
export interface DeadlineReminderNotifier {
  remind(reminder: DeadlineReminder): Promise<void>;
}

/**
 * Until the notifier service exists, a reminder is a structured log line (no personal data: case
 * number, kind, due date and the recipients' usernames or roles).
 */
export function loggingReminderNotifier(): DeadlineReminderNotifier {
  const logger = createLogger('worker');
  return {
    async remind(reminder) {
      logger.info(
        { reminder },
        `påminnelse: ${reminder.kind} i ${reminder.caseNumber} förfaller ${reminder.dueAt}`,
      );
    },
  };
}
