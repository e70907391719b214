import type { CaseCommandOfType } from '../case-commands';
import { CASE_DEADLINE_KINDS } from '../case-deadline-kind';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import {
  checkDateTime,
  checkOneOf,
  checkRequiredText,
  firstRefusal,
  invalidField,
  normalisedTimestamp,
  requiredText,
} from './validation';

/**
 * System command (process manager): a deadline with the policy version that set it (DL-0). Idempotent:
 * a deadline id that already exists gives no events, so a retried activity is harmless.
 */
export function decideStartDeadline(
  command: CaseCommandOfType<'start-deadline'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.deadlineId, 'deadlineId', 'fristens id'),
    checkOneOf(data.kind, CASE_DEADLINE_KINDS, 'kind', 'typ av frist'),
    checkDateTime(data.dueAt, 'dueAt', 'förfallotidpunkt'),
    Number.isInteger(data.policyVersion) && data.policyVersion >= 0
      ? null
      : invalidField('policyVersion', 'Policyversionen måste vara ett heltal som inte är negativt.'),
    data.kind === 'action' ? checkRequiredText(data.actionId, 'actionId', 'åtgärdens id') : null,
  );
  if (refusal) return refused(refusal);
  const deadlineId = requiredText(data.deadlineId);
  if (state.deadlines[deadlineId] !== undefined) return accepted();
  const actionId = data.actionId === undefined ? undefined : data.actionId.trim();
  if (actionId !== undefined && state.actions[actionId] === undefined) {
    return refused(
      caseRefusal('NOT_FOUND', 'ACTION_NOT_FOUND', 'Åtgärden finns inte i ärendet.', 'actionId'),
    );
  }

  return accepted({
    type: 'DeadlineStarted',
    data: {
      deadlineId,
      kind: data.kind,
      dueAt: normalisedTimestamp(data.dueAt),
      policyVersion: data.policyVersion,
      ...(actionId === undefined ? {} : { actionId }),
      startedAt: now.toISOString(),
    },
  });
}
