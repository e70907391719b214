import type { CaseCommandOfType } from '../case-commands';
import { CASE_TASK_KINDS } from '../case-task-kind';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import {
  checkDateTime,
  checkOneOf,
  checkOptionalText,
  checkRequiredText,
  firstRefusal,
  invalidField,
  isBlank,
  normalisedTimestamp,
  optionalText,
  requiredText,
} from './validation';

/**
 * System command (process manager or application layer): a task in someone's inbox, for a person or
 * for a role in a unit (api.md "Tasks"; DL-15 a miss creates a task). Idempotent on `taskId`.
 */
export function decideCreateTask(
  command: CaseCommandOfType<'create-task'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.taskId, 'taskId', 'uppgiftens id'),
    checkOneOf(data.kind, CASE_TASK_KINDS, 'kind', 'typ av uppgift'),
    checkOptionalText(data.assignee, 'assignee', 'mottagare'),
    checkOptionalText(data.assigneeRole, 'assigneeRole', 'mottagarroll'),
    isBlank(data.assignee) && isBlank(data.assigneeRole)
      ? invalidField('assignee', 'Uppgiften måste ha en mottagare eller en mottagarroll.', 'REQUIRED')
      : null,
    data.unitId === undefined ? null : checkRequiredText(data.unitId, 'unitId', 'enhet'),
    data.dueAt === undefined ? null : checkDateTime(data.dueAt, 'dueAt', 'förfallotidpunkt'),
    checkOptionalText(data.deadlineId, 'deadlineId', 'fristens id'),
    checkOptionalText(data.actionId, 'actionId', 'åtgärdens id'),
  );
  if (refusal) return refused(refusal);
  const taskId = requiredText(data.taskId);
  if (state.tasks[taskId] !== undefined) return accepted();
  const deadlineId = optionalText(data.deadlineId);
  if (deadlineId !== undefined && state.deadlines[deadlineId] === undefined) {
    return refused(
      caseRefusal('NOT_FOUND', 'DEADLINE_NOT_FOUND', 'Fristen finns inte i ärendet.', 'deadlineId'),
    );
  }
  const actionId = optionalText(data.actionId);
  if (actionId !== undefined && state.actions[actionId] === undefined) {
    return refused(
      caseRefusal('NOT_FOUND', 'ACTION_NOT_FOUND', 'Åtgärden finns inte i ärendet.', 'actionId'),
    );
  }

  const assignee = optionalText(data.assignee);
  const assigneeRole = optionalText(data.assigneeRole);
  return accepted({
    type: 'TaskCreated',
    data: {
      taskId,
      kind: data.kind,
      ...(assignee === undefined ? {} : { assignee }),
      ...(assigneeRole === undefined ? {} : { assigneeRole }),
      unitId: optionalText(data.unitId) ?? state.unitId,
      ...(data.dueAt === undefined ? {} : { dueAt: normalisedTimestamp(data.dueAt) }),
      ...(deadlineId === undefined ? {} : { deadlineId }),
      ...(actionId === undefined ? {} : { actionId }),
      createdAt: now.toISOString(),
    },
  });
}
