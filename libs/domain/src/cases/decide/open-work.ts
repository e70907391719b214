import type { CaseDeadlineKind } from '../case-deadline-kind';
import type { DeadlineMet, TaskCompleted } from '../case-events';
import type { CaseAggregateState, CaseDeadlineState, CaseTaskState } from '../case-state';
import type { CaseTaskKind } from '../case-task-kind';

/**
 * The deadline and task bookkeeping that follows from a person's work: the user command meets the
 * deadlines it answers and completes the tasks it was waiting for, in the same event batch, so the
 * event store's optimistic concurrency arbitrates a race with a timer (`record-deadline-missed`).
 */
export function meetOpenDeadlines(
  state: CaseAggregateState,
  kinds: readonly CaseDeadlineKind[],
  at: string,
  matches: (deadline: CaseDeadlineState) => boolean = () => true,
): DeadlineMet[] {
  return Object.values(state.deadlines)
    .filter((deadline) => deadline.status === 'open' && kinds.includes(deadline.kind) && matches(deadline))
    .map((deadline) => ({ type: 'DeadlineMet', data: { deadlineId: deadline.id, at } }));
}

export function completeOpenTasks(
  state: CaseAggregateState,
  kinds: readonly CaseTaskKind[] | 'all',
  at: string,
  by: string,
  matches: (task: CaseTaskState) => boolean = () => true,
): TaskCompleted[] {
  return Object.values(state.tasks)
    .filter(
      (task) => task.status === 'open' && (kinds === 'all' || kinds.includes(task.kind)) && matches(task),
    )
    .map((task) => ({ type: 'TaskCompleted', data: { taskId: task.id, at, by } }));
}
