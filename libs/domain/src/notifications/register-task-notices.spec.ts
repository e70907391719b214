import { registerTaskNoticesFor } from './register-task-notices';
import { workTaskNoticeFor } from './work-task-notices';

const task = (overrides: Record<string, unknown>) => ({
  id: 't1',
  dutyKey: 'revision/2027-02-01',
  kind: 'routine_revision',
  title: 'Revidera rutin: Nattfasta hos Kalle Andersson',
  level: 0,
  assignee: null,
  assigneeRole: 'unit_manager',
  unitId: 'solgarden',
  dueAt: '2027-02-01T11:00:00.000Z',
  status: 'open',
  createdAt: '2026-12-03T11:00:00.000Z',
  completedAt: null,
  ...overrides,
});

/** Register duties (PR-5, EK-3, DL-29, AUD-5, IK-2) and their escalations (DL-15) reach their holder (issue 21). */
describe('register task notices', () => {
  it('tells the role holders of a new duty task, linking the page where it is done, never the duty title', () => {
    const [notice, ...rest] = registerTaskNoticesFor(
      { type: 'DutyTasksOpened', data: { at: '2026-12-03T11:00:00.000Z', tasks: [task({})] } },
      { aggregateType: 'routine', id: 'r 1' },
    );
    expect(rest).toEqual([]);
    expect(notice).toEqual({
      kind: 'new_task',
      title: 'Revidera rutin eller process',
      body: 'Du har fått en ny uppgift: revidera rutin eller process, senast 1 februari 2027.',
      path: '/ledningssystem/rutiner/r%201',
      recipients: [{ role: 'unit_manager', unitId: 'solgarden' }],
      taskId: 't1',
      taskKind: 'routine_revision',
    });
    expect(JSON.stringify(notice)).not.toContain('Kalle');
  });

  it('an escalation goes to the role it was escalated to; a person assignee gets it by name', () => {
    const notices = registerTaskNoticesFor(
      {
        type: 'DutyTasksOpened',
        data: {
          tasks: [
            task({
              id: 't2',
              kind: 'egenkontroll_control_escalation',
              level: 1,
              assigneeRole: 'director',
              unitId: 'forvaltning',
            }),
            task({ id: 't3', kind: 'lex_sarah_information', assignee: 'Staff', assigneeRole: null }),
          ],
        },
      },
      { aggregateType: 'egenkontroll', id: 'ek1' },
    );
    expect(notices.map((n) => [n.kind, n.title, n.path, n.recipients])).toEqual([
      [
        'escalation',
        'Eskalerat till dig: genomför egenkontroll',
        '/ledningssystem/egenkontroll/ek1?uppgift=t2',
        [{ role: 'director', unitId: 'forvaltning' }],
      ],
      [
        'new_task',
        'Informera om lex Sarah',
        '/ledningssystem/egenkontroll/ek1?uppgift=t3',
        [{ username: 'Staff' }],
      ],
    ]);
    expect(notices[0]!.body).toBe(
      'En uppgift har inte blivit gjord i tid och har eskalerats till dig: genomför egenkontroll (skulle ha varit klar 1 februari 2027).',
    );
  });

  it('says nothing for other events, malformed data or a task without holder', () => {
    expect(
      registerTaskNoticesFor({ type: 'RoutineRevised', data: {} }, { aggregateType: 'routine', id: 'r1' }),
    ).toEqual([]);
    expect(
      registerTaskNoticesFor({ type: 'DutyTasksOpened', data: null }, { aggregateType: 'routine', id: 'r1' }),
    ).toEqual([]);
    expect(
      registerTaskNoticesFor(
        { type: 'DutyTasksOpened', data: { tasks: [task({ assigneeRole: null })] } },
        { aggregateType: 'routine', id: 'r1' },
      ),
    ).toEqual([]);
  });

  it('links each register to its page, as the inbox does', () => {
    const path = (aggregateType: string, kind = 'x') =>
      registerTaskNoticesFor(
        { type: 'DutyTasksOpened', data: { tasks: [task({ kind })] } },
        { aggregateType, id: 'a1' },
      )[0]!.path;
    expect(path('appointment')).toBe('/ledningssystem/forordnanden');
    expect(path('training')).toBe('/ledningssystem/utbildning?person=a1');
    expect(path('internkontroll')).toBe('/ledningssystem/internkontroll/a1?uppgift=t1');
    expect(path('arshjul')).toBe('/ledningssystem/arshjul?plan=a1');
    expect(path('risk_observation')).toBe('/ledningssystem/riskobservationer?observation=a1');
    expect(path('ledningssystem', 'ledningssystem_review')).toBe('/ledningssystem/arlig-genomgang');
    expect(path('ledningssystem', 'ledningssystem_review_escalation')).toBe(
      '/ledningssystem/arlig-genomgang',
    );
  });
});

/** A risk action's escalation task (DL-15) is told as an escalation to the role it went to. */
describe('risk escalation notice', () => {
  it('is an escalation with the reference and a link to the assessment', () => {
    expect(
      workTaskNoticeFor(
        {
          type: 'RiskTaskCreated',
          data: { taskId: 't9', kind: 'risk_escalation', assigneeRole: 'director', unitId: 'solgarden' },
        },
        { aggregateType: 'risk_assessment', id: 'r1', reference: 'RA-2026-0003' },
      ),
    ).toMatchObject({
      kind: 'escalation',
      title: 'Eskalerat till dig: åtgärd i riskanalys RA-2026-0003',
      path: '/riskanalyser/r1',
      recipients: [{ role: 'director', unitId: 'solgarden' }],
    });
  });
});
