import type { CaseDeadlineKind } from '../case-deadline-kind';
import type { DeadlineMet, TaskCompleted } from '../case-events';
import type { CaseAggregateState, CaseDeadlineState, CaseTaskState } from '../case-state';
import type { CaseTaskKind } from '../case-task-kind';

/**
 * The deadline and task bookkeeping that follows from a person's work: the user command meets the
 * deadlines it answers and completes the tasks it was waiting for, in the same event batch, so the
 * event store's optimistic concurrency arbitrates a race with a timer (`record-deadline-missed`).
 *
 * Late work still meets a missed deadline, marked `late` (ADR 0009): the miss stays in the history,
 * the escalation stops, and statistics can tell "met late" from "never met". The escalation tasks
 * the miss raised are done with it.
 */
export function meetOpenDeadlines(
  state: CaseAggregateState,
  kinds: readonly CaseDeadlineKind[],
  at: string,
  by: string,
  matches: (deadline: CaseDeadlineState) => boolean = () => true,
): (DeadlineMet | TaskCompleted)[] {
  const met = Object.values(state.deadlines).filter(
    (deadline) =>
      (deadline.status === 'open' || deadline.status === 'missed') &&
      kinds.includes(deadline.kind) &&
      matches(deadline),
  );
  const metIds = new Set(met.map((deadline) => deadline.id));
  return [
    ...met.map((deadline): DeadlineMet => ({
      type: 'DeadlineMet',
      data: { deadlineId: deadline.id, at, ...(deadline.status === 'missed' ? { late: true } : {}) },
    })),
    ...completeOpenTasks(state, ['escalation'], at, by, (task) =>
      task.deadlineId === undefined ? false : metIds.has(task.deadlineId),
    ),
  ];
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
