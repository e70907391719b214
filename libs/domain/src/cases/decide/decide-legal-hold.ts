import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { checkRequiredText, requiredText } from './validation';

/**
 * A legal hold (spärr mot gallring, DATA-7): the case is kept past its retention rule, e.g. while a
 * court, IVO or JO may still ask for it. Open or closed; one hold at a time (ADR 0027).
 */
export function decidePlaceLegalHold(
  command: CaseCommandOfType<'place-legal-hold'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const refusal = checkRequiredText(command.data.reason, 'reason', 'skäl till spärren');
  if (refusal) return refused(refusal);
  if (state.legalHold !== undefined)
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'LEGAL_HOLD_EXISTS',
        'Ärendet har redan en spärr mot gallring; häv den först om skälet ska ändras.',
      ),
    );
  return accepted({
    type: 'LegalHoldPlaced',
    data: { reason: requiredText(command.data.reason), by: command.actor.username, at: now.toISOString() },
  });
}

export function decideLiftLegalHold(
  command: CaseCommandOfType<'lift-legal-hold'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  if (state.legalHold === undefined)
    return refused(
      caseRefusal('INVALID_TRANSITION', 'NO_LEGAL_HOLD', 'Ärendet har ingen spärr mot gallring att häva.'),
    );
  return accepted({ type: 'LegalHoldLifted', data: { by: command.actor.username, at: now.toISOString() } });
}
