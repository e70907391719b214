import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { isoMinutesFromNow } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface RiskBody {
  id: string;
  description: string;
  probability: number;
  severity: number;
  score: number;
  level: string;
  causes: string[];
  demand: string;
  residual: { probability: number; severity: number; score: number; level: string; rationale: string } | null;
}
interface AssessmentBody {
  id: string;
  reference: string;
  title: string;
  unitId: string;
  trigger: string;
  stage: string;
  version: number;
  risks: RiskBody[];
  actions: {
    id: string;
    riskId: string;
    title: string;
    owner: string;
    dueAt: string;
    status: string;
    causeIndexes: number[];
    deadline: { status: string };
  }[];
  allowedCommands: string[];
  maxScore: number | null;
  currentMaxScore: number | null;
}

const CREATE = {
  title: 'Fall vid förflyttning nattetid',
  unitId: 'solgarden',
  trigger: 'deviation_pattern',
  description: 'Tre fall på en månad vid förflyttning nattetid.',
  risks: [
    {
      description: 'Brukare faller vid förflyttning',
      probability: 3,
      severity: 4,
      causes: ['Ensam personal nattetid', 'Lyftutrustning saknas'],
    },
    { description: 'Fördröjt larm', probability: 1, severity: 2 },
  ],
};

describe('risk assessments (e2e, RA-1…RA-7)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['enhetschef', 'enhetschef.ekbacken', 'avdelningschef', 'kvalitet', 'medarbetare'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = <T = AssessmentBody>(
    path: string,
    body: unknown,
    user = 'enhetschef',
    headers: Record<string, string> = {},
  ) => api.call<T>('POST', `/api/v1/risk-assessments${path}`, { token: t[user]!, body, headers });

  it('POST creates with 201 + Location, echoes the factors and adds id, score and level per risk, and id, version, stage', async () => {
    const created = await post('', CREATE);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/risk-assessments/${created.body.id}`);
    expect(created.body).toMatchObject({
      title: CREATE.title,
      unitId: 'solgarden',
      trigger: 'deviation_pattern',
      version: 3,
      stage: 'analysing',
    });
    expect(created.body.reference).toMatch(/^RA-\d{4}-\d{4}$/);
    expect(created.body.risks.map((r) => [r.probability, r.severity, r.score, r.level])).toEqual([
      [3, 4, 12, 'very_high'],
      [1, 2, 2, 'low'],
    ]);
    expect(created.body.risks[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.risks[0]!.demand).toBe('Handlingsplan krävs; föreslås till internkontrollplanen');
  });

  it.each([
    [{ probability: 0, severity: 2 }, 'risks[0].probability'],
    [{ probability: 5, severity: 2 }, 'risks[0].probability'],
    [{ probability: 2.5, severity: 2 }, 'risks[0].probability'],
    [{ probability: '3', severity: 2 }, 'risks[0].probability'],
    [{ probability: 3, severity: null }, 'risks[0].severity'],
    [{ probability: 3 }, 'risks[0].severity'],
  ])('invalid scores %j are 400 problem+json naming %s, with a Swedish message', async (factors, field) => {
    const response = await post('', { ...CREATE, risks: [{ description: 'x', ...factors }] });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(problem.errors?.find((e) => e.field === field)?.message).toMatch(/[åäö]|måste|heltal/i);
  });

  it("refuses an unknown trigger, unknown fields and another unit than the manager's (403)", async () => {
    expectProblem(await post('', { ...CREATE, trigger: 'whim' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post('', { ...CREATE, colour: 'red' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post('', { ...CREATE, unitId: 'ekbacken' }), 403, 'FORBIDDEN');
  });

  it('the same Idempotency-Key gives the same assessment', async () => {
    const headers = { 'idempotency-key': `ra-${Date.now()}` };
    const first = await post('', CREATE, 'enhetschef', headers);
    const second = await post('', CREATE, 'enhetschef', headers);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
  });

  it('the whole analysis: causes → actions with owner and due date against causes → complete → reassess gives the residual → close', async () => {
    const created = (await post('', CREATE)).body;
    const [fall, alarm] = created.risks;
    let view = (
      await post(`/${created.id}/causes`, { riskId: alarm!.id, causes: ['Larmet hörs inte i korridoren'] })
    ).body;
    expect(view.stage).toBe('planning');
    const closeTooEarly = await post(`/${created.id}/close`, { summary: 'Klar' });
    expect(expectProblem(closeTooEarly, 409, 'INVALID_TRANSITION').errors?.[0]?.code).toBe(
      'ACTION_PLAN_REQUIRED',
    );

    const dueAt = isoMinutesFromNow(14 * 24 * 60);
    const action = await post(`/${created.id}/actions`, {
      riskId: fall!.id,
      title: 'Dubbelbemanning vid förflyttning',
      owner: 'enhetschef',
      dueAt,
      causeIndexes: [0],
    });
    expect(action.status).toBe(200);
    view = action.body;
    expect(view.stage).toBe('following_up');
    expect(view.actions[0]).toMatchObject({
      riskId: fall!.id,
      owner: 'enhetschef',
      status: 'open',
      causeIndexes: [0],
      deadline: { status: 'open' },
    });
    expect(Date.parse(view.actions[0]!.dueAt)).toBe(Date.parse(dueAt));

    expectProblem(
      await post(`/${created.id}/actions`, {
        riskId: fall!.id,
        title: 'x',
        owner: 'enhetschef',
        dueAt: isoMinutesFromNow(-60),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await post(`/${created.id}/actions`, { riskId: 'nope', title: 'x', owner: 'enhetschef', dueAt }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await post(`/${created.id}/reassess`, {
        riskId: fall!.id,
        probability: 1,
        severity: 4,
        rationale: 'x',
      }),
      409,
      'INVALID_TRANSITION',
    );

    await post(`/${created.id}/complete-action`, {
      actionId: view.actions[0]!.id,
      result: 'Dubbelbemanning införd från v. 49',
    });
    expectProblem(
      await post(`/${created.id}/reassess`, {
        riskId: fall!.id,
        probability: 7,
        severity: 4,
        rationale: 'x',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const reassessed = await post(`/${created.id}/reassess`, {
      riskId: fall!.id,
      probability: 1,
      severity: 4,
      rationale: 'Dubbelbemanning minskar sannolikheten',
    });
    expect(reassessed.status).toBe(200);
    expect(reassessed.body.risks[0]!.residual).toMatchObject({
      probability: 1,
      severity: 4,
      score: 4,
      level: 'medium',
    });
    expect(reassessed.body).toMatchObject({ maxScore: 12, currentMaxScore: 4 });

    const stale = await post(`/${created.id}/close`, { summary: 'Klar', expectedVersion: 1 });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    const closed = await post(`/${created.id}/close`, {
      summary: 'Riskerna hanterade; följs upp i egenkontrollen.',
    });
    expect(closed.body).toMatchObject({ stage: 'closed', allowedCommands: [] });
  });

  it("GET /{id} is access-logged; another unit's manager gets 404; staff 403", async () => {
    const created = (await post('', CREATE)).body;
    const read = await api.call<AssessmentBody>('GET', `/api/v1/risk-assessments/${created.id}`, {
      token: t['avdelningschef']!,
    });
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(created.id);
    const log = await api.call<{ items: { caseId: string; action: string; username: string }[] }>(
      'GET',
      `/api/v1/audit/access-log?caseId=${created.id}`,
      { token: t['kvalitet']! },
    );
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: created.id,
          action: 'read_risk_assessment',
          username: 'avdelningschef',
        }),
      ]),
    );
    expectProblem(
      await api.call('GET', `/api/v1/risk-assessments/${created.id}`, { token: t['enhetschef.ekbacken']! }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await api.call('GET', `/api/v1/risk-assessments/${created.id}`, { token: t['medarbetare']! }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await api.call('GET', `/api/v1/risk-assessments/not-a-uuid`, { token: t['kvalitet']! }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("the list and the heat map come from the read model, filtered by the caller's units", async () => {
    const ekbacken = (
      await post(
        '',
        { ...CREATE, unitId: 'ekbacken', title: 'Läkemedel i LSS-bostad' },
        'enhetschef.ekbacken',
      )
    ).body;
    await syncReadModels(api.db.dataSource, api.store);
    const mine = await api.call<{
      items: { id: string; unitId: string; maxLevel: string; risks: { score: number }[] }[];
      total: number;
    }>('GET', '/api/v1/risk-assessments?pageSize=500', { token: t['enhetschef']! });
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((i) => i.unitId === 'solgarden')).toBe(true);
    expect(mine.body.items.map((i) => i.id)).not.toContain(ekbacken.id);
    const all = await api.call<{ items: { id: string }[] }>('GET', '/api/v1/risk-assessments?pageSize=500', {
      token: t['kvalitet']!,
    });
    expect(all.body.items.map((i) => i.id)).toContain(ekbacken.id);
    const filtered = await api.call<{ items: { unitId: string }[] }>(
      'GET',
      '/api/v1/risk-assessments?unitId=funktionsstod',
      { token: t['kvalitet']! },
    );
    expect(filtered.body.items.map((i) => i.unitId)).toEqual(['ekbacken']);

    const matrix = await api.call<{
      rows: {
        probability: number;
        cells: { severity: number; score: number; level: string; count: number }[];
      }[];
      levels: { level: string; min: number; max: number }[];
    }>('GET', '/api/v1/risk-assessments/matrix?unitId=ekbacken', { token: t['kvalitet']! });
    expect(matrix.status).toBe(200);
    expect(matrix.body.rows.map((r) => r.cells.map((c) => c.score))).toEqual([
      [16, 12, 8, 4],
      [12, 9, 6, 3],
      [8, 6, 4, 2],
      [4, 3, 2, 1],
    ]);
    const cell = (p: number, s: number) =>
      matrix.body.rows.find((r) => r.probability === p)!.cells.find((c) => c.severity === s)!;
    expect([cell(3, 4).count, cell(1, 2).count, cell(4, 4).count]).toEqual([1, 1, 0]);
    expect(matrix.body.levels.map((l) => [l.level, l.min, l.max])).toEqual([
      ['low', 1, 3],
      ['medium', 4, 6],
      ['high', 8, 9],
      ['very_high', 12, 16],
    ]);
    expectProblem(
      await api.call('GET', '/api/v1/risk-assessments?stage=nope', { token: t['kvalitet']! }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('levels are configurable: a new risk policy changes the level of new scores (RA-3)', async () => {
    const current = await api.call<{
      version: number;
      bands: Record<string, unknown>;
      pattern: Record<string, unknown>;
    }>('GET', '/api/v1/risk-policy', { token: t['enhetschef']! });
    expect(current.body.version).toBe(1);
    expectProblem(
      await api.call('PUT', '/api/v1/risk-policy', { token: t['enhetschef']!, body: current.body }),
      403,
      'FORBIDDEN',
    );
    const bad = await api.call('PUT', '/api/v1/risk-policy', {
      token: t['kvalitet']!,
      body: { ...current.body, bands: { ...current.body.bands, low: { min: 1, max: 2 } } },
    });
    expect(expectProblem(bad, 400, 'VALIDATION_FAILED').errors?.[0]?.code).toBe('UNCOVERED_SCORE');
    const changed = await api.call<{ version: number }>('PUT', '/api/v1/risk-policy', {
      token: t['kvalitet']!,
      body: {
        bands: {
          low: { min: 1, max: 2 },
          medium: { min: 3, max: 4 },
          high: { min: 6, max: 9 },
          very_high: { min: 12, max: 16 },
        },
        pattern: current.body.pattern,
      },
    });
    expect(changed.body.version).toBe(2);
    const created = await post('', {
      ...CREATE,
      risks: [{ description: 'x', probability: 2, severity: 3, causes: ['c'] }],
    });
    expect(created.body.risks[0]).toMatchObject({ score: 6, level: 'high' });
    await api.call('PUT', '/api/v1/risk-policy', {
      token: t['kvalitet']!,
      body: { bands: current.body.bands, pattern: current.body.pattern },
    });
  });

  it('a proposal is started or dismissed; commands in the wrong stage are 409', async () => {
    const created = (await post('', CREATE)).body;
    expectProblem(await post(`/${created.id}/start`, {}), 409, 'INVALID_TRANSITION');
    expectProblem(await post(`/${created.id}/dismiss`, { rationale: 'x' }), 409, 'INVALID_TRANSITION');
    const added = await post(`/${created.id}/risks`, { description: 'Ny risk', probability: 2, severity: 2 });
    expect(added.body.risks).toHaveLength(3);
    const accepted = await post(`/${created.id}/accept-risk`, {
      riskId: added.body.risks[0]!.id,
      rationale: 'Hanteras i internkontrollplanen',
    });
    expect(accepted.status).toBe(200);
  });

  it('coverage (RA-10): the units the caller sees, those without a risk analysis this year flagged', async () => {
    await syncReadModels(api.db.dataSource, api.store);
    const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4));
    const mine = await api.call<{
      year: number;
      units: { unitId: string; covered: boolean; assessments: number }[];
      uncovered: string[];
    }>('GET', `/api/v1/risk-assessments/coverage?year=${year}`, { token: t['enhetschef']! });
    expect(mine.status).toBe(200);
    expect(mine.body.units.map((u) => u.unitId)).toEqual(['solgarden']);
    expect(mine.body.units[0]).toMatchObject({ covered: true });
    const all = await api.call<{ uncovered: string[] }>(
      'GET',
      `/api/v1/risk-assessments/coverage?year=${year}`,
      { token: t['kvalitet']! },
    );
    expect(all.body.uncovered).toEqual(expect.arrayContaining(['hemtjanst-norr', 'ifo', 'forsorjningsstod']));
    expect(all.body.uncovered).not.toContain('solgarden');
    const lastYear = await api.call<{ uncovered: string[] }>(
      'GET',
      `/api/v1/risk-assessments/coverage?year=${year - 1}`,
      { token: t['kvalitet']! },
    );
    expect(lastYear.body.uncovered).toContain('solgarden');
    expectProblem(
      await api.call('GET', '/api/v1/risk-assessments/coverage?year=nope', { token: t['kvalitet']! }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await api.call('GET', '/api/v1/risk-assessments/coverage', { token: t['kvalitet']! }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
