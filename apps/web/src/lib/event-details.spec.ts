import { eventDetail } from './event-details';

describe('timeline details', () => {
  const context = {
    deadlines: [{ id: 'd1', kind: 'ivo_report', dueAt: '2026-12-02T10:00:00Z' }],
    tasks: [{ id: 't1', kind: 'acknowledge', assigneeRole: 'unit_manager' }],
  };
  it('names deadlines and tasks that events refer to by id', () => {
    expect(eventDetail('DeadlineMet', { deadlineId: 'd1', at: 'x' }, context)).toBe(
      'Anmälan till IVO · frist 2026-12-02 11:00',
    );
    expect(eventDetail('TaskCompleted', { taskId: 't1', by: 'x' }, context)).toBe(
      'Ge återkoppling · Enhetschef',
    );
    expect(eventDetail('TaskCompleted', { taskId: 'okänd' }, context)).toBe('');
  });
  it('names the deadline a reclassification cancelled (issue 22)', () => {
    expect(eventDetail('DeadlineCancelled', { deadlineId: 'd1', reason: 'path_changed' }, context)).toBe(
      'Anmälan till IVO · frist 2026-12-02 11:00',
    );
  });
  it('describes decisions and IVO reports in Swedish', () => {
    expect(eventDetail('CaseDecided', { outcome: 'allvarligt_missforhallande', rationale: 'R' })).toBe(
      'Allvarligt missförhållande · R',
    );
    expect(eventDetail('ReportedToIvo', { ivoReference: 'IVO 1' })).toBe('IVO:s diarienummer IVO 1');
  });
});
