import {
  CaseWorkflowHarness,
  DAY,
  MANAGER,
  SAS,
  actionId as newActionId,
  deadlinesOf,
  tasksOf,
} from './support/case-workflow-harness';

const HISTORY_LIMIT = 200;

describe('case workflow: a case open for a year (time-skipping server, Postgres)', () => {
  let h: CaseWorkflowHarness;

  beforeAll(async () => {
    h = await CaseWorkflowHarness.start({ historyLimit: HISTORY_LIMIT });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('keeps escalating every day for a year, continues as new before the history grows large, and deadlines started after continue-as-new still fire', async () => {
    const caseId = await h.report('lex_sarah');
    await h.settle(caseId, (s) => deadlinesOf(s).length === 2);
    await h.command(caseId, { type: 'acknowledge', actor: SAS, data: {} });
    await h.command(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
    await h.command(caseId, { type: 'start-investigation', actor: SAS, data: {} });
    await h.settle(caseId, (s) => tasksOf(s, 'investigate').length === 1);
    const firstRunId = (await h.handle(caseId).describe()).runId;

    // 200 days: the investigation (P14D) is missed on day 14 and escalated every day after.
    for (let day = 0; day < 200; day += 20) await h.advance(20 * DAY);
    let state = await h.settle(
      caseId,
      (s) => (deadlinesOf(s, 'lex_sarah_investigation')[0]?.escalationLevel ?? 0) >= 186,
    );
    let status = await h.status(caseId);
    expect(status.runs).toBeGreaterThan(1);

    // An action added now, long after the first continue-as-new: reminder before, miss after.
    const actionId = newActionId();
    const dueAt = new Date((await h.now()) + 60 * DAY).toISOString();
    await h.command(caseId, {
      type: 'add-action',
      actor: MANAGER,
      data: { actionId, title: 'Ny bemanning nattetid', level: 'organisational', owner: 'enhetschef', dueAt },
    });
    await h.settle(caseId, (s) => deadlinesOf(s, 'action').length === 1);
    for (let day = 0; day < 165; day += 15) await h.advance(15 * DAY);

    state = await h.settle(
      caseId,
      (s) =>
        deadlinesOf(s, 'action')[0]?.status === 'missed' &&
        (deadlinesOf(s, 'lex_sarah_investigation')[0]?.escalationLevel ?? 0) >= 350,
    );
    status = await h.status(caseId);
    const description = await h.handle(caseId).describe();
    expect(description.runId).not.toBe(firstRunId);
    expect(status.runs).toBeGreaterThan(10);
    expect(description.historyLength).toBeLessThan(HISTORY_LIMIT + 50);

    const investigation = deadlinesOf(state, 'lex_sarah_investigation')[0]!;
    const action = deadlinesOf(state, 'action')[0]!;
    // Every day one level, never one twice, none lost across the runs.
    const events = (await h.cases.load(caseId)).events;
    const misses = events
      .filter((e) => e.type === 'DeadlineMissed' && e.data['deadlineId'] === investigation.id)
      .map((e) => e.data['escalationLevel']);
    expect(misses).toEqual(Array.from({ length: investigation.escalationLevel }, (_, i) => i + 1));
    expect(Math.abs(investigation.escalationLevel - 351)).toBeLessThanOrEqual(2);
    expect(action.escalationLevel).toBeGreaterThanOrEqual(100);
    expect(h.reminders.filter((r) => r.caseId === caseId && r.kind === 'action')).toHaveLength(1);
    // One escalation task per role and deadline, however long it stays late.
    expect(
      tasksOf(state, 'escalation')
        .map((t) => `${t.deadlineId === investigation.id ? 'investigation' : 'action'}:${t.assigneeRole}`)
        .sort(),
    ).toEqual([
      'action:director',
      'action:division_manager',
      'action:lex_sarah_investigator',
      'investigation:director',
      'investigation:division_manager',
      'investigation:lex_sarah_investigator',
    ]);

    await h.command(caseId, {
      type: 'record-investigation',
      actor: SAS,
      data: { summary: 'Utrett till slut', causes: ['staffing'] },
    });
    state = await h.settle(caseId, (s) =>
      tasksOf(s, 'escalation')
        .filter((t) => t.deadlineId === investigation.id)
        .every((t) => t.status === 'done'),
    );
    await h.terminate(caseId);
  });
});
