import type { CaseCommandOfType } from '../case-commands';
import {
  CASE_OUTCOME_LABELS,
  CASE_OUTCOMES,
  isCaseOutcome,
  isOutcomeAllowedForType,
  isSeriousOutcome,
  outcomesForType,
} from '../case-outcome';
import { hasDecisionOnCurrentInvestigation } from '../case-progress';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { CASE_TYPE_LABELS } from '../case-type';
import { checkDelegation } from './delegation-check';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks } from './open-work';
import { wrongStage } from './stage-refusals';
import { checkOneOf, checkRequiredText, firstRefusal, invalidField, requiredText } from './validation';

/**
 * The decision on a recorded investigation (LC-6 S5, LC-8 step 1): lex Sarah and lex Maria use their
 * statutory outcomes, other types the generic set (see `GENERIC_OUTCOMES`). A serious outcome requires a
 * notification to IVO (DL-5, DL-8). One decision per investigation; after a reopen a new investigation
 * may be decided again. Completes `decide` tasks.
 */
export function decideDecide(
  command: CaseCommandOfType<'decide'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkOneOf(data.outcome, CASE_OUTCOMES, 'outcome', 'bedömning'),
    checkRequiredText(data.rationale, 'rationale', 'motivering'),
  );
  if (refusal) return refused(refusal);
  if (isCaseOutcome(data.outcome) && !isOutcomeAllowedForType(data.outcome, state.type)) {
    return refused(
      invalidField(
        'outcome',
        `Bedömningen passar inte ärendetypen ${CASE_TYPE_LABELS[state.type]}; tillåtna är: ${outcomesForType(
          state.type,
        )
          .map((outcome) => CASE_OUTCOME_LABELS[outcome].toLowerCase())
          .join(', ')}.`,
        'NOT_ALLOWED_FOR_TYPE',
      ),
    );
  }
  if (state.stage === 'reported') return refused(wrongStage(state, 'fatta beslut'));
  if (state.investigation === null || state.newInvestigationRequired) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'INVESTIGATION_REQUIRED',
        'Beslut kan fattas först när utredningen är registrerad.',
      ),
    );
  }
  if (hasDecisionOnCurrentInvestigation(state)) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'ALREADY_DECIDED',
        'Beslut är redan fattat på den registrerade utredningen.',
      ),
    );
  }

  const delegated = checkDelegation(command, state);
  if (delegated.refusal) return refused(delegated.refusal);

  const at = now.toISOString();
  const by = command.actor.username;
  return accepted(
    {
      type: 'CaseDecided',
      data: {
        outcome: data.outcome,
        rationale: requiredText(data.rationale),
        requiresIvoReport: isSeriousOutcome(data.outcome),
        ...(delegated.delegation === null ? {} : { delegation: delegated.delegation }),
        by,
        at,
      },
    },
    ...completeOpenTasks(state, ['decide'], at, by),
  );
}
