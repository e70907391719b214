import type { Task } from '../api/types';

export type TaskSort = 'due' | 'created' | 'case';

/** Tasks without a due date last when sorting by due date; ties by case number. */
export function sortTasks(tasks: readonly Task[], sort: TaskSort): Task[] {
  const byCase = (a: Task, b: Task) => a.caseNumber.localeCompare(b.caseNumber, 'sv');
  const time = (v: string | null) => (v ? Date.parse(v) : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => {
    if (sort === 'case') return byCase(a, b) || time(a.dueAt) - time(b.dueAt);
    if (sort === 'created') return Date.parse(b.createdAt) - Date.parse(a.createdAt) || byCase(a, b);
    return time(a.dueAt) - time(b.dueAt) || byCase(a, b);
  });
}

export interface TaskFilter {
  caseType: string;
  overdueOnly: boolean;
}

export function filterTasks(tasks: readonly Task[], filter: TaskFilter): Task[] {
  return tasks.filter(
    (t) => (filter.caseType === '' || t.caseType === filter.caseType) && (!filter.overdueOnly || t.overdue),
  );
}
