import type { CaseCommandOfType } from '../case-commands';
import { DEADLINE_REMINDER_WHENS } from '../case-events';
import type { DeadlineReminderRecipient } from '../case-events';
import { caseRefusal } from '../case-refusal';
import type { CaseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { checkOneOf, checkRequiredText, firstRefusal, invalidField, requiredText } from './validation';

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function checkRecipients(recipients: unknown): CaseRefusal | null {
  const valid =
    Array.isArray(recipients) &&
    recipients.length > 0 &&
    recipients.every(
      (recipient: unknown) =>
        typeof recipient === 'object' &&
        recipient !== null &&
        (isText((recipient as { username?: unknown }).username) ||
          (isText((recipient as { role?: unknown }).role) &&
            isText((recipient as { unitId?: unknown }).unitId))),
    );
  return valid
    ? null
    : invalidField(
        'recipients',
        'Mottagarna måste vara en lista med användarnamn eller roll och enhet (minst en).',
      );
}

function normalised(recipient: DeadlineReminderRecipient): DeadlineReminderRecipient {
  return 'username' in recipient
    ? { username: recipient.username.trim() }
    : { role: recipient.role.trim(), unitId: recipient.unitId.trim() };
}

/**
 * System command (process manager): the responsible were reminded of a deadline — before its due date
 * (actions, DL-11) or with the first escalation (the acknowledgement, api.md "reminder, then
 * escalate"). At most once per deadline and kind of reminder, so a retried activity records nothing
 * twice; a deadline already met or cancelled needs no reminder (DEADLINE_NOT_OPEN).
 */
export function decideRecordReminder(
  command: CaseCommandOfType<'record-reminder'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.deadlineId, 'deadlineId', 'fristens id'),
    checkOneOf(data.when, DEADLINE_REMINDER_WHENS, 'when', 'typ av påminnelse'),
    checkRecipients(data.recipients),
  );
  if (refusal) return refused(refusal);
  const deadline = state.deadlines[requiredText(data.deadlineId)];
  if (deadline === undefined) {
    return refused(
      caseRefusal('NOT_FOUND', 'DEADLINE_NOT_FOUND', 'Fristen finns inte i ärendet.', 'deadlineId'),
    );
  }
  if ((deadline.reminders ?? []).includes(data.when)) return accepted();
  if (deadline.status === 'met' || deadline.status === 'cancelled') {
    return refused(
      caseRefusal('INVALID_TRANSITION', 'DEADLINE_NOT_OPEN', 'Fristen är redan uppfylld eller avbruten.'),
    );
  }
  return accepted({
    type: 'DeadlineReminderSent',
    data: {
      deadlineId: deadline.id,
      when: data.when,
      recipients: data.recipients.map(normalised),
      at: now.toISOString(),
    },
  });
}
