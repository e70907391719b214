import { openTask } from './open-task';

describe('openTask', () => {
  it('makes the open task an event describes, leaving out what the event leaves out', () => {
    const task = openTask({
      taskId: 't1',
      kind: 'follow_up',
      unitId: 'solgarden',
      createdAt: '2026-11-26T08:00:00.000Z',
    });
    expect(task).toStrictEqual({
      id: 't1',
      kind: 'follow_up',
      unitId: 'solgarden',
      status: 'open',
      createdAt: '2026-11-26T08:00:00.000Z',
    });
    expect(Object.keys(task)).not.toContain('assignee');
  });

  it('carries assignee, role, due date, deadline and action when given', () => {
    const given = {
      taskId: 't2',
      kind: 'escalation',
      assignee: 'sas',
      assigneeRole: 'division_manager',
      unitId: 'ekbacken',
      dueAt: '2026-11-27T08:00:00.000Z',
      deadlineId: 'd1',
      actionId: 'a1',
      createdAt: '2026-11-26T08:00:00.000Z',
    };
    const { taskId, ...described } = given;
    expect(openTask(given)).toStrictEqual({ id: taskId, ...described, status: 'open' });
  });
});
