import { randomUUID } from 'node:crypto';
import { CaseCommandService } from '@kvalitet/persistence';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report, stockholmDateDaysAgo } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface CaseBody {
  id: string;
  caseNumber: string;
  type: string;
  stage: string;
  version: number;
  unitId: string;
  description: string;
  assignee: string | null;
  deadlines: unknown[];
  tasks: { id: string; kind: string; status: string }[];
  actions: { id: string; title: string; status: string; result?: string }[];
  decision: { outcome: string; requiresIvoReport: boolean } | null;
  ivoReport: { ivoReference: string } | null;
  allowedCommands: string[];
  [key: string]: unknown;
}

interface ListBody {
  items: {
    id: string;
    caseNumber: string;
    stage: string;
    overdue: boolean;
    unitId: string;
    type: string;
    reportedAt: string;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

describe('cases (e2e, real Postgres/Temporal/Kafka)', () => {
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
      'sas',
      'mas',
      'kvalitet',
      'ledning',
    ]) {
      tokens[user] = await api.token(user);
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = <T = CaseBody>(
    user: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) => api.call<T>('POST', path, { token: tokens[user], body, headers });
  const get = <T = CaseBody>(user: string, path: string) => api.call<T>('GET', path, { token: tokens[user] });

  it('reports a case: 201, Location, number and version; the events and outbox rows are committed before the answer', async () => {
    const response = await post(
      'medarbetare',
      '/api/v1/cases',
      report('deviation', 'solgarden', 'Brukare föll i korridoren', {
        immediateActions: 'Larmade sjuksköterska',
        channel: 'staff_form',
      }),
    );
    expect(response.status).toBe(201);
    const body = response.body;
    expect(body).toMatchObject({
      type: 'deviation',
      stage: 'reported',
      // The report and what it implies (ADR 0021): the investigation deadline and the manager's task.
      version: 3,
      unitId: 'solgarden',
      description: 'Brukare föll i korridoren',
      immediateActions: 'Larmade sjuksköterska',
    });
    expect(body.caseNumber).toMatch(/^AV-\d{4}-\d{4,}$/);
    expect(response.headers.get('location')).toBe(`/api/v1/cases/${body.id}`);
    const events: { type: string }[] = await api.db.dataSource.query(
      `SELECT type FROM events WHERE aggregate_id = $1`,
      [body.id],
    );
    expect(events.map((e) => e.type)).toEqual(['CaseReported', 'DeadlineStarted', 'TaskCreated']);
    const outbox: { count: string }[] = await api.db.dataSource.query(
      `SELECT count(*) FROM outbox WHERE message_key = $1`,
      [body.id],
    );
    expect(Number(outbox[0]!.count)).toBe(3);
  });

  it('lets staff register a report received earlier on behalf of someone, with its original date', async () => {
    const reportedAt = isoMinutesFromNow(-3 * 24 * 60);
    const response = await post(
      'medarbetare',
      '/api/v1/cases',
      report('complaint', 'solgarden', 'Anhörig ringde om maten', {
        channel: 'phone',
        reportedAt,
        onBehalfOf: { name: 'Karl Svensson', contact: '070-1234567' },
        occurredAt: undefined,
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      type: 'complaint',
      channel: 'phone',
      onBehalfOf: { name: 'Karl Svensson', contact: '070-1234567' },
      reportedAt: new Date(reportedAt).toISOString(),
    });
    expect(response.body.caseNumber).toMatch(/^KL-/);
  });

  it('runs a lex Sarah case through every command of api.md, each answering 200 with the updated case', async () => {
    const created = await post(
      'enhetschef',
      '/api/v1/cases',
      report('lex_sarah', 'solgarden', 'Nattillsyn uteblev'),
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    const path = (command: string) => `/api/v1/cases/${id}/${command}`;

    const ack = await post('enhetschef', path('acknowledge'), {
      note: 'Mottaget, extra bemanning insatt',
      expectedVersion: created.body.version,
    });
    expect(ack.status).toBe(200);
    expect(ack.body.version).toBeGreaterThan(created.body.version);
    expect(ack.body).toMatchObject({
      acknowledged: { by: 'enhetschef', note: 'Mottaget, extra bemanning insatt' },
    });

    const assigned = await post('enhetschef', path('assign'), { assignee: 'sas' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe('sas');

    // Codes from GET /api/v1/classifications (issue 24).
    const classified = await post('sas', path('classify'), {
      category: 'omvårdnad',
      lagrum: '14 kap. 3 § SoL',
    });
    expect(classified.status).toBe(200);
    expect(classified.body).toMatchObject({
      category: 'omvårdnad',
      lagrum: '14 kap. 3 § SoL',
      type: 'lex_sarah',
    });

    expect((await post('sas', path('start-investigation'), {})).body.stage).toBe('investigating');
    const investigated = await post('sas', path('record-investigation'), {
      summary: 'Nattillsyn uteblev två nätter',
      causes: ['Bemanning', 'Rutin saknades'],
    });
    expect(investigated.status).toBe(200);
    expect(investigated.body['investigation']).toMatchObject({
      summary: 'Nattillsyn uteblev två nätter',
      causes: ['Bemanning', 'Rutin saknades'],
    });

    const decided = await post('sas', path('decide'), {
      outcome: 'allvarligt_missforhallande',
      rationale: 'Brukaren utsattes för allvarlig fara',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({
      outcome: 'allvarligt_missforhallande',
      requiresIvoReport: true,
    });

    const closeTooEarly = await post('sas', path('close'), { summary: 'Klart' });
    expectProblem(closeTooEarly, 409, 'INVALID_TRANSITION');

    const ivo = await post('sas', path('report-to-ivo'), {
      ivoReference: 'IVO 3.5.1-12345/2026',
      reportedAt: stockholmDateDaysAgo(0),
    });
    expect(ivo.status).toBe(200);
    expect(ivo.body.ivoReport).toMatchObject({ ivoReference: 'IVO 3.5.1-12345/2026' });
    // api.md v1.1: a serious lex Sarah case closes only once the nämnd is informed (DL-6).
    expect((await post('sas', path('inform-board'), { meetingDate: stockholmDateDaysAgo(0) })).status).toBe(
      200,
    );

    const withAction = await post('enhetschef', path('add-action'), {
      title: 'Rutin för nattillsyn',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: isoMinutesFromNow(30 * 24 * 60),
    });
    expect(withAction.status).toBe(200);
    const action = withAction.body.actions[0]!;
    expect(action).toMatchObject({ title: 'Rutin för nattillsyn', status: 'open' });
    expect(action.id).toMatch(/^[0-9a-f-]{36}$/);

    const completed = await post('enhetschef', path('complete-action'), {
      actionId: action.id,
      result: 'Rutinen införd och utbildad',
    });
    expect(completed.status).toBe(200);
    expect(completed.body.actions[0]).toMatchObject({
      status: 'completed',
      result: 'Rutinen införd och utbildad',
    });

    expect(
      (await post('enhetschef', path('follow-up'), { effective: true, note: 'Inga nya avvikelser' })).status,
    ).toBe(200);
    const closed = await post('sas', path('close'), { summary: 'Utrett, anmält och åtgärdat' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ stage: 'closed', closingSummary: 'Utrett, anmält och åtgärdat' });

    const reopened = await post('forvaltningschef', path('reopen'), { reason: 'Ny uppgift från anhörig' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.stage).toBe('investigating');

    const detail = await get(`kvalitet`, `/api/v1/cases/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.version).toBe(reopened.body.version);

    const history = await get<
      {
        id: string;
        type: string;
        version: number;
        occurredAt: string;
        actor: string;
        data: Record<string, unknown>;
      }[]
    >('kvalitet', `/api/v1/cases/${id}/events`);
    expect(history.status).toBe(200);
    const implied = ['DeadlineStarted', 'DeadlineMet', 'DeadlineCancelled', 'TaskCreated', 'TaskCompleted'];
    expect(history.body.map((e) => e.type).filter((type) => !implied.includes(type))).toEqual([
      'CaseReported',
      'CaseAcknowledged',
      'CaseAssigned',
      'CaseClassified',
      'InvestigationStarted',
      'InvestigationRecorded',
      'CaseDecided',
      'ReportedToIvo',
      'BoardInformed',
      'ActionAdded',
      'ActionCompleted',
      'FollowUpRecorded',
      'CaseClosed',
      'CaseReopened',
    ]);
    expect(history.body.map((e) => e.version)).toEqual(history.body.map((_, i) => i + 1));
    expect(history.body[0]).toMatchObject({
      actor: 'enhetschef',
      data: { description: 'Nattillsyn uteblev' },
    });
  });

  it('answers a stale expectedVersion with 409 VERSION_CONFLICT and writes nothing', async () => {
    const { body } = await post('enhetschef', '/api/v1/cases', report('deviation', 'solgarden'));
    const acknowledged = await post('enhetschef', `/api/v1/cases/${body.id}/acknowledge`, {
      expectedVersion: body.version,
    });
    expect(acknowledged.status).toBe(200);
    const stale = await post('enhetschef', `/api/v1/cases/${body.id}/assign`, {
      assignee: 'sas',
      expectedVersion: body.version,
    });
    const problem = expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(problem.detail).toMatch(new RegExp(`version ${body.version}`));
    const events: { count: string }[] = await api.db.dataSource.query(
      `SELECT count(*) FROM events WHERE aggregate_id = $1`,
      [body.id],
    );
    expect(Number(events[0]!.count)).toBe(acknowledged.body.version);
  });

  it('maps domain refusals: wrong stage 409 INVALID_TRANSITION, bad field 400 VALIDATION_FAILED, unknown action 404', async () => {
    const { body } = await post('enhetschef', '/api/v1/cases', report('deviation', 'solgarden'));
    const premature = await post('enhetschef', `/api/v1/cases/${body.id}/follow-up`, {
      effective: true,
      note: 'x',
    });
    expectProblem(premature, 409, 'INVALID_TRANSITION');
    const past = await post('enhetschef', `/api/v1/cases/${body.id}/add-action`, {
      title: 'x',
      level: 'individual',
      owner: 'enhetschef',
      dueAt: isoMinutesFromNow(-60),
    });
    const problem = expectProblem(past, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.[0]).toMatchObject({ field: 'dueAt' });
    const missing = await post('enhetschef', `/api/v1/cases/${body.id}/complete-action`, {
      actionId: randomUUID(),
      result: 'klart',
    });
    const notFound = expectProblem(missing, 404, 'NOT_FOUND');
    expect(notFound.errors?.[0]).toMatchObject({ field: 'actionId', code: 'ACTION_NOT_FOUND' });
  });

  it('writes an access-log row for every read of a single case, and never for the list', async () => {
    const { body } = await post('medarbetare', '/api/v1/cases', report('deviation', 'solgarden'));
    const reads = [
      await get('enhetschef', `/api/v1/cases/${body.id}`),
      await get('sas', `/api/v1/cases/${body.id}/events`),
      await get('medarbetare', `/api/v1/cases/${body.id}`),
    ];
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
    await get('kvalitet', '/api/v1/cases');
    const rows: { username: string; roles: string[]; action: string; route: string; request_id: string }[] =
      await api.db.dataSource.query(
        `SELECT username, roles, action, route, request_id FROM access_log WHERE case_id = $1 ORDER BY id`,
        [body.id],
      );
    expect(rows).toEqual([
      {
        username: 'enhetschef',
        roles: ['unit_manager'],
        action: 'read_case',
        route: 'GET /api/v1/cases/:id',
        request_id: reads[0]!.headers.get('x-request-id'),
      },
      {
        username: 'sas',
        roles: ['lex_sarah_investigator'],
        action: 'read_events',
        route: 'GET /api/v1/cases/:id/events',
        request_id: reads[1]!.headers.get('x-request-id'),
      },
      {
        username: 'medarbetare',
        roles: ['staff'],
        action: 'read_case',
        route: 'GET /api/v1/cases/:id',
        request_id: reads[2]!.headers.get('x-request-id'),
      },
    ]);
    // a refused read is not a read
    expect((await get('enhetschef.ekbacken', `/api/v1/cases/${body.id}`)).status).toBe(404);
    const after: { count: string }[] = await api.db.dataSource.query(
      `SELECT count(*) FROM access_log WHERE case_id = $1`,
      [body.id],
    );
    expect(Number(after[0]!.count)).toBe(3);
    await expect(
      api.db.dataSource.query(`UPDATE access_log SET username = 'x' WHERE case_id = $1`, [body.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      api.db.dataSource.query(`DELETE FROM access_log WHERE case_id = $1`, [body.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('makes one case and 20 identical answers for 20 concurrent retries with one Idempotency-Key', async () => {
    const key = `dubbelklick-${randomUUID()}`;
    const body = report('hsl_deviation', 'hemtjanst-norr', 'Fel dos given');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        post('medarbetare', '/api/v1/cases', body, { 'Idempotency-Key': key }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const r of responses) {
      expect(r.body).toEqual(responses[0]!.body);
      expect(r.headers.get('location')).toBe(`/api/v1/cases/${r.body.id}`);
    }
    const count: { count: string }[] = await api.db.dataSource.query(
      `SELECT count(*) FROM events WHERE type = 'CaseReported' AND data->>'type' = 'hsl_deviation' AND aggregate_id = $1`,
      [[...ids][0]],
    );
    expect(Number(count[0]!.count)).toBe(1);
    const all: { count: string }[] = await api.db.dataSource.query(
      `SELECT count(*) FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(Number(all[0]!.count)).toBe(1);

    const other = await post(
      'medarbetare',
      '/api/v1/cases',
      { ...body, description: 'Något annat' },
      { 'Idempotency-Key': key },
    );
    expectProblem(other, 422, 'IDEMPOTENCY_CONFLICT');
    const sameKeyOtherUser = await post('enhetschef', '/api/v1/cases', body, { 'Idempotency-Key': key });
    expect(sameKeyOtherUser.status).toBe(201);
    expect(sameKeyOtherUser.body.id).not.toBe([...ids][0]);
  });

  it('does not keep the key of a refused first request, so a corrected retry with a new body is not a conflict', async () => {
    const key = `rattad-${randomUUID()}`;
    const bad = await post(
      'medarbetare',
      '/api/v1/cases',
      { ...report('deviation', 'solgarden'), type: 'okand' },
      { 'Idempotency-Key': key },
    );
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    const good = await post('medarbetare', '/api/v1/cases', report('deviation', 'solgarden'), {
      'Idempotency-Key': key,
    });
    expect(good.status).toBe(201);
  });

  it('lists visible cases from the read model with filters and paging', async () => {
    const mine = await post(
      'medarbetare',
      '/api/v1/cases',
      report('complaint', 'solgarden', 'Kaffet var kallt XYZZY', { occurredAt: undefined }),
    );
    const ekbacken = await post(
      'enhetschef.ekbacken',
      '/api/v1/cases',
      report('deviation', 'ekbacken', 'Dörr olåst'),
    );
    await syncReadModels(api.db.dataSource, api.store);

    const all = await get<ListBody>('kvalitet', '/api/v1/cases?pageSize=500');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([mine.body.id, ekbacken.body.id]));
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body).toMatchObject({ page: 1, pageSize: 500 });

    const staff = await get<ListBody>('medarbetare', '/api/v1/cases?pageSize=500');
    expect(staff.body.items.map((i) => i.id)).toContain(mine.body.id);
    expect(staff.body.items.map((i) => i.id)).not.toContain(ekbacken.body.id);

    const ekbackenManager = await get<ListBody>('enhetschef.ekbacken', '/api/v1/cases?pageSize=500');
    expect(ekbackenManager.body.items.every((i) => i.unitId === 'ekbacken')).toBe(true);
    expect(ekbackenManager.body.items.map((i) => i.id)).toContain(ekbacken.body.id);

    const division = await get<ListBody>('avdelningschef', '/api/v1/cases?unitId=aldreomsorg&pageSize=500');
    expect(
      division.body.items.every((i) => ['aldreomsorg', 'solgarden', 'hemtjanst-norr'].includes(i.unitId)),
    ).toBe(true);
    expect((await get<ListBody>('avdelningschef', '/api/v1/cases?unitId=ekbacken')).body.total).toBe(0);

    const byNumber = await get<ListBody>(
      'kvalitet',
      `/api/v1/cases?q=${encodeURIComponent(mine.body.caseNumber)}`,
    );
    expect(byNumber.body.items.map((i) => i.id)).toEqual([mine.body.id]);
    const byText = await get<ListBody>('kvalitet', '/api/v1/cases?q=xyzzy');
    expect(byText.body.items.map((i) => i.id)).toEqual([mine.body.id]);
    expect((await get<ListBody>('kvalitet', '/api/v1/cases?q=%25')).body.total).toBe(0);

    const typed = await get<ListBody>('kvalitet', '/api/v1/cases?type=complaint&stage=reported&pageSize=500');
    expect(typed.body.items.every((i) => i.type === 'complaint' && i.stage === 'reported')).toBe(true);

    const today = stockholmDateDaysAgo(0);
    const stockholmDate = (iso: string) =>
      new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    const reportedToday = all.body.items.filter((i) => stockholmDate(i.reportedAt) === today).length;
    expect(reportedToday).toBeLessThan(all.body.total); // the phone report was received 3 days ago
    expect(
      (await get<ListBody>('kvalitet', `/api/v1/cases?from=${today}&to=${today}&pageSize=500`)).body.total,
    ).toBe(reportedToday);
    expect((await get<ListBody>('kvalitet', `/api/v1/cases?to=${stockholmDateDaysAgo(10)}`)).body.total).toBe(
      0,
    );

    const paged = await get<ListBody>('kvalitet', '/api/v1/cases?page=2&pageSize=2');
    expect(paged.body).toMatchObject({ page: 2, pageSize: 2, total: all.body.total });
    expect(paged.body.items).toEqual(all.body.items.slice(2, 4));

    const assigned = await get<ListBody>('kvalitet', '/api/v1/cases?assignee=sas');
    expect(assigned.body.items.length).toBeGreaterThan(0);
    // Only the complaint received by phone three days ago is past its acknowledgement deadline,
    // which its report started from the original date (LC-2, ADR 0021).
    const overdue = await get<ListBody>('kvalitet', '/api/v1/cases?overdue=true&pageSize=500');
    expect(overdue.body.items.map((i) => i.type)).toEqual(['complaint']);
    expect(Date.parse(overdue.body.items[0]!.reportedAt)).toBeLessThan(Date.now() - 2 * 24 * 3600_000);
    expect(
      (await get<ListBody>('kvalitet', '/api/v1/cases?overdue=false')).body.total + overdue.body.total,
    ).toBe(all.body.total);
  });

  it('lists overdue cases: a deadline in the past or a missed one', async () => {
    const { body } = await post('enhetschef', '/api/v1/cases', report('deviation', 'solgarden'));
    const processManager = new CaseCommandService(api.store);
    const system = { username: 'system', roles: [] };
    await processManager.execute(body.id, {
      type: 'start-deadline',
      actor: system,
      data: {
        deadlineId: randomUUID(),
        kind: 'investigation',
        dueAt: isoMinutesFromNow(1),
        policyVersion: 1,
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await syncReadModels(api.db.dataSource, api.store);
    const notYet = await get<ListBody>('kvalitet', '/api/v1/cases?overdue=true');
    expect(notYet.body.items.map((i) => i.id)).not.toContain(body.id);
    const deadlineId = randomUUID();
    await processManager.execute(body.id, {
      type: 'start-deadline',
      actor: system,
      data: { deadlineId, kind: 'acknowledgement', dueAt: isoMinutesFromNow(2), policyVersion: 1 },
    });
    await processManager.execute(body.id, {
      type: 'record-deadline-missed',
      actor: system,
      data: { deadlineId, escalationLevel: 1, escalatedTo: ['division_manager'] },
    });
    await syncReadModels(api.db.dataSource, api.store);
    const overdue = await get<ListBody>('kvalitet', '/api/v1/cases?overdue=true');
    expect(overdue.body.items.find((i) => i.id === body.id)).toMatchObject({ overdue: true });
    const detail = await get('kvalitet', `/api/v1/cases/${body.id}`);
    expect(detail.body.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: deadlineId,
          kind: 'acknowledgement',
          status: 'missed',
          policyVersion: 1,
        }),
      ]),
    );
  });

  it('keeps the list to what the caller may see: ledning gets 403, a unit manager not another unit', async () => {
    expectProblem(await get('ledning', '/api/v1/cases'), 403, 'FORBIDDEN');
  });
});
