import { addPolicyDuration } from '@kvalitet/domain';
import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
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

const kindOf = (state: CaseAggregateState, kind: string) => deadlinesOf(state, kind);

describe('case workflow: reclassification, reopen, redelivery, policy changes, races (time-skipping server, Postgres)', () => {
  let h: CaseWorkflowHarness;
  const started: string[] = [];
  let beatPersonToIt: ((caseId: string) => Promise<void>) | null = null;

  beforeAll(async () => {
    h = await CaseWorkflowHarness.start({
      activities: (real) => ({
        // Lets a test make a person win the race against the timer: the command lands in the event
        // store just before the activity's write (its event reaches the workflow only later).
        async recordDeadlineMissed(input) {
          if (beatPersonToIt) await beatPersonToIt(input.caseId);
          return real.recordDeadlineMissed(input);
        },
      }),
    });
  });
  afterEach(async () => {
    beatPersonToIt = null;
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

  async function investigate(caseId: string, actor = MANAGER) {
    await h.command(caseId, { type: 'start-investigation', actor, data: {} });
    return h.command(caseId, {
      type: 'record-investigation',
      actor,
      data: { summary: 'Utrett', causes: ['routine'] },
    });
  }

  describe('reclassification mid-flight', () => {
    it('hsl_deviation → lex_maria: the investigation deadline keeps its dueAt (no time lost), the unit manager and the MAS get acknowledge tasks, the MAS classify task closes, escalation adds the MAS', async () => {
      const caseId = await report('hsl_deviation');
      let state = await h.settle(
        caseId,
        (s) => kindOf(s, 'investigation').length === 1 && tasksOf(s, 'classify').length === 1,
      );
      const before = kindOf(state, 'investigation')[0]!;
      await h.advance(10 * DAY);
      await h.command(caseId, {
        type: 'classify',
        actor: MAS,
        data: { type: 'lex_maria', category: 'lakemedel', rationale: 'Allvarlig vårdskada kan ha inträffat' },
      });
      state = await h.settle(
        caseId,
        (s) => tasksOf(s, 'acknowledge').length === 2 && tasksOf(s, 'classify')[0]?.status === 'done',
      );
      expect(kindOf(state, 'investigation')).toEqual([before]);
      expect(tasksOf(state, 'acknowledge').map((t) => t.assigneeRole)).toEqual(['unit_manager', 'mas']);
      await h.advance(20 * DAY + 1000);
      state = await h.settle(caseId, (s) => kindOf(s, 'investigation')[0]?.status === 'missed');
      expect(kindOf(state, 'investigation')[0]).toMatchObject({
        dueAt: before.dueAt,
        escalatedTo: ['division_manager', 'mas'],
      });
      expect(state.caseNumber.startsWith('HA-')).toBe(true);
    });

    it('deviation → lex_sarah: the lex Sarah deadlines start from the original report (elapsed time kept), the investigation deadline of the old path is cancelled', async () => {
      const caseId = await report('deviation');
      let state = await h.settle(caseId, (s) => kindOf(s, 'investigation').length === 1);
      await h.advance(2 * HOUR);
      await h.command(caseId, {
        type: 'classify',
        actor: SAS,
        data: { type: 'lex_sarah', category: 'bemotande', rationale: 'Missförhållande' },
      });
      state = await h.settle(
        caseId,
        (s) =>
          kindOf(s, 'lex_sarah_first_response').length === 1 &&
          kindOf(s, 'lex_sarah_investigation').length === 1,
      );
      expect(
        Date.parse(kindOf(state, 'lex_sarah_first_response')[0]!.dueAt) - Date.parse(state.reportedAt),
      ).toBe(4 * HOUR);
      // Days are Stockholm calendar days (a DST change makes one 23 or 25 hours).
      expect(kindOf(state, 'lex_sarah_investigation')[0]!.dueAt).toBe(
        addPolicyDuration(new Date(state.reportedAt), 'P14D').toISOString(),
      );
      expect(tasksOf(state, 'acknowledge').map((t) => t.assigneeRole)).toEqual([
        'unit_manager',
        'lex_sarah_investigator',
      ]);
      // 2 h had passed: the first response falls due 2 h after the reclassification, not 4 h.
      await h.advance(2 * HOUR + 1000);
      state = await h.settle(caseId, (s) => kindOf(s, 'lex_sarah_first_response')[0]?.status === 'missed');
      await h.command(caseId, { type: 'acknowledge', actor: SAS, data: {} });
      await h.advance(31 * DAY);
      state = await h.settle(caseId, (s) => kindOf(s, 'lex_sarah_investigation')[0]?.status === 'missed');
      // The old path's investigation deadline: cancelled by an event when the path changed, never escalated (ADR 0009).
      expect(kindOf(state, 'investigation')[0]).toMatchObject({
        status: 'cancelled',
        cancelReason: 'path_changed',
        escalationLevel: 0,
      });
      expect(await h.eventTypes(caseId)).toContain('DeadlineCancelled');
      const status = await h.status(caseId);
      expect(status.deadlines.find((d) => d.kind === 'investigation')).toMatchObject({
        status: 'inactive',
        inactiveReason: 'path_changed',
      });
    });
  });

  describe('reopen', () => {
    it('close completes the workflow; reopen starts a new run that rebuilds from the event store and restarts the path from utreda', async () => {
      const caseId = await report('deviation');
      await h.settle(caseId, (s) => kindOf(s, 'investigation').length === 1);
      await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
      await h.command(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'enhetschef' } });
      await h.settle(caseId, (s) => tasksOf(s, 'investigate').length === 1);
      await investigate(caseId);
      await h.command(caseId, {
        type: 'decide',
        actor: MANAGER,
        data: { outcome: 'inga_atgarder', rationale: 'Ingen åtgärd' },
      });
      await h.command(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart' } });
      const first = await h.completed(caseId);
      expect(first).toMatchObject({ outcome: 'closed' });
      const closedVersion = (await h.state(caseId)).version;

      await h.advance(40 * DAY);
      const reopenedAt = await h.now();
      await h.command(caseId, { type: 'reopen', actor: MANAGER, data: { reason: 'IVO begär ny utredning' } });
      let state = await h.settle(
        caseId,
        (s) => kindOf(s, 'investigation').length === 2 && tasksOf(s, 'investigate').length === 2,
      );
      const second = kindOf(state, 'investigation').find((d) => d.status === 'open')!;
      // P30D is 30 Stockholm calendar days: ±1 h across a daylight-saving change.
      expect(Math.abs(Date.parse(second.dueAt) - reopenedAt - 30 * DAY)).toBeLessThanOrEqual(HOUR + 60_000);
      const newTask = tasksOf(state, 'investigate').find((t) => t.status === 'open')!;
      expect(newTask).toMatchObject({ assignee: 'enhetschef', deadlineId: second.id });
      // The rebuilt run wrote nothing for the first round again.
      const firstRound = (await h.cases.load(caseId)).events
        .filter((e) => e.version > closedVersion)
        .map((e) => e.type);
      expect(firstRound).toEqual(['CaseReopened', 'DeadlineStarted', 'TaskCreated']);

      await h.advance(30 * DAY + 1000);
      state = await h.settle(caseId, (s) => s.deadlines[second.id]?.status === 'missed');
      // Reopened straight into utreda: record the new investigation.
      await h.command(caseId, {
        type: 'record-investigation',
        actor: MANAGER,
        data: { summary: 'Ny utredning', causes: ['routine'] },
      });
      await h.command(caseId, {
        type: 'decide',
        actor: MANAGER,
        data: { outcome: 'inga_atgarder', rationale: 'Ingen åtgärd' },
      });
      await h.command(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart igen' } });
      expect(await h.completed(caseId)).toMatchObject({ outcome: 'closed' });
    });
  });

  describe('redelivery', () => {
    it('events delivered again (Kafka at least once) change nothing, also after the case has closed', async () => {
      const caseId = await report('complaint');
      await h.settle(caseId, (s) => kindOf(s, 'acknowledgement').length === 1 && tasksOf(s).length === 1);
      const before = await h.state(caseId);
      await h.redeliver(caseId);
      await h.redeliver(caseId);
      await h.settle(caseId, (_s, st) => st !== null);
      expect((await h.state(caseId)).version).toBe(before.version);
      await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
      await h.command(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
      await h.command(caseId, {
        type: 'record-investigation',
        actor: MANAGER,
        data: { summary: 'x', causes: [], deviationOccurred: false },
      });
      await h.command(caseId, { type: 'close', actor: MANAGER, data: { summary: 'Klart' } });
      await h.completed(caseId);
      const closed = await h.state(caseId);
      // A late redelivery of the whole history starts a new run, which rebuilds, sees the case closed and ends.
      await h.redeliver(caseId);
      const again = await h.completed(caseId);
      expect(again).toMatchObject({ outcome: 'closed' });
      expect((await h.state(caseId)).version).toBe(closed.version);
    });
  });

  describe('policy', () => {
    it('a new policy applies to deadlines started after it; each deadline records the policyVersion that set it', async () => {
      const caseId = await report('deviation');
      let state = await h.settle(caseId, (s) => kindOf(s, 'investigation').length === 1);
      const investigation = kindOf(state, 'investigation')[0]!;
      expect(investigation.policyVersion).toBe(1);
      h.policy.set({
        ...DEFAULT_DEADLINE_POLICY,
        version: 2,
        deadlines: {
          ...DEFAULT_DEADLINE_POLICY.deadlines,
          investigation: 'P10D',
          follow_up: { workingDays: 10 },
        },
      });
      await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
      await investigate(caseId);
      const id = newActionId();
      await h.command(caseId, {
        type: 'add-action',
        actor: MANAGER,
        data: {
          actionId: id,
          title: 'Åtgärd',
          level: 'individual',
          owner: 'enhetschef',
          dueAt: new Date((await h.now()) + 5 * DAY).toISOString(),
        },
      });
      await h.settle(caseId, (s) => kindOf(s, 'action').length === 1);
      await h.command(caseId, {
        type: 'complete-action',
        actor: MANAGER,
        data: { actionId: id, result: 'Klart' },
      });
      state = await h.settle(caseId, (s) => kindOf(s, 'follow_up').length === 1);
      expect(state.deadlines[investigation.id]).toMatchObject({
        dueAt: investigation.dueAt,
        policyVersion: 1,
      });
      const followUp = kindOf(state, 'follow_up')[0]!;
      expect(followUp.policyVersion).toBe(2);
      // 10 Swedish working days (version 2), not the 90 calendar days of version 1: at least 12
      // calendar days (14 from a weekday, 13 from a Saturday, 12 from a Sunday — the time-skipped
      // clock can land on any day), more over holidays, and far below 90.
      const followUpSpan = Date.parse(followUp.dueAt) - Date.parse(state.actions[id]!.completedAt!);
      expect(followUpSpan).toBeGreaterThanOrEqual(12 * DAY - HOUR);
      expect(followUpSpan).toBeLessThanOrEqual(21 * DAY);
      expect(kindOf(state, 'action')[0]!.policyVersion).toBe(2);
    });
  });

  describe('races', () => {
    it('a person who meets the deadline just before the timer writes wins: DeadlineAlreadyMet, no miss, no escalation', async () => {
      const caseId = await report('complaint');
      await h.settle(caseId, (s) => kindOf(s, 'acknowledgement').length === 1);
      beatPersonToIt = async (id) => {
        if (id === caseId) await h.cases.execute(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
      };
      await h.advance(24 * HOUR + 1000);
      await h.settle(caseId, (_s, st) => st?.deadlines[0]?.status === 'met');
      await h.advance(3 * DAY);
      const state = await h.settle(caseId);
      expect(kindOf(state, 'acknowledgement')[0]).toMatchObject({ status: 'met', escalationLevel: 0 });
      expect(tasksOf(state, 'escalation')).toHaveLength(0);
      expect(await h.eventTypes(caseId)).not.toContain('DeadlineMissed');
    });

    it('reassignment: the old assignee’s investigate task is completed, the new assignee gets one', async () => {
      const caseId = await report('deviation');
      await h.command(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'enhetschef' } });
      await h.settle(caseId, (s) => tasksOf(s, 'investigate').length === 1);
      await h.command(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
      const state = await h.settle(
        caseId,
        (s) =>
          tasksOf(s, 'investigate').length === 2 &&
          tasksOf(s, 'investigate').some((t) => t.status === 'done'),
      );
      expect(tasksOf(state, 'investigate').map((t) => [t.assignee, t.status])).toEqual([
        ['enhetschef', 'done'],
        ['sas', 'open'],
      ]);
    });
  });
});
