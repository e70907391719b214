import { addDaysToLocalDate, addPolicyDuration, respondByDueAt, stockholmDateOf } from '@kvalitet/domain';
import type { CaseAggregateState } from '@kvalitet/domain';
import type { CaseNoticeInput } from '@kvalitet/workflows';
import { CaseWorkflowHarness, HOUR, MANAGER, deadlinesOf, tasksOf } from './support/case-workflow-harness';

const kindOf = (state: CaseAggregateState, kind: string) => deadlinesOf(state, kind)[0];
const STAFF = { username: 'medarbetare', roles: ['staff'] };
const DIRECTOR = { username: 'forvaltningschef', roles: ['director'] };

/**
 * The answer deadlines (api.md v1.1): `response` (a complaint whose reporter wants an answer, P14D,
 * the unit manager's) and `external_response` (the issuer's date, the director's until assigned),
 * each met by `respond` and escalated when missed; the answer mail is asked of the notice activity
 * (LC-4 step 7, DL-13).
 */
describe('case workflow: answers to complainants and issuers — met, and the answer mail asked for (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  const started: string[] = [];
  const notices: CaseNoticeInput[] = [];

  // A harness of its own per describe: after one test has skipped time, the next advance of the
  // shared time-skipping server was seen to wait minutes of real time.
  beforeAll(async () => {
    h = await CaseWorkflowHarness.start({
      activities: () => ({
        sendCaseNotice: async (input) => {
          notices.push(input);
          return { sent: true };
        },
      }),
    });
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((id) => h.terminate(id)));
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function reportWith(data: Record<string, unknown>): Promise<string> {
    await h.now();
    const { state } = await h.cases.report(
      {
        unitId: 'solgarden',
        description: 'Beskrivning',
        channel: 'web',
        ...data,
      } as never,
      STAFF,
    );
    started.push(state.id);
    await h.redeliver(state.id);
    return state.id;
  }

  const complaint = () =>
    reportWith({ type: 'complaint', contact: { email: 'klagande@example.se' }, wantsAnswer: true });

  const respond = (caseId: string, actor = MANAGER) =>
    h.command(caseId, {
      type: 'respond',
      actor,
      data: { respondedAt: new Date(Date.now()).toISOString(), channel: 'email', summary: 'Svar.' },
    });

  it('response: P14D from the report, the unit manager’s task; respond meets it and asks for the answer mail', async () => {
    const caseId = await complaint();
    let state = await h.settle(caseId, (s) => kindOf(s, 'response') !== undefined);
    const response = kindOf(state, 'response')!;
    expect(response.dueAt).toBe(addPolicyDuration(new Date(state.reportedAt), 'P14D').toISOString());
    expect(tasksOf(state, 'respond')).toEqual([
      expect.objectContaining({ assigneeRole: 'unit_manager', dueAt: response.dueAt, status: 'open' }),
    ]);
    await respond(caseId);
    state = await h.settle(caseId, () => notices.some((n) => n.caseId === caseId));
    expect(kindOf(state, 'response')!.status).toBe('met');
    expect(tasksOf(state, 'respond').map((t) => t.status)).toEqual(['done']);
    expect(notices.filter((n) => n.caseId === caseId)).toEqual([
      expect.objectContaining({ kind: 'answer', eventId: expect.any(String) }),
    ]);
  });

  it('external_response: due at the end of the issuer’s date in Stockholm, the director’s, the assignee’s once assigned; met by respond', async () => {
    const respondBy = addDaysToLocalDate(stockholmDateOf(new Date(await h.now())), 3);
    const caseId = await reportWith({ type: 'external_finding', respondBy });
    let state = await h.settle(caseId, (s) => kindOf(s, 'external_response') !== undefined);
    expect(kindOf(state, 'external_response')!.dueAt).toBe(respondByDueAt(respondBy));
    expect(tasksOf(state, 'respond')).toEqual([expect.objectContaining({ assigneeRole: 'director' })]);
    await h.command(caseId, { type: 'assign', actor: DIRECTOR, data: { assignee: 'enhetschef' } });
    state = await h.settle(caseId, (s) => tasksOf(s, 'respond').some((t) => t.assignee === 'enhetschef'));
    expect(tasksOf(state, 'respond').find((t) => t.assigneeRole === 'director')!.status).toBe('done');
    await respond(caseId);
    state = await h.settle(caseId, (s) => kindOf(s, 'external_response')!.status === 'met');
    expect(tasksOf(state, 'respond').every((t) => t.status === 'done')).toBe(true);
  });
});

