import { workTaskNoticeFor } from './work-task-notices';

/** New risk and improvement tasks reach their holder (issue 21, "Notifications"). */
describe('work task notices', () => {
  const risk = { aggregateType: 'risk_assessment', id: 'r1', reference: 'RA-2026-0003' };
  const improvement = { aggregateType: 'improvement', id: 'i1', reference: 'FF-2026-0001' };

  it('tells the assignee of a risk action, linking the assessment', () => {
    expect(
      workTaskNoticeFor(
        {
          type: 'RiskTaskCreated',
          data: { taskId: 't1', kind: 'carry_out_risk_action', assignee: 'enhetschef', unitId: 'solgarden' },
        },
        risk,
      ),
    ).toEqual({
      kind: 'new_task',
      title: 'Genomför åtgärd från riskanalys: RA-2026-0003',
      body: 'Du har fått en ny uppgift: genomför åtgärd från riskanalys (RA-2026-0003).',
      path: '/riskanalyser/r1',
      recipients: [{ username: 'enhetschef' }],
      taskId: 't1',
      taskKind: 'carry_out_risk_action',
    });
  });

  it('tells the role holders of the unit when the task is for a role; a lesson opens as a lesson', () => {
    expect(
      workTaskNoticeFor(
        {
          type: 'ImprovementTaskCreated',
          data: { taskId: 't2', kind: 'check_lesson', assigneeRole: 'unit_manager', unitId: 'ekbacken' },
        },
        improvement,
      ),
    ).toMatchObject({
      path: '/forbattringar/i1?typ=lardom',
      recipients: [{ role: 'unit_manager', unitId: 'ekbacken' }],
    });
  });

  it('says nothing for other events or a task without holder', () => {
    expect(
      workTaskNoticeFor({ type: 'ImprovementTaskCompleted', data: { taskId: 't2' } }, improvement),
    ).toBeNull();
    expect(
      workTaskNoticeFor(
        { type: 'RiskTaskCreated', data: { taskId: 't3', kind: 'risk_escalation', unitId: 'solgarden' } },
        risk,
      ),
    ).toBeNull();
  });
});
