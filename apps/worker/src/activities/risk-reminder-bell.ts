import { notifyPeople, type NotificationDatabase } from '@kvalitet/notifications';
import type { RiskActionReminder, RiskActionReminderNotifier } from './risk-assessment-activities';

const dayInStockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/**
 * A risk action reminder also in the owner's bell (issue 21, "Notifications"), through the same
 * keyed delivery as case notices: keyed by the reminder id, so a retried activity writes it once,
 * and linking the risk assessment rather than a case. The mail stays with the reminder delivery it
 * wraps, so nobody gets it twice.
 */
export function withRiskReminderInBell(
  delivery: RiskActionReminderNotifier,
  deps: { readonly db: NotificationDatabase; readonly webUrl: string },
): RiskActionReminderNotifier {
  return {
    async remind(reminder: RiskActionReminder) {
      await delivery.remind(reminder);
      await notifyPeople(
        { db: deps.db, webUrl: deps.webUrl },
        {
          key: `risk-reminder/${reminder.reminderId}`,
          kind: 'reminder',
          caseId: null,
          caseNumber: reminder.reference,
          title: `Påminnelse: åtgärd i riskanalys ${reminder.reference}`,
          body: `Åtgärden i riskanalys ${reminder.reference} ska vara genomförd senast ${dayInStockholm.format(new Date(reminder.dueAt))}.`,
          path: `/riskanalyser/${encodeURIComponent(reminder.assessmentId)}`,
          details: { actionId: reminder.actionId },
          at: reminder.at,
        },
        [reminder.owner],
      );
    },
  };
}
