/** What a task-created event carries, in the case and the risk-assessment streams alike. */
export interface NewTaskData<TKind extends string> {
  readonly taskId: string;
  readonly kind: TKind;
  readonly assignee?: string;
  readonly assigneeRole?: string;
  readonly unitId: string;
  readonly dueAt?: string;
  readonly deadlineId?: string;
  readonly actionId?: string;
  readonly createdAt: string;
}

export type OpenTask<TKind extends string> = Omit<NewTaskData<TKind>, 'taskId'> & {
  readonly id: string;
  readonly status: 'open';
};

/** The open task a task-created event describes; fields the event leaves out stay absent in the state. */
export function openTask<TKind extends string>(data: NewTaskData<TKind>): OpenTask<TKind> {
  const { taskId, kind, assignee, assigneeRole, unitId, dueAt, deadlineId, actionId, createdAt } = data;
  return {
    id: taskId,
    kind,
    ...(assignee === undefined ? {} : { assignee }),
    ...(assigneeRole === undefined ? {} : { assigneeRole }),
    unitId,
    ...(dueAt === undefined ? {} : { dueAt }),
    ...(deadlineId === undefined ? {} : { deadlineId }),
    ...(actionId === undefined ? {} : { actionId }),
    status: 'open',
    createdAt,
  };
}
