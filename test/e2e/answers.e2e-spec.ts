import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import { Mailer } from '@kvalitet/notifications';
import { CaseCommandService } from '@kvalitet/persistence';
import { createCaseActivities } from '../../apps/worker/src/activities/case-activities';
import { createCaseNoticeDelivery } from '../../apps/worker/src/activities/case-notice-delivery';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface CaseBody {
  id: string;
  caseNumber: string;
  type: string;
  stage: string;
  version: number;
  reportedAt: string;
  lateReport: boolean;
  respondBy: string | null;
  responses: { respondedAt: string; channel: string; summary: string; role: string; by: string }[];
  deadlines: { id: string; kind: string; status: string; dueAt: string }[];
  tasks: { kind: string; status: string; assignee?: string; assigneeRole?: string }[];
  actions: { id: string; title: string }[];
  allowedCommands: string[];
}

interface MailPage {
  items: { key: string; to: string[]; subject: string; text: string }[];
}

/**
 * Answers to complainants and issuers, the outcome notice and late reports (api.md v1.1 `respond`,
 * `response`, `external_response`, `late_report`; LC-4 step 7, LC-10, DL-2, DL-13, IMP-8).
 */
describe('answers, outcome notice and late reports (e2e)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of [
      'medarbetare',
      'enhetschef',
      'enhetschef.ekbacken',
      'avdelningschef',
      'forvaltningschef',
      'kvalitet',
      'sas',
      'mas',
      'dataskydd',
      'ledning',
    ])
      tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const call = <T = CaseBody>(user: string, method: string, path: string, body?: unknown) =>
    api.call<T>(method, path, { token: tokens[user], ...(body === undefined ? {} : { body }) });
  const post = (user: string, path: string, body: unknown) => call(user, 'POST', path, body);
  const answer = {
    respondedAt: isoMinutesFromNow(-10),
    channel: 'email',
    summary: 'Vi har sett över rutinen.',
  };

  /** A complaint through the public form, found as kvalitet sees it in the list. */
  async function publicComplaint(extra: Record<string, unknown>): Promise<CaseBody> {
    const sent = await api.call<{ reference: string }>('POST', '/api/v1/public/feedback', {
      body: { kind: 'complaint', unitId: 'solgarden', message: 'Maten kom kall tre dagar i rad.', ...extra },
    });
    expect(sent.status).toBe(202);
    await syncReadModels(api.db.dataSource, api.store);
    const list = await call<{ items: { id: string; caseNumber: string }[] }>(
      'kvalitet',
      'GET',
      `/api/v1/cases?type=complaint&pageSize=200`,
    );
    const item = list.body.items.find((i) => i.caseNumber === sent.body.reference)!;
    return (await call('kvalitet', 'GET', `/api/v1/cases/${item.id}`)).body;
  }

  async function investigated(id: string): Promise<void> {
    expect((await post('enhetschef', `/api/v1/cases/${id}/start-investigation`, {})).status).toBe(200);
    const recorded = await post('enhetschef', `/api/v1/cases/${id}/record-investigation`, {
      summary: 'Transporten var försenad.',
      causes: ['Transport'],
      deviationOccurred: true,
    });
    expect(recorded.status).toBe(200);
  }

  it('a complaint that wants an answer starts `response` (P14D) with the unit manager’s task', async () => {
    const complaint = await publicComplaint({ contact: { email: 'klagande@example.se' }, wantsAnswer: true });
    const response = complaint.deadlines.find((d) => d.kind === 'response')!;
    expect(response.status).toBe('open');
    // P14D in Stockholm calendar days (a DST change within the 14 days moves it by an hour).
    const hours = (Date.parse(response.dueAt) - Date.parse(complaint.reportedAt)) / 3_600_000;
    expect(Math.abs(hours - 14 * 24)).toBeLessThanOrEqual(1);
    expect(complaint.tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'respond', assigneeRole: 'unit_manager' })]),
    );
    // Without wantsAnswer there is no answer deadline.
    const quiet = await publicComplaint({ contact: { email: 'tyst@example.se' } });
    expect(quiet.deadlines.map((d) => d.kind)).not.toContain('response');
  });

  it('respond: who may and may not (403 before anything else, 404 outside the caller’s sight)', async () => {
    const { id } = await publicComplaint({ contact: { phone: '070-1234567' }, wantsAnswer: true });
    // 403 comes first, even with a body that is not valid.
    for (const user of ['medarbetare', 'ledning'])
      expectProblem(await post(user, `/api/v1/cases/${id}/respond`, {}), 403, 'FORBIDDEN');
    // kvalitet handles cases but does not answer for the unit; sas/mas answer on their own types only.
    for (const user of ['kvalitet', 'sas', 'mas'])
      expectProblem(await post(user, `/api/v1/cases/${id}/respond`, answer), 403, 'FORBIDDEN');
    for (const user of ['enhetschef.ekbacken', 'dataskydd'])
      expectProblem(await post(user, `/api/v1/cases/${id}/respond`, answer), 404, 'NOT_FOUND');
    expectProblem(
      await post('enhetschef', `/api/v1/cases/${id}/respond`, { ...answer, channel: 'fax' }),
      400,
      'VALIDATION_FAILED',
    );
    for (const user of ['enhetschef', 'avdelningschef', 'forvaltningschef']) {
      const done = await post(user, `/api/v1/cases/${id}/respond`, answer);
      expect(done.status).toBe(200);
      expect(done.body.responses.at(-1)).toMatchObject({
        channel: 'email',
        summary: answer.summary,
        by: user,
      });
    }
    const view = (await call('enhetschef', 'GET', `/api/v1/cases/${id}`)).body;
    expect(view.deadlines.find((d) => d.kind === 'response')!.status).toBe('met');
    expect(view.tasks.filter((t) => t.kind === 'respond').map((t) => t.status)).toEqual(['done']);
    expect(view.allowedCommands).toContain('respond');
    const events = await call<{ type: string; actor: string; data: { role: string; at: string } }[]>(
      'enhetschef',
      'GET',
      `/api/v1/cases/${id}/events`,
    );
    expect(events.body.find((e) => e.type === 'CaseResponded')).toMatchObject({
      actor: 'enhetschef',
      data: { role: 'unit_manager', at: expect.any(String) },
    });
  });

  it('a complaint whose reporter wants an answer cannot close until answered (409, Swedish detail)', async () => {
    const { id } = await publicComplaint({ contact: { email: 'svar@example.se' }, wantsAnswer: true });
    await investigated(id);
    const refused = expectProblem(
      await post('enhetschef', `/api/v1/cases/${id}/close`, { summary: 'Klart.' }),
      409,
      'INVALID_TRANSITION',
    );
    expect(refused.detail).toMatch(/besvara klagomålet/);
    expect((await post('enhetschef', `/api/v1/cases/${id}/respond`, answer)).status).toBe(200);
    const closed = await post('enhetschef', `/api/v1/cases/${id}/close`, { summary: 'Klart.' });
    expect(closed.status).toBe(200);
    expect(closed.body.stage).toBe('closed');
    // Closed: no more answers.
    expectProblem(await post('enhetschef', `/api/v1/cases/${id}/respond`, answer), 409, 'INVALID_TRANSITION');
  });

  it('the answer goes to the complainant’s e-mail address through the mail service, once', async () => {
    const { id, caseNumber } = await publicComplaint({
      contact: { email: 'Mottagare@Example.se' },
      wantsAnswer: true,
    });
    expect((await post('enhetschef', `/api/v1/cases/${id}/respond`, answer)).status).toBe(200);
    const events = await call<{ id: string; type: string }[]>(
      'enhetschef',
      'GET',
      `/api/v1/cases/${id}/events`,
    );
    const responded = events.body.find((e) => e.type === 'CaseResponded')!;
    // What the case workflow's activity does when it sees CaseResponded (twice: a retry sends nothing new).
    const activities = createCaseActivities({
      cases: new CaseCommandService(api.store),
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
      notices: createCaseNoticeDelivery({
        db: api.db.dataSource,
        mailer: new Mailer({ db: api.db.dataSource }),
      }),
    });
    for (let i = 0; i < 2; i++)
      expect(await activities.sendCaseNotice({ caseId: id, kind: 'answer', eventId: responded.id })).toEqual({
        sent: true,
      });
    const mail = await call<MailPage>(
      'kvalitet',
      'GET',
      '/api/v1/notifications/mail?to=mottagare@example.se',
    );
    expect(mail.body.items).toHaveLength(1);
    expect(mail.body.items[0]).toMatchObject({
      key: `case-answer/${responded.id}`,
      to: ['mottagare@example.se'],
      subject: `Svar på ditt klagomål (${caseNumber})`,
    });
    expect(mail.body.items[0]!.text).toContain(answer.summary);
  });

  it('respondBy: external findings only, a date not a timestamp; due at the end of that day in Stockholm', async () => {
    const finding = (extra: Record<string, unknown>) =>
      post('kvalitet', '/api/v1/cases', report('external_finding', 'solgarden', 'IVO:s tillsyn', extra));
    expectProblem(await finding({ respondBy: '2026-12-15T12:00:00+01:00' }), 400, 'VALIDATION_FAILED');
    expectProblem(await finding({ respondBy: '2026-02-30' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await post(
        'kvalitet',
        '/api/v1/cases',
        report('deviation', 'solgarden', 'x', { respondBy: '2027-01-15' }),
      ),
      400,
      'VALIDATION_FAILED',
    );
    // Winter (CET) and summer (CEST): the next day's Stockholm midnight.
    const winter = await finding({ respondBy: '2027-01-15' });
    expect(winter.status).toBe(201);
    expect(winter.body.respondBy).toBe('2027-01-15');
    const due = winter.body.deadlines.find((d) => d.kind === 'external_response')!;
    expect(due.dueAt).toBe('2027-01-15T23:00:00.000Z');
    expect(winter.body.tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'respond', assigneeRole: 'director' })]),
    );
    const summer = await finding({ respondBy: '2027-06-15' });
    expect(summer.body.deadlines.find((d) => d.kind === 'external_response')!.dueAt).toBe(
      '2027-06-15T22:00:00.000Z',
    );
    // Assigned: the answer is the assignee's.
    const assigned = await post('forvaltningschef', `/api/v1/cases/${winter.body.id}/assign`, {
      assignee: 'enhetschef',
    });
    expect(assigned.status).toBe(200);
    const respondTasks = assigned.body.tasks.filter((t) => t.kind === 'respond');
    expect(respondTasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ assigneeRole: 'director', status: 'done' }),
        expect.objectContaining({ assignee: 'enhetschef', status: 'open' }),
      ]),
    );
    const responded = await post('enhetschef', `/api/v1/cases/${winter.body.id}/respond`, {
      ...answer,
      channel: 'letter',
    });
    expect(responded.status).toBe(200);
    expect(responded.body.deadlines.find((d) => d.kind === 'external_response')!.status).toBe('met');
    // An external finding's findings are mapped to actions (LC-10): add-action lists them on the case.
    await investigated(winter.body.id);
    const action = await post('forvaltningschef', `/api/v1/cases/${winter.body.id}/add-action`, {
      title: 'Revidera rutinen för läkemedelsöverlämning',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: isoMinutesFromNow(60 * 24 * 30),
    });
    expect(action.status).toBe(200);
    expect(action.body.actions.map((a) => a.title)).toEqual(['Revidera rutinen för läkemedelsöverlämning']);
  });

  it('late_report: lex Sarah, HSL and lex Maria reported over 24 h after the event are flagged, not blocked', async () => {
    const late = await post(
      'medarbetare',
      '/api/v1/cases',
      report('lex_sarah', 'solgarden', 'Brukare lämnades ensam', { occurredAt: isoMinutesFromNow(-26 * 60) }),
    );
    expect(late.status).toBe(201);
    expect(late.body.lateReport).toBe(true);
    const onTime = await post(
      'medarbetare',
      '/api/v1/cases',
      report('hsl_deviation', 'solgarden', 'Fel dos', { occurredAt: isoMinutesFromNow(-23 * 60) }),
    );
    expect(onTime.body.lateReport).toBe(false);
    // A deviation is not measured (DL-2 names lex Sarah, HSL and lex Maria).
    const deviation = await post(
      'medarbetare',
      '/api/v1/cases',
      report('deviation', 'solgarden', 'Dörr olåst', { occurredAt: isoMinutesFromNow(-72 * 60) }),
    );
    expect(deviation.body.lateReport).toBe(false);
    await syncReadModels(api.db.dataSource, api.store);
    const list = await call<{ items: { id: string; lateReport: boolean }[] }>(
      'kvalitet',
      'GET',
      '/api/v1/cases?pageSize=200',
    );
    const flags = Object.fromEntries(list.body.items.map((i) => [i.id, i.lateReport]));
    expect(flags[late.body.id]).toBe(true);
    expect(flags[onTime.body.id]).toBe(false);
    expect((await call('sas', 'GET', `/api/v1/cases/${late.body.id}`)).body.lateReport).toBe(true);
  });

  it('the staff reporter of a deviation is told the outcome in-app and by mail when it closes, no one else’s data', async () => {
    const created = await post(
      'medarbetare',
      '/api/v1/cases',
      report('deviation', 'solgarden', 'Brukaren Anna föll i korridoren', { personRef: 'B-4711' }),
    );
    const { id, caseNumber } = created.body;
    await investigated(id);
    const closed = await post('enhetschef', `/api/v1/cases/${id}/close`, { summary: 'Anna mår bra igen.' });
    expect(closed.status).toBe(200);
    const events = await call<{ id: string; type: string }[]>(
      'enhetschef',
      'GET',
      `/api/v1/cases/${id}/events`,
    );
    const closedEvent = events.body.find((e) => e.type === 'CaseClosed')!;
    const activities = createCaseActivities({
      cases: new CaseCommandService(api.store),
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
      notices: createCaseNoticeDelivery({
        db: api.db.dataSource,
        mailer: new Mailer({ db: api.db.dataSource }),
      }),
    });
    for (let i = 0; i < 2; i++)
      await activities.sendCaseNotice({ caseId: id, kind: 'outcome', eventId: closedEvent.id });
    const inApp = await call<{ items: { kind: string; caseNumber: string; title: string; body: string }[] }>(
      'medarbetare',
      'GET',
      '/api/v1/notifications/in-app',
    );
    const notices = inApp.body.items.filter((n) => n.caseNumber === caseNumber);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'case_outcome', title: `Avvikelsen ${caseNumber} är avslutad` });
    expect(notices[0]!.body).toContain('Klassificering: Kvalitetsavvikelse');
    for (const secret of ['Anna', 'B-4711', 'enhetschef']) expect(notices[0]!.body).not.toContain(secret);
    const mail = await call<MailPage>('medarbetare', 'GET', '/api/v1/notifications/mail');
    expect(mail.body.items.filter((m) => m.key === `case-outcome/${closedEvent.id}`)).toHaveLength(1);
    // Nobody else sees it in-app.
    const other = await call<{ items: unknown[] }>('enhetschef', 'GET', '/api/v1/notifications/in-app');
    expect(other.body.items).toEqual([]);
  });

  // Last: it changes the policy the other tests report under.
  it('response and late_report_after are policy keys with their defaults; a changed one applies to the next report', async () => {
    const policy = await call<{ deadlines: Record<string, unknown>; escalationChain: string[] }>(
      'kvalitet',
      'GET',
      '/api/v1/policy',
    );
    expect(policy.body.deadlines).toMatchObject({ response: 'P14D', late_report_after: 'PT24H' });
    const put = await call('kvalitet', 'PUT', '/api/v1/policy', {
      deadlines: { ...policy.body.deadlines, late_report_after: 'PT12H' },
      escalationChain: policy.body.escalationChain,
    });
    expect(put.status).toBe(200);
    const late = await post(
      'medarbetare',
      '/api/v1/cases',
      report('lex_maria', 'solgarden', 'Fel läkemedel gavs', { occurredAt: isoMinutesFromNow(-13 * 60) }),
    );
    expect(late.status).toBe(201);
    expect(late.body.lateReport).toBe(true);
  });
});
