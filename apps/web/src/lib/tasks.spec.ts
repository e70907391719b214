import type { Task } from '../api/types';
import { filterTasks, sortTasks, TASK_KIND_LABELS, TASK_SOURCE_LABELS, taskHref } from './tasks';

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
  protectedIdentity: false,
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

describe('tasks of registers, risk assessments and improvement work in the inbox (issue 22)', () => {
  it('links each task to where it is done', () => {
    expect(taskHref({ caseId: 'c1', caseType: 'lex_sarah' })).toBe('/arenden/c1');
    expect(taskHref({ caseId: 'r1', caseType: 'risk_assessment' })).toBe('/riskanalyser/r1');
    // routine_revision and routine_revision_escalation: the routine's own page (PR-5, PR-8).
    expect(taskHref({ caseId: 'p1', caseType: 'routine' })).toBe('/ledningssystem/rutiner/p1');
    expect(taskHref({ caseId: 'i1', caseType: 'improvement' })).toBeNull();
    expect(taskHref({ id: 't1', caseId: 'e1', caseType: 'egenkontroll' })).toBe(
      '/ledningssystem/egenkontroll/e1?uppgift=t1',
    );
    expect(taskHref({ caseId: 'k1', caseType: 'internkontroll' })).toBe('/ledningssystem/internkontroll/k1');
    expect(
      taskHref({ caseId: 'd1', caseType: 'ledningssystem', kind: 'ledningssystem_review_escalation' }),
    ).toBe('/ledningssystem/arlig-genomgang');
    expect(taskHref({ caseId: 'd1', caseType: 'ledningssystem' })).toBe('/ledningssystem/dokument');
    expect(taskHref({ caseId: 'a1', caseType: 'appointment' })).toBe('/ledningssystem/forordnanden');
    expect(taskHref({ caseId: 't1', caseType: 'training' })).toBe('/ledningssystem/utbildning?person=t1');
    expect(taskHref({ caseId: 'o1', caseType: 'risk_observation' })).toBe(
      '/ledningssystem/riskobservationer?observation=o1',
    );
    expect(taskHref({ caseId: 'y1', caseType: 'arshjul' })).toBe('/ledningssystem/arshjul?plan=y1');
  });
  it('labels every kind and source in Swedish, not as codes', () => {
    expect(TASK_KIND_LABELS.routine_revision).toBe('Revidera rutin eller process');
    expect(TASK_KIND_LABELS.acknowledge).toBe('Ge återkoppling');
    expect(TASK_SOURCE_LABELS.egenkontroll).toBe('Egenkontroll');
    for (const label of [...Object.values(TASK_KIND_LABELS), ...Object.values(TASK_SOURCE_LABELS)])
      expect(label).toMatch(/^[A-ZÅÄÖ]/);
  });
});
