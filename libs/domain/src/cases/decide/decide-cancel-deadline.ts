import type { CaseCommandOfType } from '../case-commands';
import { DEADLINE_CANCEL_REASONS } from '../case-events';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { CASE_TYPES } from '../case-type';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks } from './open-work';
import { checkOneOf, checkRequiredText, firstRefusal, requiredText } from './validation';

/**
 * System command (process manager): a reclassification took the case off the path that had this
 * deadline (LC-2, ADR 0009), so it is cancelled — neither met nor missed any more — and the
 * escalation tasks it raised are done. Idempotent: a deadline already met or cancelled gives no events.
 */
export function decideCancelDeadline(
  command: CaseCommandOfType<'cancel-deadline'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.deadlineId, 'deadlineId', 'fristens id'),
    checkOneOf(data.reason, DEADLINE_CANCEL_REASONS, 'reason', 'skäl'),
    data.toType === undefined ? null : checkOneOf(data.toType, CASE_TYPES, 'toType', 'ny ärendetyp'),
  );
  if (refusal) return refused(refusal);
  const deadline = state.deadlines[requiredText(data.deadlineId)];
  if (deadline === undefined) {
    return refused(
      caseRefusal('NOT_FOUND', 'DEADLINE_NOT_FOUND', 'Fristen finns inte i ärendet.', 'deadlineId'),
    );
  }
  if (deadline.status !== 'open' && deadline.status !== 'missed') return accepted();

  const at = now.toISOString();
  return accepted(
    {
      type: 'DeadlineCancelled',
      data: {
        deadlineId: deadline.id,
        reason: data.reason,
        ...(data.toType === undefined ? {} : { toType: data.toType }),
        at,
      },
    },
    ...completeOpenTasks(
      state,
      ['escalation'],
      at,
      command.actor.username,
      (task) => task.deadlineId === deadline.id,
    ),
  );
}
