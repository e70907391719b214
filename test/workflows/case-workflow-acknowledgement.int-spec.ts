import {
  CaseWorkflowHarness,
  DAY,
  HOUR,
  MANAGER,
  deadlinesOf,
  tasksOf,
} from './support/case-workflow-harness';

describe('case workflow: acknowledgement (time-skipping server, real activities on Postgres)', () => {
  let h: CaseWorkflowHarness;
  const started: string[] = [];

  beforeAll(async () => {
    h = await CaseWorkflowHarness.start();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((id) => h.terminate(id)));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a complaint gets the acknowledgement deadline (PT24H, policy version) and the unit manager an acknowledge task; acknowledging meets it', async () => {
    const caseId = await h.report('complaint');
    started.push(caseId);
    const before = await h.settle(
      caseId,
      (s) => deadlinesOf(s, 'acknowledgement').length === 1 && tasksOf(s, 'acknowledge').length === 1,
    );
    const [deadline] = deadlinesOf(before, 'acknowledgement');
    expect(deadline).toMatchObject({ status: 'open', policyVersion: 1 });
    expect(Date.parse(deadline!.dueAt) - Date.parse(before.reportedAt)).toBe(24 * HOUR);
    expect(tasksOf(before, 'acknowledge')[0]).toMatchObject({
      assigneeRole: 'unit_manager',
      unitId: 'solgarden',
      status: 'open',
      deadlineId: deadline!.id,
      dueAt: deadline!.dueAt,
    });

    await h.advance(20 * HOUR);
    await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: { note: 'Mottaget' } });
    await h.settle(caseId, (_s, st) => st?.deadlines[0]?.status === 'met');
    await h.advance(3 * DAY);
    const after = await h.settle(caseId);
    expect(deadlinesOf(after, 'acknowledgement')[0]).toMatchObject({ status: 'met', escalationLevel: 0 });
    expect(tasksOf(after, 'escalation')).toHaveLength(0);
    expect(await h.eventTypes(caseId)).not.toContain('DeadlineMissed');
    expect(h.reminders.filter((r) => r.caseId === caseId)).toHaveLength(0);
  });

  it('missed: a reminder and an escalation to the division manager; then every escalation_repeat one level up (director), staying at the top; a late acknowledgement stops it and closes the escalation tasks', async () => {
    const caseId = await h.report('complaint');
    started.push(caseId);
    await h.settle(caseId, (s) => deadlinesOf(s, 'acknowledgement').length === 1);

    await h.advance(24 * HOUR + 60_000);
    let state = await h.settle(caseId, (s) => deadlinesOf(s, 'acknowledgement')[0]?.status === 'missed');
    expect(deadlinesOf(state, 'acknowledgement')[0]).toMatchObject({
      escalationLevel: 1,
      escalatedTo: ['division_manager'],
    });
    expect(tasksOf(state, 'escalation').map((t) => t.assigneeRole)).toEqual(['division_manager']);
    expect(h.reminders.filter((r) => r.caseId === caseId)).toEqual([
      expect.objectContaining({
        kind: 'acknowledgement',
        when: 'missed',
        recipients: [{ role: 'unit_manager', unitId: 'solgarden' }],
      }),
    ]);

    await h.advance(DAY);
    state = await h.settle(caseId, (s) => deadlinesOf(s, 'acknowledgement')[0]?.escalationLevel === 2);
    expect(deadlinesOf(state, 'acknowledgement')[0]!.escalatedTo).toEqual(['division_manager', 'director']);
    expect(
      tasksOf(state, 'escalation')
        .map((t) => t.assigneeRole)
        .sort(),
    ).toEqual(['director', 'division_manager']);

    await h.advance(DAY);
    state = await h.settle(caseId, (s) => deadlinesOf(s, 'acknowledgement')[0]?.escalationLevel === 3);
    // At the top of the chain: a new miss level is recorded, but the director gets no second task.
    expect(tasksOf(state, 'escalation')).toHaveLength(2);
    expect((await h.eventTypes(caseId)).filter((t) => t === 'DeadlineMissed')).toHaveLength(3);

    await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    state = await h.settle(caseId, (s) => tasksOf(s, 'escalation').every((t) => t.status === 'done'));
    await h.advance(5 * DAY);
    state = await h.settle(caseId);
    // Met late (ADR 0009): the miss and its three escalation levels stay in the history.
    expect(deadlinesOf(state, 'acknowledgement')[0]).toMatchObject({
      status: 'met',
      metLate: true,
      escalationLevel: 3,
    });
    expect(h.reminders.filter((r) => r.caseId === caseId)).toHaveLength(1);
    expect((await h.eventTypes(caseId)).filter((t) => t === 'DeadlineReminderSent')).toHaveLength(1);
    expect((await h.eventTypes(caseId)).filter((t) => t === 'DeadlineMissed')).toHaveLength(3);
    expect(tasksOf(state, 'acknowledge')[0]!.status).toBe('done');
  });
});
