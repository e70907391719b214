import { Worker } from '@temporalio/worker';
import type { RiskAssessmentAggregateState } from '@kvalitet/domain';
import { workflowBundle } from './support/case-workflow-harness';
import { DAY, HOUR, MANAGER, RiskWorkflowHarness } from './support/risk-workflow-harness';
import { temporalDataConverter } from '@kvalitet/runtime';

const tasksOf = (state: RiskAssessmentAggregateState, kind: string) =>
  Object.values(state.tasks).filter((task) => task.kind === kind);

describe('risk assessment workflow: action deadlines met and missed (time-skipping server, real activities on Postgres)', () => {
  let h: RiskWorkflowHarness;
  const started: string[] = [];

  beforeAll(async () => {
    h = await RiskWorkflowHarness.start();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((id) => h.terminate(id)));
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function withAction(dueInMs: number): Promise<{ id: string; actionId: string; dueAt: string }> {
    const id = await h.create();
    started.push(id);
    const dueAt = new Date((await h.now()) + dueInMs).toISOString();
    const actionId = `a-${id.slice(0, 8)}`;
    const added = await h.command(id, {
      type: 'add-action',
      actor: MANAGER,
      data: {
        actionId,
        riskId: 'r1',
        title: 'Dubbelbemanning',
        owner: 'enhetschef',
        dueAt,
        causeIndexes: [0],
      },
    });
    // The command itself put the owner's task in the inbox (ADR 0021); the workflow finds it.
    expect(tasksOf(added, 'carry_out_risk_action')).toEqual([
      expect.objectContaining({ assignee: 'enhetschef', dueAt, actionId, status: 'open' }),
    ]);
    return { id, actionId, dueAt };
  }

  it('met: the owner gets a task with the due date and a reminder P2D before; completing it closes the task and nothing escalates; closing ends the workflow', async () => {
    const { id, actionId, dueAt } = await withAction(10 * DAY);
    let state = await h.settle(id, (s) => tasksOf(s, 'carry_out_risk_action').length === 1);
    expect(tasksOf(state, 'carry_out_risk_action')[0]).toMatchObject({
      assignee: 'enhetschef',
      dueAt,
      actionId,
      status: 'open',
      unitId: 'solgarden',
    });

    await h.advance(8 * DAY + HOUR);
    await h.settle(id, () => h.reminders.some((r) => r.actionId === actionId));
    expect(h.reminders.find((r) => r.actionId === actionId)).toMatchObject({
      owner: 'enhetschef',
      dueAt,
      assessmentId: id,
    });

    await h.command(id, { type: 'complete-action', actor: MANAGER, data: { actionId, result: 'Införd' } });
    await h.advance(5 * DAY);
    state = await h.settle(id, (s) => s.actions[actionId]!.status === 'completed');
    expect(state.actions[actionId]).toMatchObject({ deadlineStatus: 'met', escalationLevel: 0 });
    expect(tasksOf(state, 'carry_out_risk_action')[0]!.status).toBe('done');
    expect(await h.eventTypes(id)).not.toContain('RiskActionDeadlineMissed');

    await h.command(id, {
      type: 'reassess',
      actor: MANAGER,
      data: { riskId: 'r1', probability: 1, severity: 4, rationale: 'Lägre sannolikhet' },
    });
    await h.command(id, { type: 'close', actor: MANAGER, data: { summary: 'Klar' } });
    expect(await h.completed(id)).toEqual({ assessmentId: id, outcome: 'ended' });
  });

  it('missed: the miss is recorded and escalated one step up the chain (division manager), then after escalation_repeat to the director, and stops at the top; completing late closes the escalation tasks', async () => {
    const { id, actionId } = await withAction(1 * DAY);
    await h.settle(id, (s) => tasksOf(s, 'carry_out_risk_action').length === 1);
    await h.advance(1 * DAY + HOUR);
    let state = await h.settle(id, (s) => tasksOf(s, 'risk_escalation').length === 1);
    expect(state.actions[actionId]).toMatchObject({
      deadlineStatus: 'missed',
      escalationLevel: 1,
      escalatedTo: ['division_manager'],
    });
    expect(tasksOf(state, 'risk_escalation')[0]).toMatchObject({
      assigneeRole: 'division_manager',
      unitId: 'solgarden',
      actionId,
      status: 'open',
    });

    await h.advance(1 * DAY + HOUR);
    state = await h.settle(id, (s) => tasksOf(s, 'risk_escalation').length === 2);
    expect(state.actions[actionId]).toMatchObject({
      escalationLevel: 2,
      escalatedTo: ['division_manager', 'director'],
    });

    await h.advance(5 * DAY);
    state = await h.settle(id, () => true);
    expect(state.actions[actionId]!.escalationLevel).toBe(2);
    expect((await h.eventTypes(id)).filter((t) => t === 'RiskActionDeadlineMissed')).toHaveLength(2);

    await h.command(id, {
      type: 'complete-action',
      actor: MANAGER,
      data: { actionId, result: 'Införd sent' },
    });
    state = await h.settle(id, (s) => s.actions[actionId]!.status === 'completed');
    expect(Object.values(state.tasks).every((task) => task.status === 'done')).toBe(true);
    const status = await h.handle(id).query('riskAssessmentWorkflowStatus');
    expect(status).toMatchObject({ ended: false });
  });

  it('an action completed before its due date is never escalated, even when the due date passes while the workflow sleeps', async () => {
    const { id, actionId } = await withAction(2 * DAY);
    await h.settle(id, (s) => tasksOf(s, 'carry_out_risk_action').length === 1);
    await h.advance(HOUR);
    await h.command(id, {
      type: 'complete-action',
      actor: MANAGER,
      data: { actionId, result: 'Klart direkt' },
    });
    await h.advance(3 * DAY);
    const state = await h.settle(id, (s) => s.actions[actionId]!.status === 'completed');
    expect(tasksOf(state, 'risk_escalation')).toHaveLength(0);
    expect(h.reminders.filter((r) => r.actionId === actionId)).toHaveLength(0);
  });

  it('a recorded history (action added, missed, escalated twice, completed, closed) replays on the current workflow code', async () => {
    const { id, actionId } = await withAction(1 * DAY);
    await h.settle(id, (s) => tasksOf(s, 'carry_out_risk_action').length === 1);
    await h.advance(2 * DAY + 2 * HOUR);
    await h.settle(id, (s) => tasksOf(s, 'risk_escalation').length === 2);
    await h.command(id, { type: 'complete-action', actor: MANAGER, data: { actionId, result: 'Sent' } });
    await h.command(id, {
      type: 'reassess',
      actor: MANAGER,
      data: { riskId: 'r1', probability: 2, severity: 4, rationale: 'ok' },
    });
    await h.command(id, { type: 'close', actor: MANAGER, data: { summary: 'Klar' } });
    await h.completed(id);
    const history = await h.handle(id).fetchHistory();
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter: temporalDataConverter() },
        history,
        `risk-assessment-${id}`,
      ),
    ).resolves.toBeUndefined();
  });
});