describe('case workflow: answers to complainants and issuers — response missed (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  const started: string[] = [];
  const notices: CaseNoticeInput[] = [];

  // A harness of its own per describe: after one test has skipped time, the next advance of the
  // shared time-skipping server was seen to wait minutes of real time.
  beforeAll(async () => {
    h = await CaseWorkflowHarness.start({
      activities: () => ({
        sendCaseNotice: async (input) => {
          notices.push(input);
          return { sent: true };
        },
      }),
    });
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((id) => h.terminate(id)));
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function reportWith(data: Record<string, unknown>): Promise<string> {
    await h.now();
    const { state } = await h.cases.report(
      {
        unitId: 'solgarden',
        description: 'Beskrivning',
        channel: 'web',
        ...data,
      } as never,
      STAFF,
    );
    started.push(state.id);
    await h.redeliver(state.id);
    return state.id;
  }

  const complaint = () =>
    reportWith({ type: 'complaint', contact: { email: 'klagande@example.se' }, wantsAnswer: true });

  const respond = (caseId: string, actor = MANAGER) =>
    h.command(caseId, {
      type: 'respond',
      actor,
      data: { respondedAt: new Date(Date.now()).toISOString(), channel: 'email', summary: 'Svar.' },
    });

  it('response missed: escalated one level up the chain; a late answer meets it', async () => {
    const caseId = await complaint();
    // Acknowledged, so that only the answer deadline runs out.
    await h.command(caseId, { type: 'acknowledge', actor: MANAGER, data: {} });
    const due = kindOf(await h.settle(caseId, (s) => kindOf(s, 'response') !== undefined), 'response')!.dueAt;
    await h.advance(Date.parse(due) - (await h.now()) + HOUR);
    let state = await h.settle(caseId, (s) => kindOf(s, 'response')!.status === 'missed');
    // One level up the chain first (escalation_repeat P1D may have added the next level meanwhile).
    expect(kindOf(state, 'response')!.escalatedTo[0]).toBe('division_manager');
    expect(tasksOf(state, 'escalation').map((t) => t.assigneeRole)).toContain('division_manager');
    await respond(caseId);
    state = await h.settle(caseId, (s) => kindOf(s, 'response')!.status === 'met');
    expect(kindOf(state, 'response')!.metLate).toBe(true);
  });
});

describe('case workflow: answers to complainants and issuers — external_response missed (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  const started: string[] = [];
  const notices: CaseNoticeInput[] = [];

  // A harness of its own per describe: after one test has skipped time, the next advance of the
  // shared time-skipping server was seen to wait minutes of real time.
  beforeAll(async () => {
    h = await CaseWorkflowHarness.start({
      activities: () => ({
        sendCaseNotice: async (input) => {
          notices.push(input);
          return { sent: true };
        },
      }),
    });
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((id) => h.terminate(id)));
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function reportWith(data: Record<string, unknown>): Promise<string> {
    await h.now();
    const { state } = await h.cases.report(
      {
        unitId: 'solgarden',
        description: 'Beskrivning',
        channel: 'web',
        ...data,
      } as never,
      STAFF,
    );
    started.push(state.id);
    await h.redeliver(state.id);
    return state.id;
  }

  const respond = (caseId: string, actor = MANAGER) =>
    h.command(caseId, {
      type: 'respond',
      actor,
      data: { respondedAt: new Date(Date.now()).toISOString(), channel: 'email', summary: 'Svar.' },
    });

  it('external_response missed: escalated once the issuer’s day has ended in Stockholm', async () => {
    const respondBy = addDaysToLocalDate(stockholmDateOf(new Date(await h.now())), 1);
    const caseId = await reportWith({ type: 'external_finding', respondBy });
    const state = await h.settle(caseId, (s) => kindOf(s, 'external_response') !== undefined);
    const due = kindOf(state, 'external_response')!.dueAt;
    await h.advance(Date.parse(due) - (await h.now()) + HOUR);
    const missed = await h.settle(caseId, (s) => kindOf(s, 'external_response')!.status === 'missed', 30_000);
    expect(kindOf(missed, 'external_response')!.escalatedTo[0]).toBe('division_manager');
    expect(tasksOf(missed, 'escalation').map((t) => t.assigneeRole)).toContain('division_manager');
    await respond(caseId, DIRECTOR);
    const met = await h.settle(caseId, (s) => kindOf(s, 'external_response')!.status === 'met');
    expect(kindOf(met, 'external_response')!.metLate).toBe(true);
  });
});
