import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface Routine {
  id: string;
  version: number;
  caseLinks: {
    caseId: string | null;
    caseNumber: string;
    caseType: string;
    note: string | null;
    readable: boolean;
  }[];
  reviewRequests: { caseNumber: string; reason: string | null; answeredAt: string | null }[];
}
interface RoutineChanges {
  items: { code: string; change: string; version: string | null; changeNote: string }[];
}

const DECISION = { decidedBy: 'forvaltningschef', decidedOn: '2026-01-15', reference: 'FC 2026/12' };

/** PR-8 (cases linked to routines, review requests) and AUD-19 (the year's changes) through the real API. */
describe('routines linked to cases (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  let routineId = '';
  let caseId = '';
  let caseNumber = '';

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'enhetschef.ekbacken', 'kvalitet', 'sas'])
      t[user] = await api.token(user);
    const routine = await api.call<Routine>('POST', '/api/v1/routines', {
      token: t['kvalitet'],
      body: {
        kind: 'routine',
        level: 3,
        code: 'RUT-FALL-01',
        title: 'Förebygga fall',
        unitId: 'solgarden',
        owner: 'enhetschef',
        revisionInterval: 'P1Y',
      },
    });
    routineId = routine.body.id;
    const adopted = await api.call('POST', `/api/v1/routines/${routineId}/adopt-version`, {
      token: t['kvalitet'],
      body: { version: '1.0', decision: DECISION, validFrom: '2026-02-01', changeNote: 'Första versionen' },
    });
    expect(adopted.status).toBe(200);
    const reported = await api.call<{ id: string; caseNumber: string }>('POST', '/api/v1/cases', {
      token: t['medarbetare'],
      body: report('deviation', 'solgarden', 'Brukaren föll nattetid'),
    });
    expect(reported.status).toBe(201);
    caseId = reported.body.id;
    caseNumber = reported.body.caseNumber;
  });
  afterAll(async () => {
    await api?.close();
  });

  const link = (token: string | undefined, body: Record<string, unknown>, id = routineId) =>
    api.call<Routine>('POST', `/api/v1/routines/${id}/case-links`, { token, body });
  const versionOf = async () =>
    (await api.call<Routine>('GET', `/api/v1/routines/${routineId}`, { token: t['kvalitet'] })).body.version;

  it('refuses without writing: no role right, a bad body, an unknown routine or case, a case out of reach', async () => {
    const before = await versionOf();
    expectProblem(await link(t['medarbetare'], { caseId }), 403, 'FORBIDDEN');
    const invalid = expectProblem(
      await link(t['kvalitet'], { caseId: 'inte-ett-id' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(invalid.errors?.map((e) => e.field)).toContain('caseId');
    expect(invalid.detail).toMatch(/[åäö]|Fält|måste/i);
    expectProblem(
      await link(t['kvalitet'], { caseId }, '00000000-0000-4000-8000-0000000000ff'),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await link(t['kvalitet'], { caseId: '00000000-0000-4000-8000-0000000000ee' }),
      404,
      'NOT_FOUND',
    );
    // A unit manager of another unit does not see the case: answered as if it did not exist.
    expectProblem(await link(t['enhetschef.ekbacken'], { caseId }), 404, 'NOT_FOUND');
    expect(await versionOf()).toBe(before);
  });

  it('links the case (201), once; the case page finds the routine by the case', async () => {
    const created = await link(t['enhetschef'], { caseId, note: 'Rutinen täcker inte nattetid' });
    expect(created.status).toBe(201);
    expect(created.body.caseLinks).toEqual([
      expect.objectContaining({
        caseId,
        caseNumber,
        caseType: 'deviation',
        note: 'Rutinen täcker inte nattetid',
        readable: true,
      }),
    ]);
    expectProblem(await link(t['kvalitet'], { caseId }), 409, 'ALREADY_EXISTS');

    await syncReadModels(api.db.dataSource, api.store);
    const byCase = await api.call<{ items: { id: string }[] }>('GET', `/api/v1/routines?caseId=${caseId}`, {
      token: t['kvalitet'],
    });
    expect(byCase.body.items.map((r) => r.id)).toEqual([routineId]);
    const none = await api.call<{ items: unknown[] }>(
      'GET',
      '/api/v1/routines?caseId=00000000-0000-4000-8000-0000000000ee',
      { token: t['kvalitet'] },
    );
    expect(none.body.items).toEqual([]);
  });

  it('shows only the case number and type to someone who may not read the case', async () => {
    const other = await api.call<Routine>('GET', `/api/v1/routines/${routineId}`, {
      token: t['enhetschef.ekbacken'],
    });
    expect(other.body.caseLinks).toEqual([
      {
        caseId: null,
        caseNumber,
        caseType: 'deviation',
        note: null,
        linkedAt: expect.any(String),
        linkedBy: null,
        readable: false,
      },
    ]);
  });

  it('a review request becomes the owner’s task, answered by the next version', async () => {
    const before = await versionOf();
    const blank = expectProblem(
      await api.call('POST', `/api/v1/routines/${routineId}/review-requests`, {
        token: t['kvalitet'],
        body: { caseId, reason: ' ' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(blank.errors?.map((e) => e.field)).toContain('reason');
    expectProblem(
      await api.call('POST', `/api/v1/routines/${routineId}/review-requests`, {
        token: t['medarbetare'],
        body: { caseId, reason: 'Inte ändamålsenlig' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await versionOf()).toBe(before);

    const requested = await api.call<Routine>('POST', `/api/v1/routines/${routineId}/review-requests`, {
      token: t['kvalitet'],
      body: { caseId, reason: 'Rutinen säger inget om tillsyn nattetid' },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.reviewRequests).toEqual([
      expect.objectContaining({
        caseNumber,
        reason: 'Rutinen säger inget om tillsyn nattetid',
        answeredAt: null,
      }),
    ]);
    const hidden = await api.call<Routine>('GET', `/api/v1/routines/${routineId}`, {
      token: t['enhetschef.ekbacken'],
    });
    expect(hidden.body.reviewRequests[0]?.reason).toBeNull();

    const revised = await api.call<Routine>('POST', `/api/v1/routines/${routineId}/adopt-version`, {
      token: t['enhetschef'],
      body: {
        version: '2.0',
        decision: { ...DECISION, decidedOn: '2026-04-01', reference: 'FC 2026/40' },
        validFrom: '2026-04-15',
        changeNote: 'Tillsyn nattetid tillagd',
      },
    });
    expect(revised.status).toBe(200);
    expect(revised.body.reviewRequests[0]?.answeredAt).toEqual(expect.any(String));
  });

  it('lists the changes decided within the dates (AUD-19)', async () => {
    const changes = await api.call<RoutineChanges>(
      'GET',
      '/api/v1/routines/changes?from=2026-01-01&to=2026-12-31',
      {
        token: t['medarbetare'],
      },
    );
    expect(changes.status).toBe(200);
    expect(changes.body.items.filter((c) => c.code === 'RUT-FALL-01')).toEqual([
      expect.objectContaining({ change: 'adopted', version: '1.0', changeNote: 'Första versionen' }),
      expect.objectContaining({ change: 'revised', version: '2.0', changeNote: 'Tillsyn nattetid tillagd' }),
    ]);
    const spring = await api.call<RoutineChanges>(
      'GET',
      '/api/v1/routines/changes?from=2026-03-01&to=2026-06-30',
      {
        token: t['kvalitet'],
      },
    );
    expect(spring.body.items.filter((c) => c.code === 'RUT-FALL-01').map((c) => c.version)).toEqual(['2.0']);
    const reversed = expectProblem(
      await api.call('GET', '/api/v1/routines/changes?from=2026-12-31&to=2026-01-01', {
        token: t['kvalitet'],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(reversed.errors?.[0]?.field).toBe('to');
    expectProblem(
      await api.call('GET', '/api/v1/routines/changes?from=igår', { token: t['kvalitet'] }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
