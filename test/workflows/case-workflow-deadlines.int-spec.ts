import { addPolicyDuration } from '@kvalitet/domain';
import type { CaseAggregateState } from '@kvalitet/domain';
import {
  CaseWorkflowHarness,
  DAY,
  HOUR,
  MANAGER,
  MAS,
  SAS,
  actionId as newActionId,
  deadlinesOf,
  tasksOf,
} from './support/case-workflow-harness';

const kindOf = (state: CaseAggregateState, kind: string) => deadlinesOf(state, kind)[0];

describe('case workflow: every deadline kind met and missed (time-skipping server, real activities on Postgres)', () => {
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

  async function report(type: Parameters<CaseWorkflowHarness['report']>[0]) {
    const caseId = await h.report(type);
    started.push(caseId);
    return caseId;
  }

  async function investigate(caseId: string, actor = MANAGER) {
    await h.command(caseId, { type: 'start-investigation', actor, data: {} });
    return h.command(caseId, {
      type: 'record-investigation',
      actor,
      data: { summary: 'Utrett', causes: ['routine'] },
    });
  }

  async function seriousLexSarahDecision(caseId: string) {
    await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    await investigate(caseId, SAS);
    // The SAS holds the lex Sarah delegation of the demo register (AUD-6, ADR 0023).
    await h.command(caseId, {
      type: 'decide',
      actor: SAS,
      data: { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt' },
    });
    return h.settle(
      caseId,
      (s) => kindOf(s, 'ivo_report') !== undefined && tasksOf(s, 'report_to_ivo').length === 1,
    );
  }

  describe('lex Sarah', () => {
    it('starts lex_sarah_first_response (PT4H) and lex_sarah_investigation (P14D) and gives the unit manager and the SAS acknowledge tasks; acknowledging and recording the investigation meet them', async () => {
      const caseId = await report('lex_sarah');
      let state = await h.settle(
        caseId,
        (s) => deadlinesOf(s).length === 2 && tasksOf(s, 'acknowledge').length === 2,
      );
      const first = kindOf(state, 'lex_sarah_first_response')!;
      const investigation = kindOf(state, 'lex_sarah_investigation')!;
      expect(Date.parse(first.dueAt) - Date.parse(state.reportedAt)).toBe(4 * HOUR);
      // Days are Stockholm calendar days (a DST change makes one 23 or 25 hours).
      expect(investigation.dueAt).toBe(addPolicyDuration(new Date(state.reportedAt), 'P14D').toISOString());
      expect(tasksOf(state, 'acknowledge').map((t) => [t.assigneeRole, t.dueAt])).toEqual([
        ['unit_manager', first.dueAt],
        ['lex_sarah_investigator', first.dueAt],
      ]);

      await h.advance(3 * HOUR);
      await h.command(caseId, { type: 'acknowledge', actor: SAS, data: {} });
      await h.command(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
      state = await h.settle(caseId, (s) => tasksOf(s, 'investigate').length === 1);
      expect(tasksOf(state, 'investigate')[0]).toMatchObject({
        assignee: 'sas',
        dueAt: investigation.dueAt,
        status: 'open',
      });
      await h.advance(10 * DAY);
      await investigate(caseId, SAS);
      await h.advance(10 * DAY);
      state = await h.settle(caseId, (s) => kindOf(s, 'lex_sarah_investigation')?.status === 'met');
      expect(kindOf(state, 'lex_sarah_first_response')!.status).toBe('met');
      expect(tasksOf(state, 'investigate')[0]!.status).toBe('done');
      expect(await h.eventTypes(caseId)).not.toContain('DeadlineMissed');
    });

    it('a missed first response escalates to the division manager and the SAS; a missed investigation too', async () => {
      const caseId = await report('lex_sarah');
      await h.settle(caseId, (s) => deadlinesOf(s).length === 2);
      await h.advance(4 * HOUR + 1000);
      let state = await h.settle(caseId, (s) => kindOf(s, 'lex_sarah_first_response')?.status === 'missed');
      expect(kindOf(state, 'lex_sarah_first_response')).toMatchObject({
        escalationLevel: 1,
        escalatedTo: ['division_manager', 'lex_sarah_investigator'],
      });
      expect(tasksOf(state, 'escalation').map((t) => [t.assigneeRole, t.deadlineId])).toEqual([
        ['division_manager', kindOf(state, 'lex_sarah_first_response')!.id],
        ['lex_sarah_investigator', kindOf(state, 'lex_sarah_first_response')!.id],
      ]);
      await h.command(caseId, { type: 'acknowledge', actor: SAS, data: {} });
      await h.advance(14 * DAY);
      state = await h.settle(caseId, (s) => kindOf(s, 'lex_sarah_investigation')?.status === 'missed');
      expect(kindOf(state, 'lex_sarah_first_response')!.escalationLevel).toBe(1);
      expect(kindOf(state, 'lex_sarah_investigation')).toMatchObject({
        escalatedTo: ['division_manager', 'lex_sarah_investigator'],
      });
      // The first response's escalation tasks were closed by the late acknowledgement.
      const firstId = kindOf(state, 'lex_sarah_first_response')!.id;
      expect(
        tasksOf(state, 'escalation')
          .filter((t) => t.deadlineId === firstId)
          .every((t) => t.status === 'done'),
      ).toBe(true);
    });
  });

  describe('investigation (other types)', () => {
    it('a deviation gets investigation P30D and no other deadline; recording the investigation meets it', async () => {
      const caseId = await report('deviation');
      let state = await h.settle(
        caseId,
        (s) => deadlinesOf(s).length === 1 && tasksOf(s, 'acknowledge').length === 1,
      );
      // Days are Stockholm calendar days (a DST change makes one 23 or 25 hours).
      expect(kindOf(state, 'investigation')!.dueAt).toBe(
        addPolicyDuration(new Date(state.reportedAt), 'P30D').toISOString(),
      );
      await h.advance(29 * DAY);
      await investigate(caseId);
      await h.advance(5 * DAY);
      state = await h.settle(caseId, (s) => kindOf(s, 'investigation')?.status === 'met');
      expect(tasksOf(state, 'escalation')).toHaveLength(0);
    });

    it('an HSL deviation missed escalates to the division manager and the MAS; the MAS got a classify task', async () => {
      const caseId = await report('hsl_deviation');
      // Besides the investigation, the MAS's assessment within a working day (DL-7, api.md v1.1).
      let state = await h.settle(
        caseId,
        (s) => deadlinesOf(s).length === 2 && tasksOf(s, 'classify').length === 1,
      );
      expect(tasksOf(state, 'classify')[0]!.deadlineId).toBe(kindOf(state, 'mas_classification')!.id);
      expect(tasksOf(state, 'classify')[0]).toMatchObject({ assigneeRole: 'mas' });
      expect(tasksOf(state, 'acknowledge')).toHaveLength(0);
      await h.advance(30 * DAY + 1000);
      state = await h.settle(caseId, (s) => kindOf(s, 'investigation')?.status === 'missed');
      expect(kindOf(state, 'investigation')!.escalatedTo).toEqual(['division_manager', 'mas']);
    });

    it.each(['data_breach', 'external_finding', 'lex_maria'] as const)(
      '%s gets investigation P30D',
      async (type) => {
        const caseId = await report(type);
        // The state is read before the workflow's status: wait for the tasks too, not only the deadline.
        // A data breach also has its 72 hours to IMY (DL-14; its own tests are below).
        // A lex Maria case also has the MAS's assessment and the patient's information (DL-7, DL-9).
        const expected = {
          data_breach: ['investigation', 'imy_notification'],
          external_finding: ['investigation'],
          lex_maria: ['investigation', 'mas_classification', 'patient_information'],
        }[type];
        const state = await h.settle(
          caseId,
          (s) =>
            deadlinesOf(s).length === expected.length &&
            (type !== 'lex_maria' || tasksOf(s, 'acknowledge').length === 2),
        );
        expect(
          deadlinesOf(state)
            .map((d) => d.kind)
            .sort(),
        ).toEqual([...expected].sort());
        if (type === 'lex_maria')
          expect(tasksOf(state, 'acknowledge').map((t) => t.assigneeRole)).toEqual(['unit_manager', 'mas']);
      },
    );

    it('praise has no deadline and no task; a suggestion only the acknowledgement', async () => {
      const praise = await report('praise');
      const suggestion = await report('suggestion');
      const s = await h.settle(suggestion, (st) => deadlinesOf(st).length === 1);
      expect(deadlinesOf(s).map((d) => d.kind)).toEqual(['acknowledgement']);
      const p = await h.settle(praise, (_st, status) => status !== null);
      expect(deadlinesOf(p)).toHaveLength(0);
      expect(tasksOf(p)).toHaveLength(0);
    });
  });

  describe('ivo_report', () => {
    it('a serious decision starts ivo_report (P7D) and gives the decider a report_to_ivo task; the report meets it', async () => {
      const caseId = await report('lex_sarah');
      let state = await seriousLexSarahDecision(caseId);
      const ivo = kindOf(state, 'ivo_report')!;
      // Days are Stockholm calendar days (a DST change makes one 23 or 25 hours).
      expect(ivo.dueAt).toBe(addPolicyDuration(new Date(state.decision!.at), 'P7D').toISOString());
      expect(tasksOf(state, 'report_to_ivo')[0]).toMatchObject({
        assignee: 'sas',
        dueAt: ivo.dueAt,
        deadlineId: ivo.id,
      });
      await h.advance(6 * DAY);
      await h.command(caseId, {
        type: 'report-to-ivo',
        actor: SAS,
        data: { ivoReference: 'IVO 3.5.1-123/2026', reportedAt: new Date(await h.now()).toISOString() },
      });
      await h.advance(2 * DAY);
      state = await h.settle(caseId, (s) => kindOf(s, 'ivo_report')?.status === 'met');
      expect(tasksOf(state, 'report_to_ivo')[0]!.status).toBe('done');
    });

    it('missed: escalates straight to the director (and the SAS for lex Sarah)', async () => {
      const caseId = await report('lex_sarah');
      await seriousLexSarahDecision(caseId);
      await h.advance(7 * DAY + 1000);
      const state = await h.settle(caseId, (s) => kindOf(s, 'ivo_report')?.status === 'missed');
      expect(kindOf(state, 'ivo_report')).toMatchObject({
        escalationLevel: 1,
        escalatedTo: ['director', 'lex_sarah_investigator'],
      });
    });

    it('a decision that is not serious starts no ivo_report', async () => {
      const caseId = await report('lex_sarah');
      await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
      await investigate(caseId, SAS);
      await h.command(caseId, {
        type: 'decide',
        actor: SAS,
        data: { outcome: 'missforhallande', rationale: 'Brist' },
      });
      // The workflow has seen the decision once it counts the decide task as done.
      const state = await h.settle(
        caseId,
        (s, st) =>
          s.decision !== null && (st?.tasks.some((t) => t.kind === 'decide' && t.status === 'done') ?? false),
      );
      expect(kindOf(state, 'ivo_report')).toBeUndefined();
    });
  });

  describe('action and follow_up', () => {
    async function caseWithAction(dueInMs: number) {
      const caseId = await report('deviation');
      await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
      await investigate(caseId);
      const id = newActionId();
      const dueAt = new Date((await h.now()) + dueInMs).toISOString();
      await h.command(caseId, {
        type: 'add-action',
        actor: MANAGER,
        data: { actionId: id, title: 'Ny rutin', level: 'organisational', owner: 'enhetschef', dueAt },
      });
      const state = await h.settle(
        caseId,
        (s) => kindOf(s, 'action') !== undefined && tasksOf(s, 'carry_out_action').length === 1,
      );
      return { caseId, actionId: id, dueAt, state };
    }

    it('an action gets a deadline at its dueAt, its owner a carry_out_action task, and a reminder action_reminder_before (P2D) before; completing it meets it and starts follow_up (P90D) with a task for the unit manager; the follow-up meets that', async () => {
      const { caseId, actionId, dueAt, state: added } = await caseWithAction(10 * DAY);
      expect(kindOf(added, 'action')).toMatchObject({
        dueAt: new Date(dueAt).toISOString(),
        actionId,
        status: 'open',
      });
      expect(tasksOf(added, 'carry_out_action')[0]).toMatchObject({
        assignee: 'enhetschef',
        actionId,
        dueAt: new Date(dueAt).toISOString(),
      });

      await h.advance(7 * DAY);
      expect(h.reminders.filter((r) => r.caseId === caseId)).toHaveLength(0);
      await h.advance(DAY + HOUR);
      await h.settle(
        caseId,
        (_s, st) => st?.deadlines.find((d) => d.kind === 'action')?.reminderSent === true,
      );
      const reminders = h.reminders.filter((r) => r.caseId === caseId);
      expect(reminders).toEqual([
        expect.objectContaining({ kind: 'action', when: 'before', recipients: [{ username: 'enhetschef' }] }),
      ]);

      await h.command(caseId, {
        type: 'complete-action',
        actor: MANAGER,
        data: { actionId, result: 'Klart' },
      });
      let state = await h.settle(
        caseId,
        (s) => kindOf(s, 'follow_up') !== undefined && tasksOf(s, 'follow_up').length === 1,
      );
      expect(kindOf(state, 'action')!.status).toBe('met');
      const completedAt = state.actions[actionId]!.completedAt!;
      expect(Date.parse(kindOf(state, 'follow_up')!.dueAt) - Date.parse(completedAt)).toBeGreaterThanOrEqual(
        90 * DAY - HOUR,
      );
      expect(tasksOf(state, 'follow_up')[0]).toMatchObject({
        assigneeRole: 'unit_manager',
        dueAt: kindOf(state, 'follow_up')!.dueAt,
      });

      await h.advance(80 * DAY);
      await h.command(caseId, {
        type: 'follow-up',
        actor: MANAGER,
        data: { effective: true, note: 'Fungerar' },
      });
      await h.advance(20 * DAY);
      state = await h.settle(caseId, (s) => kindOf(s, 'follow_up')?.status === 'met');
      expect(await h.eventTypes(caseId)).not.toContain('DeadlineMissed');
    });

    it('a missed action escalates; a missed follow-up escalates', async () => {
      const { caseId, actionId } = await caseWithAction(3 * DAY);
      await h.advance(3 * DAY + 1000);
      let state = await h.settle(caseId, (s) => kindOf(s, 'action')?.status === 'missed');
      expect(kindOf(state, 'action')).toMatchObject({
        escalationLevel: 1,
        escalatedTo: ['division_manager'],
      });
      await h.command(caseId, {
        type: 'complete-action',
        actor: MANAGER,
        data: { actionId, result: 'Sent men klart' },
      });
      state = await h.settle(caseId, (s) => kindOf(s, 'follow_up') !== undefined);
      await h.advance(90 * DAY + 1000);
      state = await h.settle(caseId, (s) => kindOf(s, 'follow_up')?.status === 'missed');
      expect(kindOf(state, 'follow_up')!.escalatedTo).toEqual(['division_manager']);
      expect(kindOf(state, 'action')!.escalationLevel).toBe(1);
    });
  });

  describe('closing', () => {
    it('the workflow completes when the case closes, and open deadlines stop escalating', async () => {
      const caseId = await report('lex_sarah');
      await seriousLexSarahDecision(caseId);
      await h.command(caseId, {
        type: 'report-to-ivo',
        actor: SAS,
        data: { ivoReference: 'IVO-1', reportedAt: new Date(await h.now()).toISOString() },
      });
      // api.md v1.1: the nämnd is informed of the notification before the case closes (DL-6).
      const today = new Date(await h.now()).toISOString().slice(0, 10);
      await h.command(caseId, { type: 'inform-board', actor: SAS, data: { meetingDate: today } });
      await h.command(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart' } });
      const result = await h.completed(caseId);
      expect(result).toMatchObject({ caseId, outcome: 'closed' });
      const state = await h.state(caseId);
      expect(Object.values(state.tasks).every((t) => t.status === 'done')).toBe(true);
      expect(await h.eventTypes(caseId)).not.toContain('DeadlineMissed');
    });
  });

  describe('unclassified public feedback', () => {
    it('gives the quality coordinator a classify task, closed by the classification', async () => {
      const caseId = await h.report('complaint', { unclassified: true, unitId: 'forvaltning' });
      started.push(caseId);
      let state = await h.settle(caseId, (s) => tasksOf(s, 'classify').length === 1);
      expect(tasksOf(state, 'classify')[0]).toMatchObject({
        assigneeRole: 'quality_coordinator',
        status: 'open',
      });
      await h.command(caseId, {
        type: 'classify',
        actor: MAS,
        data: { type: 'complaint', category: 'bemotande', unitId: 'solgarden' },
      });
      state = await h.settle(caseId, (s) => tasksOf(s, 'classify')[0]?.status === 'done');
      expect(kindOf(state, 'acknowledgement')!.status).toBe('open');
    });
  });

  // Last: these tests move the shared clock by days, which would shift the others' dates (DST).
  describe('data breach (DL-14, api.md v1.1)', () => {
    const DATASKYDD = { username: 'dataskydd', roles: ['data_protection_officer'] };

    it('reported an hour after the organisation became aware: the dataskydd task is due 72 h from awareAt; missed, it escalates straight to the director', async () => {
      const awareAt = new Date((await h.now()) - HOUR).toISOString();
      const caseId = await h.report('data_breach', { awareAt });
      started.push(caseId);
      // At once, from the report's own transaction (ADR 0021).
      let state = await h.state(caseId);
      const imy = kindOf(state, 'imy_notification')!;
      expect(Date.parse(imy.dueAt) - Date.parse(awareAt)).toBe(72 * HOUR);
      expect(tasksOf(state, 'imy_notification')).toEqual([
        expect.objectContaining({
          assigneeRole: 'data_protection_officer',
          dueAt: imy.dueAt,
          status: 'open',
        }),
      ]);

      await h.advance(71 * HOUR + 1000);
      state = await h.settle(caseId, (s) => kindOf(s, 'imy_notification')!.status === 'missed');
      expect(kindOf(state, 'imy_notification')).toMatchObject({
        escalationLevel: 1,
        escalatedTo: ['director'],
      });
      expect(tasksOf(state, 'escalation').map((t) => t.assigneeRole)).toEqual(['director']);

      await h.command(caseId, {
        type: 'report-to-imy',
        actor: DATASKYDD,
        data: { reportedAt: new Date(await h.now()).toISOString() },
      });
      state = await h.settle(caseId, (s) => kindOf(s, 'imy_notification')!.status === 'met');
      expect(kindOf(state, 'imy_notification')).toMatchObject({ metLate: true });
      expect(tasksOf(state, 'escalation').every((t) => t.status === 'done')).toBe(true);
    });

    it('met: judged not notifiable within 72 h, with a rationale; nothing escalates', async () => {
      const caseId = await report('data_breach');
      await h.advance(10 * HOUR);
      await h.command(caseId, {
        type: 'assess-breach',
        actor: DATASKYDD,
        data: { notifiable: false, rationale: 'Krypterad bärbar dator; ingen risk för de registrerade.' },
      });
      await h.advance(3 * DAY);
      const state = await h.settle(caseId, (s) => kindOf(s, 'imy_notification')!.status === 'met');
      expect(tasksOf(state, 'imy_notification')[0]!.status).toBe('done');
      expect(tasksOf(state, 'escalation')).toEqual([]);
    });
  });
});
