import { DEFAULT_RETENTION_RULES } from '@kvalitet/domain';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

jest.setTimeout(120_000);

interface Rule {
  caseType: string;
  keepYears: number;
  from: string;
}
interface Rules {
  version: number;
  rules: Rule[];
  changedBy?: string;
}
interface CaseBody {
  id: string;
  caseNumber: string;
  type: string;
  unitId: string;
  stage: string;
  reportedAt: string;
  closedAt: string | null;
  description: string;
  closingSummary: string | null;
  reporter: { username?: string; name?: string };
  legalHold: { reason: string; placedAt: string; placedBy: string } | null;
  erasedAt: string | null;
  erasure: { rule: Rule; erasedBy: string } | null;
}
interface LogEntry {
  caseId: string;
  caseNumber: string;
  caseType: string;
  unitId: string;
  rule: Rule;
  dueOn: string;
  erasedAt: string;
  erasedBy: string;
}
interface Run {
  today: string;
  erased: LogEntry[];
  skipped: number;
}

const THREE_YEARS_AGO = isoMinutesFromNow(-3 * 366 * 24 * 60);
const SECRET = 'Greta Gallringsdotter, 19450101-1234';

/**
 * api.md v1.1 "Records and gallring" (DATA-2, DATA-7; ADR 0027) through the real api: the retention
 * rules (GET/PUT, 400/403/409, nothing written on refusal), legal hold, a gallring run with a short
 * rule that erases a closed case and leaves a held one, the erased case's view and list item, and the
 * retention log.
 */
