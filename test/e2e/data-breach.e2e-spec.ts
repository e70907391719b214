import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface CaseBody {
  id: string;
  version: number;
  awareAt: string | null;
  breachAssessment: { notifiable: boolean; rationale: string; by: string } | null;
  imyReport: { reportedAt: string; imyReference: string | null; by: string } | null;
  deadlines: { kind: string; status: string; dueAt: string }[];
  tasks: { kind: string; status: string; assigneeRole?: string | null }[];
  allowedCommands: string[];
}

/**
 * A personuppgiftsincident (CT-11, DL-14; api.md v1.1): `dataskydd` gets the case and the 72-hour
 * IMY task at once, counted from `awareAt`; only `dataskydd` assesses it and reports it to IMY.
 */
describe('data breach: dataskydd, 72 hours to IMY (e2e)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'forvaltningschef', 'kvalitet', 'dataskydd'])
      tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (user: string, path: string, body: unknown) =>
    api.call<CaseBody>('POST', path, { token: tokens[user], body });
  const breach = async (awareAt?: string) => {
    const created = await post(
      'medarbetare',
      '/api/v1/cases',
      report('data_breach', 'solgarden', 'E-post med brukaruppgifter skickades till fel mottagare', {
        ...(awareAt === undefined ? {} : { awareAt }),
      }),
    );
    expect(created.status).toBe(201);
    return created.body;
  };

  it('the report starts imy_notification 72 h from awareAt and puts the task in dataskydd’s inbox', async () => {
    const awareAt = isoMinutesFromNow(-120);
    const body = await breach(awareAt);
    expect(body.awareAt).toBe(new Date(awareAt).toISOString());
    const imy = body.deadlines.find((d) => d.kind === 'imy_notification')!;
    expect(Date.parse(imy.dueAt) - Date.parse(awareAt)).toBe(72 * 3600_000);
    await syncReadModels(api.db.dataSource, api.store);
    const inbox = await api.call<{ items: { caseId: string; kind: string; dueAt: string }[] }>(
      'GET',
      '/api/v1/tasks',
      { token: tokens['dataskydd'] },
    );
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ caseId: body.id, kind: 'imy_notification', dueAt: imy.dueAt }),
    ]);
    const view = await api.call<CaseBody>('GET', `/api/v1/cases/${body.id}`, { token: tokens['dataskydd'] });
    expect(view.status).toBe(200);
    expect(view.body.allowedCommands).toEqual(['assess-breach', 'report-to-imy']);
  });

  it('dataskydd assesses and reports to IMY; the deadline is met; a second report is 409', async () => {
    const { id } = await breach();
    const assessed = await post('dataskydd', `/api/v1/cases/${id}/assess-breach`, {
      notifiable: true,
      rationale: 'Känsliga uppgifter om hälsa röjdes för en obehörig.',
    });
    expect(assessed.status).toBe(200);
    expect(assessed.body.breachAssessment).toMatchObject({ notifiable: true, by: 'dataskydd' });
    expect(assessed.body.deadlines.find((d) => d.kind === 'imy_notification')!.status).toBe('open');
    const reported = await post('dataskydd', `/api/v1/cases/${id}/report-to-imy`, {
      reportedAt: isoMinutesFromNow(-5),
      imyReference: 'IMY-2026-4711',
    });
    expect(reported.status).toBe(200);
    expect(reported.body.imyReport).toMatchObject({ imyReference: 'IMY-2026-4711', by: 'dataskydd' });
    expect(reported.body.deadlines.find((d) => d.kind === 'imy_notification')!.status).toBe('met');
    expect(reported.body.tasks.find((t) => t.kind === 'imy_notification')!.status).toBe('done');
    expectProblem(
      await post('dataskydd', `/api/v1/cases/${id}/report-to-imy`, { reportedAt: isoMinutesFromNow(-1) }),
      409,
      'INVALID_TRANSITION',
    );
  });

  it('only dataskydd may; dataskydd reads no other case; bad bodies are 400 and change nothing', async () => {
    const { id, version } = await breach();
    for (const user of ['enhetschef', 'forvaltningschef', 'kvalitet'])
      expectProblem(
        await post(user, `/api/v1/cases/${id}/assess-breach`, { notifiable: false, rationale: 'x' }),
        403,
        'FORBIDDEN',
      );
    expectProblem(
      await post('dataskydd', `/api/v1/cases/${id}/assess-breach`, { notifiable: 'nej', rationale: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await post('dataskydd', `/api/v1/cases/${id}/report-to-imy`, { reportedAt: 'i morgon' }),
      400,
      'VALIDATION_FAILED',
    );
    const unchanged = await api.call<CaseBody>('GET', `/api/v1/cases/${id}`, { token: tokens['dataskydd'] });
    expect(unchanged.body.version).toBe(version);

    const deviation = await post('medarbetare', '/api/v1/cases', report('deviation', 'solgarden'));
    expectProblem(
      await api.call('GET', `/api/v1/cases/${deviation.body.id}`, { token: tokens['dataskydd'] }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await post(
        'medarbetare',
        '/api/v1/cases',
        report('deviation', 'solgarden', 'x', { awareAt: isoMinutesFromNow(-60) }),
      ),
      400,
      'VALIDATION_FAILED',
    );
    await syncReadModels(api.db.dataSource, api.store);
    const list = await api.call<{ items: { type: string }[] }>('GET', '/api/v1/cases?pageSize=500', {
      token: tokens['dataskydd'],
    });
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(new Set(list.body.items.map((i) => i.type))).toEqual(new Set(['data_breach']));
  });
});
