/** Who a task is for and by when, as a view shows it: what the task leaves out is null. */
export interface AssignmentView<TKind extends string = string> {
  readonly id: string;
  readonly kind: TKind;
  readonly assignee: string | null;
  readonly assigneeRole: string | null;
  readonly unitId: string;
  readonly dueAt: string | null;
}

export function assignmentViewOf<TKind extends string>(task: {
  readonly id: string;
  readonly kind: TKind;
  readonly assignee?: string;
  readonly assigneeRole?: string;
  readonly unitId: string;
  readonly dueAt?: string;
}): AssignmentView<TKind> {
  return {
    id: task.id,
    kind: task.kind,
    assignee: task.assignee ?? null,
    assigneeRole: task.assigneeRole ?? null,
    unitId: task.unitId,
    dueAt: task.dueAt ?? null,
  };
}
