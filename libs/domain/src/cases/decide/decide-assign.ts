import type { CaseCommandOfType } from '../case-commands';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { checkRequiredText, requiredText } from './validation';

/**
 * Assigns the investigator or handler (LC-4 step 5). The assignee's task is created by the application
 * layer with `create-task`. Assigning the current assignee again changes nothing.
 */
export function decideAssign(
  command: CaseCommandOfType<'assign'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const refusal = checkRequiredText(command.data.assignee, 'assignee', 'handläggare');
  if (refusal) return refused(refusal);
  const assignee = requiredText(command.data.assignee);
  if (assignee === state.assignee) return accepted();
  return accepted({
    type: 'CaseAssigned',
    data: {
      assignee,
      ...(state.assignee === null ? {} : { previousAssignee: state.assignee }),
      by: command.actor.username,
      at: now.toISOString(),
    },
  });
}
