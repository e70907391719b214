import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { checkRequiredText, requiredText } from './validation';

type ChangeCommand = CaseCommandOfType<'mark-protected-identity' | 'unmark-protected-identity'>;

/**
 * Skyddade personuppgifter (DATA-2): the mark narrows who reads the case's free text and names; the
 * rule itself lives in the api. Allowed on a closed case, since a protected identity may become known
 * long after the case ended and the records are still kept. Marking twice is refused so that the
 * history tells exactly when the protection began and ended.
 */
function decideChange(
  command: ChangeCommand,
  state: CaseAggregateState,
  now: Date,
  protect: boolean,
): DecideCaseResult {
  const refusal = checkRequiredText(command.data.reason, 'reason', 'skäl');
  if (refusal) return refused(refusal);
  if ((state.protectedIdentity === true) === protect) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        protect ? 'ALREADY_PROTECTED_IDENTITY' : 'NOT_PROTECTED_IDENTITY',
        protect
          ? 'Ärendet är redan markerat med skyddade personuppgifter.'
          : 'Ärendet är inte markerat med skyddade personuppgifter.',
      ),
    );
  }
  const data = {
    reason: requiredText(command.data.reason),
    by: command.actor.username,
    at: now.toISOString(),
  };
  return accepted(
    protect ? { type: 'ProtectedIdentityMarked', data } : { type: 'ProtectedIdentityUnmarked', data },
  );
}

export function decideMarkProtectedIdentity(
  command: CaseCommandOfType<'mark-protected-identity'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  return decideChange(command, state, now, true);
}

export function decideUnmarkProtectedIdentity(
  command: CaseCommandOfType<'unmark-protected-identity'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  return decideChange(command, state, now, false);
}
