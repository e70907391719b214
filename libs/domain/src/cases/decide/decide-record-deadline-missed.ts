import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { checkRequiredText, firstRefusal, invalidField, requiredText } from './validation';

/**
 * System command (process manager): the timer of a deadline fired (DL-15). Refused with
 * `DEADLINE_NOT_OPEN` when a person met the deadline first — the event store's optimistic concurrency
 * decides which of the two came first. A missed deadline may be escalated again one level up
 * (`escalation_repeat`); repeating an escalation level already recorded gives no events.
 */
export function decideRecordDeadlineMissed(
  command: CaseCommandOfType<'record-deadline-missed'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.deadlineId, 'deadlineId', 'fristens id'),
    Number.isInteger(data.escalationLevel) && data.escalationLevel >= 1
      ? null
      : invalidField('escalationLevel', 'Eskaleringsnivån måste vara ett heltal från 1.'),
    Array.isArray(data.escalatedTo) &&
      data.escalatedTo.every((to) => typeof to === 'string' && to.trim() !== '')
      ? null
      : invalidField(
          'escalatedTo',
          'Mottagarna av eskaleringen måste anges som en lista med roller eller användarnamn.',
        ),
  );
  if (refusal) return refused(refusal);
  const deadline = state.deadlines[requiredText(data.deadlineId)];
  if (deadline === undefined) {
    return refused(
      caseRefusal('NOT_FOUND', 'DEADLINE_NOT_FOUND', 'Fristen finns inte i ärendet.', 'deadlineId'),
    );
  }
  if (deadline.status === 'met') {
    return refused(caseRefusal('INVALID_TRANSITION', 'DEADLINE_NOT_OPEN', 'Fristen är redan uppfylld.'));
  }
  if (deadline.status === 'cancelled') {
    return refused(caseRefusal('INVALID_TRANSITION', 'DEADLINE_NOT_OPEN', 'Fristen är avbruten.'));
  }
  if (data.escalationLevel <= deadline.escalationLevel) return accepted();

  return accepted({
    type: 'DeadlineMissed',
    data: {
      deadlineId: deadline.id,
      at: now.toISOString(),
      escalationLevel: data.escalationLevel,
      escalatedTo: data.escalatedTo.map((to) => to.trim()),
    },
  });
}
