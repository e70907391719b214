import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface Improvement {
  id: string;
  kind: string;
  reference: string;
  stage: string;
  proposer: string | null;
  sources: { kind: string; id: string; reference?: string; causes: string[] }[];
  plan: { owner: string; dueAt: string } | null;
  feedback: { decision: string; text: string; read: boolean } | null;
  followUps: { effective: boolean }[];
  version: number;
}
interface Lesson {
  id: string;
  stage: string;
  targetUnitIds: string[];
  checks: { unitId: string; applicable: boolean }[];
}
interface TaskPage {
  items: {
    caseId: string;
    caseType: string;
    kind: string;
    assignee: string | null;
    assigneeRole: string | null;
    unitId: string;
    status: string;
  }[];
}

const plan = (days = 30) => ({
  title: 'Checklista vid överrapportering',
  level: 'organisational',
  owner: 'enhetschef',
  dueAt: isoMinutesFromNow(days * 24 * 60),
  expectedEffect: 'Inga missade överrapporteringar',
});

describe('improvement work (e2e, IMP-1…IMP-8)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of [
      'medarbetare',
      'enhetschef',
      'enhetschef.ekbacken',
      'avdelningschef',
      'kvalitet',
      'sas',
      'ledning',
    ])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const call = <T>(method: string, path: string, user: string, body?: unknown) =>
    api.call<T>(method, `/api/v1${path}`, { token: t[user]!, ...(body === undefined ? {} : { body }) });
  const tasksOf = async (user: string) => (await call<TaskPage>('GET', '/tasks', user)).body.items;

  it('a staff proposal: the unit manager assesses it, the proposer gets the feedback in the inbox and acknowledges it', async () => {
    const proposed = await call<Improvement>('POST', '/improvement-proposals', 'medarbetare', {
      unitId: 'solgarden',
      title: 'Checklista vid skiftbyte',
      description: 'Vi missar information vid skiftbyte på kvällen.',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.headers.get('location')).toBe(`/api/v1/improvement-proposals/${proposed.body.id}`);
    expect(proposed.body).toMatchObject({ kind: 'proposal', stage: 'proposed', proposer: 'medarbetare' });
    expect(proposed.body.reference).toMatch(/^FF-\d{4}-\d{4}$/);
    const id = proposed.body.id;

    await syncReadModels(api.db.dataSource, api.store);
    expect(await tasksOf('enhetschef')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: id,
          caseType: 'improvement',
          kind: 'assess_improvement_proposal',
          assigneeRole: 'unit_manager',
        }),
      ]),
    );
    const openapi = await api.call<{
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    }>('GET', '/api/v1/openapi.json');
    const taskSchema = openapi.body.components.schemas['TaskDto']!.properties;
    const managerTasks = await tasksOf('enhetschef');
    expect(managerTasks.length).toBeGreaterThan(0);
    for (const task of managerTasks) {
      expect(taskSchema['kind']!.enum).toContain(task.kind);
      expect(taskSchema['caseType']!.enum).toContain(task.caseType);
    }
    const mine = await call<{ items: { id: string; stage: string }[] }>(
      'GET',
      '/improvement-proposals',
      'medarbetare',
    );
    expect(mine.body.items.map((i) => i.id)).toContain(id);

    expectProblem(
      await call('POST', `/improvement-proposals/${id}/assess`, 'medarbetare', {
        decision: 'accepted',
        feedback: 'x',
        plan: plan(),
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await call('POST', `/improvement-proposals/${id}/assess`, 'enhetschef', {
        decision: 'accepted',
        feedback: 'Bra!',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const assessed = await call<Improvement>('POST', `/improvement-proposals/${id}/assess`, 'enhetschef', {
      decision: 'accepted',
      feedback: 'Bra förslag, vi inför en checklista.',
      plan: plan(),
    });
    expect(assessed.body).toMatchObject({
      stage: 'planned',
      feedback: { decision: 'accepted', text: 'Bra förslag, vi inför en checklista.', read: false },
    });

    await syncReadModels(api.db.dataSource, api.store);
    expect(await tasksOf('medarbetare')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId: id, kind: 'improvement_feedback', assignee: 'medarbetare' }),
      ]),
    );
    const seen = await call<Improvement>('GET', `/improvement-proposals/${id}`, 'medarbetare');
    expect(seen.body.feedback?.text).toBe('Bra förslag, vi inför en checklista.');
    expectProblem(
      await call('POST', `/improvement-proposals/${id}/read-feedback`, 'enhetschef', {}),
      403,
      'FORBIDDEN',
    );
    const read = await call<Improvement>(
      'POST',
      `/improvement-proposals/${id}/read-feedback`,
      'medarbetare',
      {},
    );
    expect(read.body.feedback?.read).toBe(true);
    expectProblem(
      await call('POST', `/improvement-proposals/${id}/read-feedback`, 'medarbetare', {}),
      409,
      'INVALID_TRANSITION',
    );
  });

  it('effect follow-up: no effect sends it back to planning, a new plan is implemented and followed up as effective (LC-3)', async () => {
    const id = (
      await call<Improvement>('POST', '/improvement-proposals', 'medarbetare', {
        unitId: 'solgarden',
        title: 'Larm',
        description: 'Larmet hörs dåligt',
      })
    ).body.id;
    await call('POST', `/improvement-proposals/${id}/assess`, 'enhetschef', {
      decision: 'accepted',
      feedback: 'Ja',
      plan: plan(),
    });
    expectProblem(
      await call('POST', `/improvement-proposals/${id}/follow-up-effect`, 'enhetschef', {
        effective: true,
        evidence: 'x',
      }),
      409,
      'INVALID_TRANSITION',
    );
    await call('POST', `/improvement-proposals/${id}/implement`, 'enhetschef', { result: 'Nya högtalare' });
    const ineffective = await call<Improvement>(
      'POST',
      `/improvement-proposals/${id}/follow-up-effect`,
      'enhetschef',
      { effective: false, evidence: 'Två nya avvikelser om missade larm' },
    );
    expect(ineffective.body.stage).toBe('planned');
    expectProblem(
      await call('POST', `/improvement-proposals/${id}/implement`, 'enhetschef', { result: 'x' }),
      409,
      'INVALID_TRANSITION',
    );
    await call('POST', `/improvement-proposals/${id}/replan`, 'enhetschef', {
      plan: { ...plan(20), title: 'Larm i alla korridorer' },
    });
    await call('POST', `/improvement-proposals/${id}/implement`, 'enhetschef', {
      result: 'Larm installerade',
      followUpDueAt: isoMinutesFromNow(60 * 24 * 90),
    });
    const effective = await call<Improvement>(
      'POST',
      `/improvement-proposals/${id}/follow-up-effect`,
      'enhetschef',
      { effective: true, evidence: 'Inga nya avvikelser på tre månader' },
    );
    expect(effective.body).toMatchObject({
      stage: 'effective',
      followUps: [{ effective: false }, { effective: true }],
    });
  });

  it('an improvement action is linked to the causes the case investigation found; other causes, no investigation and other units are refused', async () => {
    const reported = await call<{ id: string; caseNumber: string }>(
      'POST',
      '/cases',
      'medarbetare',
      report('deviation', 'solgarden'),
    );
    const caseId = reported.body.id;
    const action = { unitId: 'solgarden', source: { caseId, causes: ['routine'] }, plan: plan() };
    expectProblem(
      await call('POST', '/improvement-actions', 'enhetschef', action),
      409,
      'INVALID_TRANSITION',
    );
    await call('POST', `/cases/${caseId}/start-investigation`, 'enhetschef', {});
    await call('POST', `/cases/${caseId}/record-investigation`, 'enhetschef', {
      summary: 'Rutinen följdes inte',
      causes: ['routine', 'handover'],
    });
    const onCase = await call<{ actions: { title: string; causes?: string[] }[] }>(
      'POST',
      `/cases/${caseId}/add-action`,
      'enhetschef',
      {
        title: 'Gå igenom rutinen på APT',
        level: 'organisational',
        owner: 'enhetschef',
        dueAt: isoMinutesFromNow(60 * 24 * 14),
        causes: ['routine'],
      },
    );
    expect(onCase.status).toBe(200);
    expect(onCase.body.actions[0]).toMatchObject({ title: 'Gå igenom rutinen på APT', causes: ['routine'] });
    const wrongCause = await call('POST', `/cases/${caseId}/add-action`, 'enhetschef', {
      title: 'x',
      level: 'individual',
      owner: 'enhetschef',
      dueAt: isoMinutesFromNow(600),
      causes: ['weather'],
    });
    expect(expectProblem(wrongCause, 400, 'VALIDATION_FAILED').errors?.[0]).toMatchObject({
      field: 'causes',
      code: 'CAUSE_NOT_RECORDED',
    });
    const created = await call<Improvement>('POST', '/improvement-actions', 'enhetschef', action);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'action',
      stage: 'planned',
      sources: [{ kind: 'case', id: caseId, reference: reported.body.caseNumber, causes: ['routine'] }],
      plan: { owner: 'enhetschef' },
    });
    expect(created.body.reference).toMatch(/^FA-\d{4}-\d{4}$/);
    const unknown = await call('POST', '/improvement-actions', 'enhetschef', {
      ...action,
      source: { caseId, causes: ['weather'] },
    });
    expect(expectProblem(unknown, 400, 'VALIDATION_FAILED').errors?.[0]).toMatchObject({
      field: 'source.causes',
      code: 'CAUSE_NOT_RECORDED',
    });
    expectProblem(
      await call('POST', '/improvement-actions', 'enhetschef.ekbacken', action),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await call('POST', '/improvement-actions', 'enhetschef.ekbacken', { ...action, unitId: 'ekbacken' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await call('POST', '/improvement-actions', 'enhetschef', {
        ...action,
        source: { causes: ['routine'] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const implemented = await call<Improvement>(
      'POST',
      `/improvement-actions/${created.body.id}/implement`,
      'enhetschef',
      { result: 'Rutinen uppdaterad' },
    );
    expect(implemented.body.stage).toBe('implemented');
    expectProblem(
      await call('GET', `/improvement-proposals/${created.body.id}`, 'enhetschef'),
      404,
      'NOT_FOUND',
    );
  });

  it("an action can also come from a risk assessment's causes", async () => {
    const ra = await call<{ id: string; reference: string }>('POST', '/risk-assessments', 'enhetschef', {
      title: 'Fall',
      unitId: 'solgarden',
      trigger: 'change',
      risks: [{ description: 'Fall', probability: 3, severity: 3, causes: ['Halt golv'] }],
    });
    const created = await call<Improvement>('POST', '/improvement-actions', 'enhetschef', {
      unitId: 'solgarden',
      source: { riskAssessmentId: ra.body.id, causes: ['Halt golv'] },
      plan: plan(),
    });
    expect(created.body.sources).toEqual([
      { kind: 'risk_assessment', id: ra.body.id, reference: ra.body.reference, causes: ['Halt golv'] },
    ]);
  });

  it("a lesson from Solgården goes to other units as a check task each; each unit's manager records its own check (IMP-7)", async () => {
    const shared = await call<Lesson>('POST', '/lessons', 'kvalitet', {
      sourceUnitId: 'solgarden',
      title: 'Larm hörs inte i korridoren',
      finding: 'Kontrollera att larmet hörs i alla korridorer nattetid.',
      targetUnitIds: ['ekbacken', 'hemtjanst-norr'],
      dueAt: isoMinutesFromNow(60 * 24 * 14),
    });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ stage: 'checking', targetUnitIds: ['ekbacken', 'hemtjanst-norr'] });
    expectProblem(
      await call('POST', '/lessons', 'enhetschef', {
        sourceUnitId: 'solgarden',
        title: 'x',
        finding: 'y',
        targetUnitIds: ['ekbacken'],
        dueAt: isoMinutesFromNow(600),
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await call('POST', '/lessons', 'kvalitet', {
        sourceUnitId: 'solgarden',
        title: 'x',
        finding: 'y',
        targetUnitIds: ['solgarden'],
        dueAt: isoMinutesFromNow(600),
      }),
      400,
      'VALIDATION_FAILED',
    );
    await syncReadModels(api.db.dataSource, api.store);
    expect(await tasksOf('enhetschef.ekbacken')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: shared.body.id,
          kind: 'check_lesson',
          unitId: 'ekbacken',
          status: 'open',
        }),
      ]),
    );
    const id = shared.body.id;
    expectProblem(
      await call('POST', `/lessons/${id}/checks`, 'enhetschef.ekbacken', {
        unitId: 'hemtjanst-norr',
        applicable: true,
        result: 'x',
      }),
      403,
      'FORBIDDEN',
    );
    const checked = await call<Lesson>('POST', `/lessons/${id}/checks`, 'enhetschef.ekbacken', {
      unitId: 'ekbacken',
      applicable: false,
      result: 'Vi har inga korridorlarm',
    });
    expect(checked.body.checks).toEqual([expect.objectContaining({ unitId: 'ekbacken', applicable: false })]);
    expectProblem(
      await call('POST', `/lessons/${id}/checks`, 'enhetschef.ekbacken', {
        unitId: 'ekbacken',
        applicable: false,
        result: 'igen',
      }),
      409,
      'INVALID_TRANSITION',
    );
    const done = await call<Lesson>('POST', `/lessons/${id}/checks`, 'avdelningschef', {
      unitId: 'hemtjanst-norr',
      applicable: true,
      result: 'Larmet förstärkt',
    });
    expect(done.body.stage).toBe('checked');
    expect((await call('GET', `/lessons/${id}`, 'enhetschef')).status).toBe(200);
    expectProblem(await call('GET', `/lessons/${id}`, 'sas'), 403, 'FORBIDDEN');
    const listed = await call<{ items: { id: string }[] }>('GET', '/lessons', 'enhetschef.ekbacken');
    await syncReadModels(api.db.dataSource, api.store);
    expect(
      (await call<{ items: { id: string }[] }>('GET', '/lessons', 'enhetschef.ekbacken')).body.items.map(
        (i) => i.id,
      ),
    ).toContain(id);
    expect(listed.status).toBe(200);
  });
});
