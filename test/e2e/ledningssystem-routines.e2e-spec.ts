import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import { createLedningssystemActivities } from '../../apps/worker/src/activities/ledningssystem-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { syncReadModels } from './support/read-models';

interface Routine {
  id: string;
  code: string;
  status: string;
  currentVersion: string | null;
  nextRevisionDue: string | null;
  revisionOverdue: boolean;
  versions: { version: string; decision: { reference: string } }[];
  tasks: { kind: string; assignee: string | null; status: string }[];
  version: number;
}

const DECISION = { decidedBy: 'forvaltningschef', decidedOn: '2026-01-15', reference: 'FC 2026/12' };

/** PR-1 … PR-5, DL-32, AUD-2/3 through the real API. */
describe('process and routine registry (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'enhetschef.ekbacken', 'kvalitet', 'ledning'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  const register = (token: string, body: Record<string, unknown>) =>
    api.call<Routine>('POST', '/api/v1/routines', { token, body });
  const base = {
    kind: 'routine',
    level: 3,
    code: 'RUT-LS-01',
    title: 'Rapportera lex Sarah',
    unitId: 'solgarden',
    owner: 'enhetschef',
    revisionInterval: 'P1Y',
  };

  it('registers, adopts versions with their decisions, lists, and repeals', async () => {
    const created = await register(t['kvalitet']!, { ...base, cooperation: ['regionen'] });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/routines/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'draft',
      currentVersion: null,
      nextRevisionDue: null,
      version: 1,
    });

    const adopted = await api.call<Routine>('POST', `/api/v1/routines/${created.body.id}/adopt-version`, {
      token: t['enhetschef'],
      body: {
        version: '1.0',
        decision: DECISION,
        validFrom: '2026-02-01',
        changeNote: 'Första versionen',
        expectedVersion: 1,
      },
    });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({
      status: 'adopted',
      currentVersion: '1.0',
      nextRevisionDue: '2027-02-01',
      revisionOverdue: false,
      version: 2,
    });

    // A stale version is a conflict; a repeated version number too (all versions are kept, PR-4).
    const stale = await api.call('POST', `/api/v1/routines/${created.body.id}/adopt-version`, {
      token: t['kvalitet'],
      body: {
        version: '2.0',
        decision: DECISION,
        validFrom: '2026-03-01',
        changeNote: 'x',
        expectedVersion: 1,
      },
    });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    const again = await api.call('POST', `/api/v1/routines/${created.body.id}/adopt-version`, {
      token: t['kvalitet'],
      body: { version: '1.0', decision: DECISION, validFrom: '2026-03-01', changeNote: 'x' },
    });
    expectProblem(again, 409, 'ALREADY_EXISTS');

    await syncReadModels(api.db.dataSource, api.store);
    const list = await api.call<{ items: Routine[]; total: number }>(
      'GET',
      '/api/v1/routines?unitId=aldreomsorg&status=adopted',
      { token: t['medarbetare'] },
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((r) => r.code)).toContain('RUT-LS-01');
    const other = await api.call<{ total: number }>('GET', '/api/v1/routines?unitId=ekbacken', {
      token: t['medarbetare'],
    });
    expect(other.body.total).toBe(0);
    const found = await api.call<{ total: number }>('GET', '/api/v1/routines?q=lex%20sarah', {
      token: t['ledning'],
    });
    expect(found.body.total).toBe(1);

    const repealed = await api.call<Routine>('POST', `/api/v1/routines/${created.body.id}/repeal`, {
      token: t['kvalitet'],
      body: { decision: DECISION, reason: 'Ersatt av RUT-LS-02' },
    });
    expect(repealed.body.status).toBe('repealed');
    expectProblem(
      await api.call('POST', `/api/v1/routines/${created.body.id}/change-owner`, {
        token: t['kvalitet'],
        body: { owner: 'avdelningschef' },
      }),
      409,
      'INVALID_TRANSITION',
    );
  });

  it("a revision due gives the owner a task in the common inbox (via the process manager's activity)", async () => {
    const created = await register(t['kvalitet']!, {
      ...base,
      code: 'RUT-LM-02',
      title: 'Läkemedelshantering',
    });
    await api.call('POST', `/api/v1/routines/${created.body.id}/adopt-version`, {
      token: t['kvalitet'],
      body: { version: '1.0', decision: DECISION, validFrom: '2025-01-01', changeNote: 'Ny' },
    });
    const activities = createLedningssystemActivities({
      store: api.store,
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
    });
    const step = await activities.advanceLedningssystemDuties({
      subject: { aggregateType: 'routine', aggregateId: created.body.id },
      at: new Date().toISOString(),
    });
    expect(step.opened).toBe(2); // the owner's task and, the date having passed, the first escalation
    await syncReadModels(api.db.dataSource, api.store);
    const inbox = await api.call<{
      items: { caseId: string; caseNumber: string; caseType: string; kind: string; overdue: boolean }[];
    }>('GET', '/api/v1/tasks', { token: t['enhetschef'] });
    expect(inbox.status).toBe(200);
    const mine = inbox.body.items.filter((task) => task.caseId === created.body.id);
    expect(mine.map((task) => [task.kind, task.caseNumber, task.caseType, task.overdue]).sort()).toEqual([
      ['routine_revision', 'RUT-LM-02', 'routine', true],
      ['routine_revision_escalation', 'RUT-LM-02', 'routine', true],
    ]);
    const detail = await api.call<Routine>('GET', `/api/v1/routines/${created.body.id}`, {
      token: t['medarbetare'],
    });
    expect(detail.body.revisionOverdue).toBe(true);
    const overdue = await api.call<{ items: Routine[] }>('GET', '/api/v1/routines?revisionOverdue=true', {
      token: t['kvalitet'],
    });
    expect(overdue.body.items.map((r) => r.code)).toEqual(['RUT-LM-02']);
  });

  it('lists the documents under a process (PR-1)', async () => {
    const process = await register(t['kvalitet']!, {
      ...base,
      kind: 'process',
      level: 1,
      code: 'PR-01',
      title: 'Avvikelsehantering',
      unitId: 'forvaltning',
    });
    const child = await register(t['kvalitet']!, { ...base, code: 'RUT-CHILD', parentId: process.body.id });
    expect(child.status).toBe(201);
    expectProblem(
      await register(t['kvalitet']!, { ...base, code: 'RUT-X2', parentId: child.body.id }),
      400,
      'VALIDATION_FAILED',
    );
    await syncReadModels(api.db.dataSource, api.store);
    const children = await api.call<{ items: Routine[] }>(
      'GET',
      `/api/v1/routines?parentId=${process.body.id}`,
      { token: t['medarbetare'] },
    );
    expect(children.body.items.map((r) => r.code)).toEqual(['RUT-CHILD']);
  });

  it('bad input is 400 naming the field, never a 500', async () => {
    expectProblem(await register(t['kvalitet']!, { ...base, level: 1 }), 400, 'VALIDATION_FAILED');
    const interval = expectProblem(
      await register(t['kvalitet']!, { ...base, revisionInterval: 'ibland' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(interval.errors?.map((e) => e.field)).toEqual(['revisionInterval']);
    const missing = expectProblem(
      await register(t['kvalitet']!, { ...base, revisionInterval: undefined }),
      400,
      'VALIDATION_FAILED',
    );
    expect(missing.errors?.map((e) => e.field)).toEqual(['revisionInterval']);
    expectProblem(await register(t['kvalitet']!, { ...base, extra: 1 }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await register(t['kvalitet']!, { ...base, unitId: 'finns-inte' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await register(t['kvalitet']!, { ...base, parentId: '00000000-0000-4000-8000-000000000000' }),
      400,
      'VALIDATION_FAILED',
    );
    const existing = await register(t['kvalitet']!, { ...base, code: 'RUT-VAL' });
    const decision = expectProblem(
      await api.call('POST', `/api/v1/routines/${existing.body.id}/adopt-version`, {
        token: t['kvalitet'],
        body: {
          version: '1',
          decision: { ...DECISION, decidedOn: '2026-02-30' },
          validFrom: '2026-02-01',
          changeNote: 'x',
        },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(decision.errors?.map((e) => e.field)).toEqual(['decision.decidedOn']);
    // Access comes first: a command on a document that does not exist is 404 whatever the body.
    expectProblem(
      await api.call('POST', '/api/v1/routines/00000000-0000-4000-8000-000000000000/adopt-version', {
        token: t['kvalitet'],
        body: { bogus: 1 },
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await api.call('GET', '/api/v1/routines/inte-ett-uuid', { token: t['kvalitet'] }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await api.call('GET', '/api/v1/routines/00000000-0000-4000-8000-000000000000', {
        token: t['kvalitet'],
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await api.call('GET', '/api/v1/routines?kind=mall', { token: t['kvalitet'] }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("unit managers manage only their own units' documents", async () => {
    expectProblem(await register(t['enhetschef.ekbacken']!, base), 403, 'FORBIDDEN');
    const created = await register(t['enhetschef']!, { ...base, code: 'RUT-X' });
    expect(created.status).toBe(201);
    expectProblem(
      await api.call('POST', `/api/v1/routines/${created.body.id}/change-owner`, {
        token: t['enhetschef.ekbacken'],
        body: { owner: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await register(t['medarbetare']!, { ...base, level: 'x' }), 403, 'FORBIDDEN');
  });
});
