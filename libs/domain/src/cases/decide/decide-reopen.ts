import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { checkRequiredText } from './validation';

/**
 * closed → investigating with a reason: new facts, an IVO decision, an ineffective action (LC-2,
 * LC-6 S9). Nothing else is reopened; a new investigation must be recorded before the case moves on.
 */
export function decideReopen(
  command: CaseCommandOfType<'reopen'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const refusal = checkRequiredText(command.data.reason, 'reason', 'skäl');
  if (refusal) return refused(refusal);
  if (state.stage !== 'closed') {
    return refused(
      caseRefusal('INVALID_TRANSITION', 'CASE_NOT_CLOSED', 'Endast ett avslutat ärende kan öppnas igen.'),
    );
  }
  return accepted({
    type: 'CaseReopened',
    data: { reason: command.data.reason.trim(), by: command.actor.username, at: now.toISOString() },
  });
}
