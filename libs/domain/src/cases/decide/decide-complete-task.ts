import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { checkRequiredText, requiredText } from './validation';

/** System command: a task is done (e.g. an escalation task handled). Idempotent: a done task gives no events. */
export function decideCompleteTask(
  command: CaseCommandOfType<'complete-task'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const refusal = checkRequiredText(command.data.taskId, 'taskId', 'uppgiftens id');
  if (refusal) return refused(refusal);
  const task = state.tasks[requiredText(command.data.taskId)];
  if (task === undefined) {
    return refused(caseRefusal('NOT_FOUND', 'TASK_NOT_FOUND', 'Uppgiften finns inte i ärendet.', 'taskId'));
  }
  if (task.status === 'done') return accepted();
  return accepted({
    type: 'TaskCompleted',
    data: { taskId: task.id, at: now.toISOString(), by: command.actor.username },
  });
}
