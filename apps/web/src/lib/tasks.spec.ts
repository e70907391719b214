import { inboxCountsPath, inboxPath, TASK_KIND_LABELS, TASK_SOURCE_LABELS, taskHref } from './tasks';

describe('the inbox asks the api for its page, order, filters and counts (issue 21)', () => {
  const filter = {
    status: 'open' as const,
    sort: 'newest' as const,
    kind: 'acknowledge',
    caseType: 'deviation',
    overdueOnly: true,
    q: ' 9141 ',
  };
  it('sends every filter, the order and the page', () => {
    expect(inboxPath(filter, 3)).toBe(
      '/api/v1/tasks?status=open&caseType=deviation&overdue=true&q=9141&sort=newest&kind=acknowledge&page=3&pageSize=50',
    );
  });
  it('counts for the same filters but every kind', () => {
    expect(inboxCountsPath(filter)).toBe(
      '/api/v1/tasks/counts?status=open&caseType=deviation&overdue=true&q=9141',
    );
  });
  it('leaves out what is not chosen; done tasks are never overdue', () => {
    expect(inboxPath({ ...filter, status: 'done', kind: '', caseType: '', q: '' }, 1)).toBe(
      '/api/v1/tasks?status=done&sort=newest&page=1&pageSize=50',
    );
  });
});

describe('tasks of registers, risk assessments and improvement work in the inbox (issue 22)', () => {
  it('links each task to where it is done', () => {
    expect(taskHref({ caseId: 'c1', caseType: 'lex_sarah' })).toBe('/arenden/c1');
    expect(taskHref({ caseId: 'r1', caseType: 'risk_assessment' })).toBe('/riskanalyser/r1');
    // routine_revision and routine_revision_escalation: the routine's own page (PR-5, PR-8).
    expect(taskHref({ caseId: 'p1', caseType: 'routine' })).toBe('/ledningssystem/rutiner/p1');
    expect(taskHref({ caseId: 'i1', caseType: 'improvement' })).toBe('/forbattringar/i1');
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