describe('gallring: retention rules, legal hold and the retention log (e2e)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const users = ['kvalitet', 'dataskydd', 'forvaltningschef', 'enhetschef', 'medarbetare', 'ledning'];

  beforeAll(async () => {
    api = await startApi();
    for (const user of users) tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    if (api) {
      await api.call('PUT', '/api/v1/retention', {
        token: tokens['kvalitet'],
        body: { rules: DEFAULT_RETENTION_RULES },
      });
      await api.close();
    }
  });

  const call = <T = CaseBody>(method: string, path: string, user: string, body?: unknown) =>
    api.call<T>(method, path, { token: tokens[user]!, ...(body === undefined ? {} : { body }) });
  const read = async (id: string): Promise<CaseBody> =>
    (await call('GET', `/api/v1/cases/${id}`, 'kvalitet')).body;

  /** A praise (needs no investigation) reported long ago by a member of staff and closed by kvalitet. */
  async function closedPraise(reportedAt: string = THREE_YEARS_AGO): Promise<CaseBody> {
    const created = await call(
      'POST',
      '/api/v1/cases',
      'medarbetare',
      report('praise', 'solgarden', `Beröm till ${SECRET} för fint bemötande`, { reportedAt }),
    );
    expect(created.status).toBe(201);
    const closed = await call('POST', `/api/v1/cases/${created.body.id}/close`, 'kvalitet', {
      summary: `Tackat ${SECRET}`,
    });
    expect(closed.status).toBe(200);
    return closed.body;
  }

  it('reads the demo rules (dataskydd, kvalitet, director); others are 403', async () => {
    const rules = await call<Rules>('GET', '/api/v1/retention', 'forvaltningschef');
    expect(rules.status).toBe(200);
    expect(rules.body).toEqual({ version: 1, rules: DEFAULT_RETENTION_RULES });
    expect((await call('GET', '/api/v1/retention', 'dataskydd')).status).toBe(200);
    for (const user of ['enhetschef', 'medarbetare', 'ledning'])
      expectProblem(await call('GET', '/api/v1/retention', user), 403, 'FORBIDDEN');
  });

  it('refuses bad rules field by field in Swedish, a stale version and other writers; nothing is written', async () => {
    const bad = await call('PUT', '/api/v1/retention', 'kvalitet', {
      version: 1,
      rules: [
        { caseType: 'risk_assessment', keepYears: 2, from: 'closed' },
        { caseType: 'complaint', keepYears: 0, from: 'closed' },
        { caseType: 'complaint', keepYears: 2, from: 'opened' },
      ],
    });
    const problem = expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(problem.detail).toMatch(/^Gallringsreglerna sparades inte: Ärendetypen måste vara en av/);
    expect(problem.errors!.map((e) => [e.field, e.code])).toEqual([
      ['rules[0].caseType', 'INVALID_CASE_TYPE'],
      ['rules[1].keepYears', 'INVALID_YEARS'],
      ['rules[2].caseType', 'DUPLICATE_CASE_TYPE'],
      ['rules[2].from', 'INVALID_FROM'],
    ]);
    expectProblem(
      await call('PUT', '/api/v1/retention', 'kvalitet', { rules: 'alla' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('PUT', '/api/v1/retention', 'kvalitet', { version: 7, rules: [] }),
      409,
      'VERSION_CONFLICT',
    );
    for (const user of ['forvaltningschef', 'enhetschef'])
      expectProblem(await call('PUT', '/api/v1/retention', user, { rules: [] }), 403, 'FORBIDDEN');
    expect((await call<Rules>('GET', '/api/v1/retention', 'kvalitet')).body.version).toBe(1);
  });

  it('places and lifts a legal hold (kvalitet), refuses others and repeats, also on a closed case', async () => {
    const c = await closedPraise(isoMinutesFromNow(-60));
    for (const user of ['enhetschef', 'medarbetare'])
      expectProblem(
        await call('POST', `/api/v1/cases/${c.id}/legal-hold`, user, { reason: 'x' }),
        403,
        'FORBIDDEN',
      );
    // dataskydd holds only the cases it may read (data breaches): another case is not found.
    expectProblem(
      await call('POST', `/api/v1/cases/${c.id}/legal-hold`, 'dataskydd', { reason: 'x' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await call('POST', `/api/v1/cases/${c.id}/legal-hold`, 'kvalitet', { reason: ' ' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await call('DELETE', `/api/v1/cases/${c.id}/legal-hold`, 'kvalitet'),
      409,
      'INVALID_TRANSITION',
    );

    const held = await call('POST', `/api/v1/cases/${c.id}/legal-hold`, 'kvalitet', {
      reason: 'Begärd av JO',
    });
    expect(held.status).toBe(200);
    expect(held.body.legalHold).toEqual({
      reason: 'Begärd av JO',
      placedAt: expect.any(String),
      placedBy: 'kvalitet',
    });
    const again = expectProblem(
      await call('POST', `/api/v1/cases/${c.id}/legal-hold`, 'kvalitet', { reason: 'igen' }),
      409,
      'INVALID_TRANSITION',
    );
    expect(again.detail).toMatch(/redan en spärr/);
    const lifted = await call('DELETE', `/api/v1/cases/${c.id}/legal-hold`, 'kvalitet');
    expect(lifted.status).toBe(200);
    expect(lifted.body.legalHold).toBeNull();
  });

  it('dataskydd holds the data breaches it handles', async () => {
    const breach = await call('POST', '/api/v1/cases', 'medarbetare', report('data_breach', 'solgarden'));
    expect(breach.status).toBe(201);
    const held = await call('POST', `/api/v1/cases/${breach.body.id}/legal-hold`, 'dataskydd', {
      reason: 'IMY:s tillsyn pågår',
    });
    expect(held.status).toBe(200);
    expect(held.body.legalHold).toMatchObject({ reason: 'IMY:s tillsyn pågår', placedBy: 'dataskydd' });
    expect((await call('DELETE', `/api/v1/cases/${breach.body.id}/legal-hold`, 'dataskydd')).status).toBe(
      200,
    );
  });

  it('erases a closed case past a short rule, leaves a held and a recent one, and logs it', async () => {
    const saved = await call<Rules>('PUT', '/api/v1/retention', 'dataskydd', {
      version: 1,
      rules: [
        ...DEFAULT_RETENTION_RULES.filter((r) => r.caseType !== 'praise'),
        { caseType: 'praise', keepYears: 2, from: 'reported' },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, changedBy: 'dataskydd' });

    const due = await closedPraise();
    const held = await closedPraise();
    const recent = await closedPraise(isoMinutesFromNow(-60));
    expect(
      (
        await call('POST', `/api/v1/cases/${held.id}/legal-hold`, 'kvalitet', {
          reason: 'Tvist i förvaltningsrätten',
        })
      ).status,
    ).toBe(200);
    await syncReadModels(api.db.dataSource, api.store);

    for (const user of ['forvaltningschef', 'enhetschef'])
      expectProblem(await call('POST', '/api/v1/retention/run', user), 403, 'FORBIDDEN');
    const run = await call<Run>('POST', '/api/v1/retention/run', 'dataskydd');
    expect(run.status).toBe(200);
    const mine = run.body.erased.filter((e) => [due.id, held.id, recent.id].includes(e.caseId));
    expect(mine).toEqual([
      {
        caseId: due.id,
        caseNumber: due.caseNumber,
        caseType: 'praise',
        unitId: 'solgarden',
        rule: { caseType: 'praise', keepYears: 2, from: 'reported' },
        dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        erasedAt: expect.any(String),
        erasedBy: 'dataskydd',
      },
    ]);

    // The erased case keeps its number, type, unit and dates; its free text and names are gone.
    const erased = await read(due.id);
    expect(erased).toMatchObject({
      caseNumber: due.caseNumber,
      type: 'praise',
      unitId: 'solgarden',
      stage: 'closed',
      reportedAt: due.reportedAt,
      closedAt: due.closedAt,
      erasedAt: mine[0]!.erasedAt,
      erasure: { rule: { caseType: 'praise', keepYears: 2, from: 'reported' }, erasedBy: 'dataskydd' },
    });
    expect(erased.description).toBe('[raderad]');
    expect(erased.closingSummary).toBe('[raderad]');
    expect(JSON.stringify(erased)).not.toContain('Gallringsdotter');
    const events = await call<{ type: string }[]>('GET', `/api/v1/cases/${due.id}/events`, 'kvalitet');
    expect(JSON.stringify(events.body)).not.toContain('Gallringsdotter');
    expect(events.body.map((e) => e.type).at(-1)).toBe('CaseErased');
    const stored: { data: unknown }[] = await api.db.dataSource.query(
      `SELECT p.data FROM personal_data p WHERE p.subject_id = $1`,
      [due.id],
    );
    expect(JSON.stringify(stored)).not.toContain('Gallringsdotter');

    // The held and the recent case are untouched.
    expect((await read(held.id)).description).toContain(SECRET);
    expect((await read(held.id)).erasedAt).toBeNull();
    expect((await read(recent.id)).description).toContain(SECRET);

    // The case list shows erasedAt.
    await syncReadModels(api.db.dataSource, api.store);
    const list = await call<{ items: { id: string; erasedAt: string | null }[] }>(
      'GET',
      '/api/v1/cases?type=praise&pageSize=200',
      'kvalitet',
    );
    const items = new Map(list.body.items.map((i) => [i.id, i.erasedAt]));
    expect(items.get(due.id)).toBe(mine[0]!.erasedAt);
    expect(items.get(held.id)).toBeNull();

    // An erased case takes nothing more.
    const reopen = expectProblem(
      await call('POST', `/api/v1/cases/${due.id}/reopen`, 'kvalitet', { reason: 'Nya uppgifter' }),
      409,
      'INVALID_TRANSITION',
    );
    expect(reopen.detail).toMatch(/gallrat/);
    expectProblem(
      await call('POST', `/api/v1/cases/${due.id}/legal-hold`, 'kvalitet', { reason: 'för sent' }),
      409,
      'INVALID_TRANSITION',
    );

    // A second run erases nothing twice.
    const second = await call<Run>('POST', '/api/v1/retention/run', 'kvalitet');
    expect(second.body.erased.map((e) => e.caseId)).not.toContain(due.id);

    // A lifted hold does not stop the clock: the case is erased at the next run.
    expect((await call('DELETE', `/api/v1/cases/${held.id}/legal-hold`, 'kvalitet')).status).toBe(200);
    await syncReadModels(api.db.dataSource, api.store);
    const third = await call<Run>('POST', '/api/v1/retention/run', 'kvalitet');
    expect(third.body.erased.map((e) => [e.caseId, e.erasedBy])).toEqual([[held.id, 'kvalitet']]);
    expect((await read(held.id)).description).toBe('[raderad]');
    expect((await read(recent.id)).erasedAt).toBeNull();

    // The log (dataskydd, kvalitet): the case, its rule, when and by whom; a range; 403 and 400.
    const log = await call<{ items: LogEntry[] }>('GET', '/api/v1/retention/log', 'kvalitet');
    expect(log.status).toBe(200);
    expect(log.body.items.filter((e) => e.caseId === due.id)).toEqual(mine);
    const today = run.body.today;
    const ranged = await call<{ items: LogEntry[] }>(
      'GET',
      `/api/v1/retention/log?from=${today}&to=${today}`,
      'dataskydd',
    );
    expect(ranged.body.items.map((e) => e.caseId)).toContain(due.id);
    const before = await call<{ items: LogEntry[] }>(
      'GET',
      '/api/v1/retention/log?to=2020-01-01',
      'dataskydd',
    );
    expect(before.body.items).toEqual([]);
    expectProblem(await call('GET', '/api/v1/retention/log', 'forvaltningschef'), 403, 'FORBIDDEN');
    expectProblem(
      await call('GET', '/api/v1/retention/log?from=2026-02-01&to=2026-01-01', 'kvalitet'),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await call('GET', '/api/v1/retention/log?from=igår', 'kvalitet'), 400, 'VALIDATION_FAILED');
  });
});
