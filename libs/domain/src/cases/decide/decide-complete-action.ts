import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { checkRequiredText, firstRefusal, requiredText } from './validation';

/**
 * Marks an action done with its result (LC-11). Meets that action's `action` deadline and completes its
 * `carry_out_action` tasks; when no action is left open the case moves on to `following_up`.
 */
export function decideCompleteAction(
  command: CaseCommandOfType<'complete-action'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.actionId, 'actionId', 'åtgärdens id'),
    checkRequiredText(data.result, 'result', 'resultat'),
  );
  if (refusal) return refused(refusal);
  const action = state.actions[requiredText(data.actionId)];
  if (action === undefined) {
    return refused(
      caseRefusal('NOT_FOUND', 'ACTION_NOT_FOUND', 'Åtgärden finns inte i ärendet.', 'actionId'),
    );
  }
  if (action.status !== 'open') {
    return refused(caseRefusal('INVALID_TRANSITION', 'ACTION_NOT_OPEN', 'Åtgärden är redan genomförd.'));
  }

  const at = now.toISOString();
  const by = command.actor.username;
  const forThisAction = (item: { actionId?: string }) => item.actionId === action.id;
  return accepted(
    { type: 'ActionCompleted', data: { actionId: action.id, result: requiredText(data.result), by, at } },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('ActionCompleted'), at, by, forThisAction),
    ...completeOpenTasks(state, taskKindsDoneBy('ActionCompleted'), at, by, forThisAction),
  );
}
