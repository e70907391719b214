import type { Task } from '../api/types';
import { filterTasks, sortTasks } from './tasks';

const task = (
  id: string,
  caseNumber: string,
  dueAt: string | null,
  created: string,
  extra: Partial<Task> = {},
): Task => ({
  id,
  caseId: `c-${id}`,
  caseNumber,
  caseType: 'deviation',
  kind: 'acknowledge',
  unitId: 'solgarden',
  assignee: null,
  assigneeRole: 'unit_manager',
  dueAt,
  overdue: false,
  status: 'open',
  createdAt: created,
  completedAt: null,
  ...extra,
});

const tasks = [
  task('a', 'AV-2026-0002', '2026-11-30T10:00:00Z', '2026-11-20T10:00:00Z'),
  task('b', 'LS-2026-0001', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z', {
    caseType: 'lex_sarah',
    overdue: true,
  }),
  task('c', 'AV-2026-0001', null, '2026-11-22T10:00:00Z'),
];

describe('task inbox sorting and filters', () => {
  it('sorts by due date with undated tasks last', () => {
    expect(sortTasks(tasks, 'due').map((t) => t.id)).toEqual(['b', 'a', 'c']);
  });
  it('sorts by newest first and by case number', () => {
    expect(sortTasks(tasks, 'created').map((t) => t.id)).toEqual(['c', 'b', 'a']);
    expect(sortTasks(tasks, 'case').map((t) => t.id)).toEqual(['c', 'a', 'b']);
  });
  it('filters by case type and overdue', () => {
    expect(filterTasks(tasks, { caseType: 'lex_sarah', overdueOnly: false }).map((t) => t.id)).toEqual(['b']);
    expect(filterTasks(tasks, { caseType: '', overdueOnly: true }).map((t) => t.id)).toEqual(['b']);
    expect(filterTasks(tasks, { caseType: '', overdueOnly: false })).toHaveLength(3);
  });
});
