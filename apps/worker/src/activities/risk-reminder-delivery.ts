import { riskAssessmentWorkflowId } from '@kvalitet/workflows';
import type { DeadlineReminderNotifier } from './reminder-notifier';
import type { RiskActionReminder, RiskActionReminderNotifier } from './risk-assessment-activities';
import { stepUuid } from '@kvalitet/persistence';

/**
 * Risk action reminders through the same delivery as case action reminders (the in-app reminder
 * inbox and e-mail to the owner, both deduplicated on the reminder id): the assessment stands in for
 * the case (its `RA-…` reference as the number) and the action's deadline gets a stable id.
 */
export function riskReminderDelivery(delivery: DeadlineReminderNotifier): RiskActionReminderNotifier {
  return {
    async remind(reminder: RiskActionReminder) {
      await delivery.remind({
        reminderId: reminder.reminderId,
        caseId: reminder.assessmentId,
        caseNumber: reminder.reference,
        deadlineId: stepUuid(
          riskAssessmentWorkflowId(reminder.assessmentId),
          `deadline/${reminder.actionId}`,
        ),
        kind: 'action',
        dueAt: reminder.dueAt,
        when: 'before',
        recipients: [{ username: reminder.owner }],
        at: reminder.at,
      });
    },
  };
}
