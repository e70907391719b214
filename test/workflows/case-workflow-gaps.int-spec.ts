import { DEFAULT_DEADLINE_POLICY, DEFAULT_DELEGATION_ITEMS, stockholmDateOf } from '@kvalitet/domain';
import type { CaseActor } from '@kvalitet/domain';
import { DelegationRegisterRepository, EventStore } from '@kvalitet/persistence';
import {
  CaseWorkflowHarness,
  DAY,
  HOUR,
  MANAGER,
  SAS,
  actionId as newActionId,
  deadlinesOf,
  tasksOf,
} from './support/case-workflow-harness';

const DIRECTOR: CaseActor = { username: 'forvaltningschef', roles: ['director'] };
const DIVISION: CaseActor = { username: 'avdelningschef', roles: ['division_manager'] };

/**
 * ADR 0009 and the rest of issue 5 on the time-skipping server with the real activities on Postgres:
 * late work meets a missed deadline (met late, escalation stops), a new serious decision after a
 * reopen needs a new IVO notification, a reclassification cancels the superseded deadlines by an
 * event, reminders are events, and a `decide` task goes to the delegate of the delegation register.
 */
describe('case workflow: met late, IVO after reopen, cancelled deadlines, reminders, delegated decisions', () => {
  let h: CaseWorkflowHarness;
  const started: string[] = [];

  beforeAll(async () => {
    h = await CaseWorkflowHarness.start();
  });
  afterEach(async () => {
    h.policy.set(DEFAULT_DEADLINE_POLICY);
    await Promise.all(started.splice(0).map((id) => h.terminate(id)));
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function report(type: Parameters<CaseWorkflowHarness['report']>[0]) {
    const caseId = await h.report(type);
    started.push(caseId);
    return caseId;
  }

  const missedCount = async (caseId: string) =>
    (await h.eventTypes(caseId)).filter((type) => type === 'DeadlineMissed').length;

  it('late work meets the missed deadline as met late; its escalation tasks close and escalation stops', async () => {
    const caseId = await report('lex_sarah');
    await h.settle(caseId, (s) => deadlinesOf(s, 'lex_sarah_first_response').length === 1);
    await h.advance(4 * HOUR + 1000);
    let state = await h.settle(
      caseId,
      (s) =>
        deadlinesOf(s, 'lex_sarah_first_response')[0]?.status === 'missed' &&
        tasksOf(s, 'escalation').length === 2,
    );
    const missedAt = deadlinesOf(state, 'lex_sarah_first_response')[0]!.missedAt;
    await h.advance(HOUR);
    await h.command(caseId, { type: 'acknowledge', actor: SAS, data: {} });
    state = await h.settle(caseId, (s) => tasksOf(s, 'escalation').every((t) => t.status === 'done'));
    expect(deadlinesOf(state, 'lex_sarah_first_response')[0]).toMatchObject({
      status: 'met',
      metLate: true,
      missedAt,
      escalationLevel: 1,
    });
    const events = (await h.cases.load(caseId)).events;
    expect(events.find((e) => e.type === 'DeadlineMet')?.data).toMatchObject({ late: true });
    const misses = await missedCount(caseId);
    await h.advance(3 * DAY);
    await h.settle(caseId, (_s, status) =>
      Boolean(status?.deadlines.some((d) => d.kind === 'lex_sarah_first_response' && d.status === 'met')),
    );
    // The lex Sarah investigation (P14D) is not due yet: no further misses after the late receipt.
    expect(await missedCount(caseId)).toBe(misses);
  });

  it('reopen + a new serious decision starts a new IVO deadline and task; it escalates to the director when missed', async () => {
    const caseId = await report('lex_sarah');
    await h.settle(caseId, (s) => tasksOf(s, 'acknowledge').length === 2);
    await h.command(caseId, { type: 'acknowledge', actor: SAS, data: {} });
    await h.command(caseId, { type: 'start-investigation', actor: SAS, data: {} });
    await h.command(caseId, {
      type: 'record-investigation',
      actor: SAS,
      data: { summary: 'Utrett', causes: ['x'] },
    });
    let state = await h.settle(caseId, (s) => tasksOf(s, 'decide').length === 1);
    expect(tasksOf(state, 'decide')[0]).toMatchObject({ assigneeRole: 'director', status: 'open' });
    await h.command(caseId, {
      type: 'decide',
      actor: DIRECTOR,
      data: { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt' },
    });
    state = await h.settle(
      caseId,
      (s) => deadlinesOf(s, 'ivo_report').length === 1 && tasksOf(s, 'report_to_ivo').length === 1,
    );
    expect(tasksOf(state, 'decide')[0]!.status).toBe('done');
    await h.command(caseId, {
      type: 'report-to-ivo',
      actor: DIRECTOR,
      data: { ivoReference: 'IVO-1', reportedAt: new Date(await h.now()).toISOString() },
    });
    // api.md v1.1: a serious lex Sarah case closes only once the nämnd is informed (DL-6).
    await h.command(caseId, {
      type: 'inform-board',
      actor: DIRECTOR,
      data: { meetingDate: stockholmDateOf(new Date(await h.now())) },
    });
    await h.command(caseId, { type: 'close', actor: DIRECTOR, data: { summary: 'Klart' } });
    await h.completed(caseId);

    await h.advance(10 * DAY);
    await h.command(caseId, { type: 'reopen', actor: SAS, data: { reason: 'IVO begär ny utredning' } });
    await h.command(caseId, {
      type: 'record-investigation',
      actor: SAS,
      data: { summary: 'Ny', causes: ['y'] },
    });
    state = await h.settle(
      caseId,
      (s) => tasksOf(s, 'decide').filter((t) => t.status === 'open').length === 1,
    );
    await h.command(caseId, {
      type: 'decide',
      actor: DIRECTOR,
      data: { outcome: 'pataglig_risk_for_allvarligt_missforhallande', rationale: 'Nya fakta' },
    });
    state = await h.settle(
      caseId,
      (s) =>
        deadlinesOf(s, 'ivo_report').length === 2 &&
        tasksOf(s, 'report_to_ivo').some((t) => t.status === 'open'),
    );
    const second = deadlinesOf(state, 'ivo_report').find((d) => d.status === 'open')!;
    await h.advance(7 * DAY + 1000);
    state = await h.settle(
      caseId,
      (s) => s.deadlines[second.id]?.status === 'missed' && tasksOf(s, 'escalation').length >= 1,
    );
    expect(state.deadlines[second.id]).toMatchObject({ escalatedTo: expect.arrayContaining(['director']) });
    // Closing is refused until the second decision is notified; then it closes.
    await expect(
      h.command(caseId, { type: 'close', actor: DIRECTOR, data: { summary: 'Klart' } }),
    ).rejects.toMatchObject({ refusal: { reason: 'IVO_REPORT_REQUIRED' } });
    await h.command(caseId, {
      type: 'report-to-ivo',
      actor: DIRECTOR,
      data: { ivoReference: 'IVO-2', reportedAt: new Date(await h.now()).toISOString() },
    });
    state = await h.settle(caseId, (s) => tasksOf(s, 'escalation').every((t) => t.status === 'done'));
    expect(state.deadlines[second.id]).toMatchObject({ status: 'met', metLate: true });
    expect(state.ivoReport).toMatchObject({ ivoReference: 'IVO-2', investigationSeq: 2 });
  });

  it('complaint → deviation: the acknowledgement deadline is cancelled by an event, the investigation counts from the report', async () => {
    const caseId = await report('complaint');
    let state = await h.settle(caseId, (s) => deadlinesOf(s, 'acknowledgement').length === 1);
    await h.advance(30 * HOUR);
    state = await h.settle(caseId, (s) => deadlinesOf(s, 'acknowledgement')[0]?.status === 'missed');
    await h.command(caseId, {
      type: 'classify',
      actor: MANAGER,
      data: { type: 'deviation', category: 'rutin', rationale: 'Avvikelse från rutin' },
    });
    state = await h.settle(
      caseId,
      (s) =>
        deadlinesOf(s, 'acknowledgement')[0]?.status === 'cancelled' &&
        deadlinesOf(s, 'investigation').length === 1,
    );
    expect(deadlinesOf(state, 'acknowledgement')[0]).toMatchObject({
      cancelReason: 'path_changed',
      escalationLevel: 1,
    });
    expect(tasksOf(state, 'escalation').every((t) => t.status === 'done')).toBe(true);
    expect(Date.parse(deadlinesOf(state, 'investigation')[0]!.dueAt) - Date.parse(state.reportedAt)).toBe(
      30 * DAY,
    );
    const cancelled = (await h.cases.load(caseId)).events.filter((e) => e.type === 'DeadlineCancelled');
    expect(cancelled.map((e) => e.data)).toEqual([
      expect.objectContaining({ reason: 'path_changed', toType: 'deviation' }),
    ]);
    const misses = await missedCount(caseId);
    await h.advance(2 * DAY);
    await h.settle(caseId);
    expect(await missedCount(caseId)).toBe(misses);
  });

  it('an action reminder is an event on the case and is delivered once', async () => {
    const caseId = await report('deviation');
    await h.settle(caseId, (s) => deadlinesOf(s, 'investigation').length === 1);
    const actionId = newActionId();
    const dueAt = new Date((await h.now()) + 5 * DAY).toISOString();
    await h.command(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
    await h.command(caseId, {
      type: 'add-action',
      actor: MANAGER,
      data: { actionId, title: 'Ny rutin', level: 'organisational', owner: 'enhetschef', dueAt },
    });
    await h.settle(caseId, (s) => deadlinesOf(s, 'action').length === 1);
    const before = h.reminders.length;
    await h.advance(3 * DAY + HOUR);
    const state = await h.settle(caseId, (s) => (deadlinesOf(s, 'action')[0]?.reminders ?? []).length === 1);
    expect(deadlinesOf(state, 'action')[0]!.reminders).toEqual(['before']);
    const sent = (await h.cases.load(caseId)).events.filter((e) => e.type === 'DeadlineReminderSent');
    expect(sent.map((e) => e.data)).toEqual([
      expect.objectContaining({ when: 'before', recipients: [{ username: 'enhetschef' }] }),
    ]);
    const delivered = h.reminders.slice(before).filter((r) => r.caseId === caseId);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ when: 'before', kind: 'action', dueAt });
  });

  it('the decide task goes to the role of the delegation register (lex Sarah delegated to the division manager; ADR 0023)', async () => {
    const register = new DelegationRegisterRepository(new EventStore(h.db.dataSource));
    await register.change(
      [
        {
          decision: 'lex_sarah_decision',
          role: 'division_manager',
          validFrom: '2026-01-01',
          validTo: null,
          boardDecision: 'Delegationsordning 4.2',
        },
      ],
      'kvalitet',
    );
    const caseId = await report('lex_sarah');
    await h.settle(caseId, (s) => tasksOf(s, 'acknowledge').length === 2);
    await h.command(caseId, { type: 'start-investigation', actor: SAS, data: {} });
    await h.command(caseId, {
      type: 'record-investigation',
      actor: SAS,
      data: { summary: 'Utrett', causes: [] },
    });
    let state = await h.settle(caseId, (s) => tasksOf(s, 'decide').length === 1);
    expect(tasksOf(state, 'decide')[0]).toMatchObject({
      assigneeRole: 'division_manager',
      unitId: 'solgarden',
    });
    await h.command(caseId, {
      type: 'decide',
      actor: DIVISION,
      data: { outcome: 'ej_missforhallande', rationale: 'Nej' },
    });
    state = await h.settle(caseId, (s) => tasksOf(s, 'decide')[0]?.status === 'done');
    expect(tasksOf(state, 'decide')[0]).toMatchObject({ completedBy: 'avdelningschef' });
    expect(state.decision?.delegation).toEqual({
      decision: 'lex_sarah_decision',
      boardDecision: 'Delegationsordning 4.2',
    });
    await register.change(DEFAULT_DELEGATION_ITEMS, 'kvalitet');
  });
});
