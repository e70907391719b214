import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface Analysis {
  id: string;
  reference: string;
  status: string;
  unitIds: string[];
  cases: { caseId: string; caseNumber: string; unitId: string; readable: boolean }[];
  team: { name: string; role: string }[];
  timeline: { entryId: string; when: string; what: string | null; role: string }[];
  causes: {
    causeId: string;
    category: string;
    categoryLabel: string;
    kind: string;
    description: string | null;
  }[];
  actions: { id: string; reference: string; stage: string; title: string }[];
  summary: string | null;
  restricted: boolean;
  version: number;
}

/** RA-11 händelseanalys over cases in two units, its causes by category (IMP-5) and its improvement actions. */
describe('händelseanalys (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  const call = <T = unknown>(user: string, method: string, path: string, body?: unknown) =>
    api.call<T>(method, path, { token: t[user], ...(body === undefined ? {} : { body }) });
  let solgardenCase: { id: string; caseNumber: string };
  let ekbackenCase: { id: string; caseNumber: string };
  let analysis: Analysis;

  beforeAll(async () => {
    api = await startApi();
    for (const user of [
      'medarbetare',
      'enhetschef',
      'enhetschef.ekbacken',
      'kvalitet',
      'sas',
      'kvalitet.omsorg',
      'ledning',
    ])
      t[user] = await api.token(user);
    const reported = async (unitId: string) => {
      const created = await call<{ id: string; caseNumber: string }>(
        'medarbetare',
        'POST',
        '/api/v1/cases',
        report('deviation', unitId, `Fall vid förflyttning på ${unitId}`),
      );
      expect(created.status).toBe(201);
      return created.body;
    };
    solgardenCase = await reported('solgarden');
    ekbackenCase = await reported('ekbacken');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('sas starts one analysis for cases in two units, with a team (RA-11)', async () => {
    const started = await call<Analysis>('sas', 'POST', '/api/v1/handelseanalyser', {
      title: 'Fall vid förflyttning',
      owner: 'sas',
      caseIds: [solgardenCase.id, ekbackenCase.id],
      team: [
        { name: 'Sara Lind', role: 'Sjuksköterska' },
        { name: 'Omar Berg', role: 'Undersköterska' },
      ],
    });
    expect(started.status).toBe(201);
    expect(started.headers.get('location')).toBe(`/api/v1/handelseanalyser/${started.body.id}`);
    analysis = started.body;
    expect(analysis).toMatchObject({ status: 'started', restricted: false, actions: [] });
    expect(analysis.reference).toMatch(/^HA-\d{4}-\d{4}$/);
    expect(analysis.unitIds.sort()).toEqual(['ekbacken', 'solgarden']);
  });

  it('refuses bad input with Swedish problems and writes nothing', async () => {
    const noCases = expectProblem(
      await call('sas', 'POST', '/api/v1/handelseanalyser', { title: 'X', owner: 'sas', caseIds: [] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(noCases.errors?.map((e) => e.field)).toContain('caseIds');
    const noTitle = expectProblem(
      await call('sas', 'POST', '/api/v1/handelseanalyser', {
        title: ' ',
        owner: 'sas',
        caseIds: [solgardenCase.id],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(noTitle.errors?.map((e) => e.field)).toContain('title');
    const badWhen = expectProblem(
      await call('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/timeline`, {
        when: 'igår kväll',
        what: 'Fallet',
        role: 'Brukare',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(badWhen.errors?.[0]).toMatchObject({ field: 'when' });
    expect(badWhen.detail).toMatch(/datum/);
    const badCategory = expectProblem(
      await call('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/causes`, {
        category: 'vader',
        kind: 'root',
        description: 'Halt',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(badCategory.errors?.[0]).toMatchObject({ field: 'category' });
    const unknownCase = expectProblem(
      await call('sas', 'POST', '/api/v1/handelseanalyser', {
        title: 'X',
        owner: 'sas',
        caseIds: ['00000000-0000-4000-8000-000000000000'],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknownCase.errors?.[0]).toMatchObject({ field: 'caseIds', code: 'CASE_NOT_FOUND' });
    expect((await call<Analysis>('sas', 'GET', `/api/v1/handelseanalyser/${analysis.id}`)).body.version).toBe(
      analysis.version,
    );
  });

  it('refuses those who may not take part: staff and ledning 403, another board 404', async () => {
    expectProblem(await call('medarbetare', 'GET', '/api/v1/handelseanalyser'), 403, 'FORBIDDEN');
    expectProblem(
      await call('medarbetare', 'POST', '/api/v1/handelseanalyser', {
        title: 'X',
        owner: 'medarbetare',
        caseIds: [solgardenCase.id],
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await call('ledning', 'GET', `/api/v1/handelseanalyser/${analysis.id}`), 403, 'FORBIDDEN');
    expectProblem(
      await call('kvalitet.omsorg', 'GET', `/api/v1/handelseanalyser/${analysis.id}`),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await call('kvalitet.omsorg', 'POST', `/api/v1/handelseanalyser/${analysis.id}/complete`, {
        summary: 'x',
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('records the timeline in time order and causes by category', async () => {
    await call('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/timeline`, {
      when: '2026-02-10 14:30',
      what: 'Brukaren faller vid förflyttning från säng till rullstol',
      role: 'Undersköterska',
    });
    const second = await call<Analysis>('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/timeline`, {
      when: '2026-02-10 07:00',
      what: 'Överlämning muntligt, lyftrutinen nämns inte',
      role: 'Sjuksköterska',
    });
    expect(second.status).toBe(200);
    expect(second.body.timeline.map((e) => e.when)).toEqual(['2026-02-10 07:00', '2026-02-10 14:30']);
    await call('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/causes`, {
      category: 'overlamning',
      kind: 'contributing',
      description: 'Överlämningen var muntlig',
    });
    const root = await call<Analysis>('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/causes`, {
      category: 'rutin',
      kind: 'root',
      description: 'Rutinen för förflyttning med lift saknas',
    });
    expect(root.body.causes.map((c) => [c.categoryLabel, c.kind])).toEqual([
      ['Överlämning', 'contributing'],
      ['Rutin', 'root'],
    ]);
    analysis = root.body;
  });

  it('the manager of one unit sees the shared analysis, without the free text of the other unit’s case', async () => {
    const seen = await call<Analysis>(
      'enhetschef.ekbacken',
      'GET',
      `/api/v1/handelseanalyser/${analysis.id}`,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.restricted).toBe(true);
    expect(seen.body.timeline.every((e) => e.what === null)).toBe(true);
    expect(seen.body.causes.map((c) => c.category)).toEqual(['overlamning', 'rutin']);
    expect(seen.body.cases.find((c) => c.unitId === 'solgarden')?.readable).toBe(false);
    await syncReadModels(api.db.dataSource, api.store);
    const list = await call<{ items: { id: string }[] }>(
      'enhetschef.ekbacken',
      'GET',
      '/api/v1/handelseanalyser',
    );
    expect(list.body.items.map((i) => i.id)).toContain(analysis.id);
    const byCase = await call<{ items: { id: string }[] }>(
      'kvalitet',
      'GET',
      `/api/v1/handelseanalyser?caseId=${solgardenCase.id}`,
    );
    expect(byCase.body.items.map((i) => i.id)).toEqual([analysis.id]);
  });

  it('actions are improvement actions with the analysis as their source, shown with their stage', async () => {
    const action = await call<{ id: string; reference: string }>(
      'kvalitet',
      'POST',
      '/api/v1/improvement-actions',
      {
        unitId: 'solgarden',
        source: { eventAnalysisId: analysis.id, causes: ['Rutinen för förflyttning med lift saknas'] },
        plan: {
          title: 'Skriv rutin för förflyttning med lift',
          level: 'organisational',
          owner: 'enhetschef',
          dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          expectedEffect: 'Inga fall vid förflyttning',
        },
      },
    );
    expect(action.status).toBe(201);
    const unknownCause = await call('kvalitet', 'POST', '/api/v1/improvement-actions', {
      unitId: 'solgarden',
      source: { eventAnalysisId: analysis.id, causes: ['Något annat'] },
      plan: {
        title: 'x',
        level: 'organisational',
        owner: 'enhetschef',
        dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        expectedEffect: 'x',
      },
    });
    expectProblem(unknownCause, 400, 'VALIDATION_FAILED');
    await syncReadModels(api.db.dataSource, api.store);
    const read = await call<Analysis>('sas', 'GET', `/api/v1/handelseanalyser/${analysis.id}`);
    expect(read.body.actions).toEqual([
      expect.objectContaining({
        id: action.body.id,
        title: 'Skriv rutin för förflyttning med lift',
        stage: 'planned',
      }),
    ]);
  });

  it('completes with a summary, then refuses changes; the causes are counted per category (IMP-5)', async () => {
    expectProblem(
      await call('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/complete`, { summary: '' }),
      400,
      'VALIDATION_FAILED',
    );
    const done = await call<Analysis>('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/complete`, {
      summary: 'Överlämningen och en saknad rutin ledde till fallet.',
    });
    expect(done.body).toMatchObject({
      status: 'completed',
      summary: 'Överlämningen och en saknad rutin ledde till fallet.',
    });
    expectProblem(
      await call('sas', 'POST', `/api/v1/handelseanalyser/${analysis.id}/causes`, {
        category: 'teknik',
        kind: 'contributing',
        description: 'Liften var trasig',
      }),
      409,
      'INVALID_TRANSITION',
    );
    await syncReadModels(api.db.dataSource, api.store);
    const year = new Date().getFullYear();
    const trend = await call<{
      analyses: number;
      categories: { category: string; root: number; contributing: number }[];
    }>('kvalitet', 'GET', `/api/v1/handelseanalyser/causes?from=${year}-01-01&to=${year}-12-31`);
    expect(trend.status).toBe(200);
    expect(trend.body.analyses).toBe(1);
    expect(trend.body.categories).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'rutin', root: 1, contributing: 0 }),
        expect.objectContaining({ category: 'overlamning', root: 0, contributing: 1 }),
        expect.objectContaining({ category: 'bemanning', root: 0, contributing: 0 }),
      ]),
    );
    expectProblem(
      await call('kvalitet', 'GET', `/api/v1/handelseanalyser/causes?from=${year}-12-31&to=${year}-01-01`),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('kvalitet configures the categories; a started analysis keeps its own', async () => {
    const saved = await call<{ version: number; categories: { code: string }[] }>(
      'kvalitet',
      'PUT',
      '/api/v1/handelseanalyser/cause-categories',
      {
        categories: [
          { code: 'rutin', label: 'Rutin' },
          { code: 'lakemedel', label: 'Läkemedelshantering' },
        ],
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.categories.map((c) => c.code)).toEqual(['rutin', 'lakemedel']);
    expectProblem(
      await call('sas', 'PUT', '/api/v1/handelseanalyser/cause-categories', {
        categories: [{ code: 'x', label: 'X' }],
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await call('kvalitet', 'PUT', '/api/v1/handelseanalyser/cause-categories', {
        categories: [{ code: 'Rutin!', label: 'Rutin' }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    const read = await call<Analysis & { categories: { code: string }[] }>(
      'sas',
      'GET',
      `/api/v1/handelseanalyser/${analysis.id}`,
    );
    expect(read.body.categories.map((c) => c.code)).toContain('overlamning');
  });
});
