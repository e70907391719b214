import { DEFAULT_DELEGATION_ITEMS } from '@kvalitet/domain';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report, stockholmDateDaysAgo } from './support/fixtures';

interface Item {
  decision: string;
  role?: string;
  username?: string;
  validFrom: string;
  validTo?: string | null;
  boardDecision?: string;
}
interface Register {
  version: number;
  items: Item[];
  changedBy?: string;
}
interface Delegation {
  decision: string;
  boardDecision: string | null;
}
interface CaseBody {
  id: string;
  version: number;
  type: string;
  stage: string;
  decision: { outcome: string; delegation?: Delegation } | null;
  ivoReport: { ivoReference: string; delegation?: Delegation } | null;
}

const stockholmDate = (offsetDays: number): string => stockholmDateDaysAgo(-offsetDays);

/**
 * api.md v1.1 "Delegation register" (AUD-6, LC-6 S5, LC-8 steps 1 and 5; ADR 0023) through the real
 * api: `GET/PUT /api/v1/delegations`, and `decide`, `report-to-ivo` and the MAS classification refused
 * with DELEGATION_MISSING — after 403 and INVALID_TRANSITION — by a caller who holds no delegation
 * valid today, nothing written.
 */
describe('delegation register (e2e)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const users = ['kvalitet', 'mas', 'sas', 'medarbetare', 'enhetschef', 'forvaltningschef'];

  beforeAll(async () => {
    api = await startApi();
    for (const user of users) tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    // Other e2e files may share a database: the demo register again.
    if (api) {
      await api.call('PUT', '/api/v1/delegations', {
        token: tokens['kvalitet'],
        body: { items: DEFAULT_DELEGATION_ITEMS },
      });
      await api.close();
    }
  });

  const call = <T = CaseBody>(method: string, path: string, user: string, body?: unknown) =>
    api.call<T>(method, path, { token: tokens[user]!, ...(body === undefined ? {} : { body }) });
  const post = (user: string, id: string, command: string, body: unknown = {}) =>
    call('POST', `/api/v1/cases/${id}/${command}`, user, body);
  const read = async (id: string): Promise<CaseBody> =>
    (await call('GET', `/api/v1/cases/${id}`, 'kvalitet')).body;
  const register = async (): Promise<Register> =>
    (await call<Register>('GET', '/api/v1/delegations', 'medarbetare')).body;
  const save = (items: Item[], version?: number) =>
    call<Register>('PUT', '/api/v1/delegations', 'kvalitet', {
      ...(version === undefined ? {} : { version }),
      items,
    });

  async function reported(type: string, by = 'medarbetare'): Promise<CaseBody> {
    const response = await call('POST', '/api/v1/cases', by, report(type, 'solgarden'));
    expect(response.status).toBe(201);
    return response.body;
  }

  async function investigated(type: string, handler: string): Promise<CaseBody> {
    const created = await reported(type);
    expect((await post(handler, created.id, 'start-investigation')).status).toBe(200);
    const recorded = await post(handler, created.id, 'record-investigation', {
      summary: 'Läkemedel gavs till fel patient',
      causes: ['Rutin'],
    });
    expect(recorded.status).toBe(200);
    return recorded.body;
  }

  it('GET: any signed-in user reads the demo register as { version, items } (lex Sarah → director, lex Maria → mas)', async () => {
    const read = await call<Register>('GET', '/api/v1/delegations', 'medarbetare');
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(1);
    expect(read.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          decision: 'lex_sarah_decision',
          role: 'director',
          validFrom: '2026-01-01',
          validTo: null,
        }),
        expect.objectContaining({
          decision: 'lex_maria_decision',
          role: 'mas',
          boardDecision: expect.any(String),
        }),
        expect.objectContaining({ decision: 'lex_maria_classification', role: 'mas' }),
        expect.objectContaining({ decision: 'lex_maria_ivo_report', role: 'mas' }),
      ]),
    );
  });

  it('PUT: kvalitet only (others 403), the document sent back is accepted, a stale version is 409, bad items 400 with nothing written', async () => {
    const current = await register();
    expectProblem(await call('PUT', '/api/v1/delegations', 'forvaltningschef', current), 403, 'FORBIDDEN');
    expectProblem(await call('PUT', '/api/v1/delegations', 'mas', current), 403, 'FORBIDDEN');

    const saved = await call<Register>('PUT', '/api/v1/delegations', 'kvalitet', current);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: current.version + 1,
      items: current.items,
      changedBy: 'kvalitet',
    });

    const stale = expectProblem(await save(current.items, current.version), 409, 'VERSION_CONFLICT');
    expect(stale.detail).toMatch(/version/);

    const bad = expectProblem(
      await save([
        { decision: 'complaint_answer', role: 'director', validFrom: '2026-01-01' },
        { decision: 'lex_sarah_decision', role: 'director', username: 'sas', validFrom: '2026-01-01' },
        { decision: 'lex_sarah_decision', role: 'kung', validFrom: '2026-01-01' },
        { decision: 'lex_maria_decision', role: 'mas', validFrom: '2026-02-30' },
        { decision: 'lex_maria_decision', role: 'mas', validFrom: '2026-03-01', validTo: '2026-02-28' },
      ]),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.map((e) => [e.field, e.code])).toEqual([
      ['items[0].decision', 'INVALID_DECISION'],
      ['items[1].username', 'ROLE_OR_USERNAME'],
      ['items[2].role', 'UNKNOWN_ROLE'],
      ['items[3].validFrom', 'INVALID_DATE'],
      ['items[4].validTo', 'VALID_TO_BEFORE_FROM'],
    ]);
    expect(bad.detail).toMatch(/Delegationsförteckningen sparades inte/);
    for (const error of bad.errors ?? []) expect(error.message).toMatch(/[åäö]|[a-z]{3}/i);
    expectProblem(
      await call('PUT', '/api/v1/delegations', 'kvalitet', { items: 'alla' }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await register()).version).toBe(saved.body.version);
  });

  it('an accepted decision and IVO report carry the delegation; the case shows it', async () => {
    const lexSarah = await investigated('lex_sarah', 'sas');
    const decided = await post('sas', lexSarah.id, 'decide', {
      outcome: 'allvarligt_missforhallande',
      rationale: 'Allvarlig brist i tillsynen',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision?.delegation).toEqual({
      decision: 'lex_sarah_decision',
      boardDecision: 'SN 2025-12-10 § 141',
    });
    const ivo = await post('forvaltningschef', lexSarah.id, 'report-to-ivo', {
      ivoReference: 'IVO 3.5.1-1/2026',
      reportedAt: stockholmDate(0),
    });
    expect(ivo.status).toBe(200);
    expect(ivo.body.ivoReport?.delegation).toEqual({
      decision: 'lex_sarah_ivo_report',
      boardDecision: 'SN 2025-12-10 § 141',
    });
    const events = await api.store.load(lexSarah.id);
    expect(events.find((e) => e.type === 'CaseDecided')?.data).toMatchObject({
      delegation: { decision: 'lex_sarah_decision', boardDecision: 'SN 2025-12-10 § 141' },
    });
  });

  it('Done means: the only lex Maria delegation starts tomorrow — mas may not decide, report to IVO or classify as lex Maria (409 DELEGATION_MISSING, nothing written), after 403 and INVALID_TRANSITION', async () => {
    // Prepared under the demo register: a serious lex Maria decision waiting for its IVO report.
    const toReport = await investigated('lex_maria', 'mas');
    const decided = await post('mas', toReport.id, 'decide', {
      outcome: 'allvarlig_vardskada',
      rationale: 'Allvarlig vårdskada',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision?.delegation).toMatchObject({ decision: 'lex_maria_decision' });
    // The same, but the patient's information (LC-8 step 3, needed before the IVO report) not yet recorded.
    const awaitingPatient = await investigated('lex_maria', 'mas');
    expect(
      (await post('mas', awaitingPatient.id, 'decide', { outcome: 'allvarlig_vardskada', rationale: 'R' }))
        .status,
    ).toBe(200);
    expect(
      (await post('mas', toReport.id, 'inform-patient', { notPossibleReason: 'Patienten avliden' })).status,
    ).toBe(200);
    const toDecide = await investigated('lex_maria', 'mas');
    const notInvestigated = await reported('lex_maria');
    const hsl = await reported('hsl_deviation');

    const tomorrow = stockholmDate(1);
    const current = await register();
    const onlyTomorrow = [
      ...current.items.filter((i) => !i.decision.startsWith('lex_maria')),
      {
        decision: 'lex_maria_classification',
        role: 'mas',
        validFrom: tomorrow,
        boardDecision: 'SN 2026-12-01 § 7',
      },
      {
        decision: 'lex_maria_decision',
        role: 'mas',
        validFrom: tomorrow,
        boardDecision: 'SN 2026-12-01 § 7',
      },
      {
        decision: 'lex_maria_ivo_report',
        username: 'mas',
        validFrom: tomorrow,
        boardDecision: 'SN 2026-12-01 § 7',
      },
    ];
    expect((await save(onlyTomorrow, current.version)).status).toBe(200);

    const versions = async () =>
      Promise.all(
        [toReport, awaitingPatient, toDecide, notInvestigated, hsl].map(
          async (c) => (await read(c.id)).version,
        ),
      );
    const before = await versions();

    // 403 first: someone without the right, whatever the register says.
    expectProblem(
      await post('medarbetare', toDecide.id, 'decide', { outcome: 'vardskada', rationale: 'x' }),
      403,
      'FORBIDDEN',
    );
    // Then the stage: no investigation yet is INVALID_TRANSITION, not DELEGATION_MISSING.
    expectProblem(
      await post('mas', notInvestigated.id, 'decide', { outcome: 'vardskada', rationale: 'x' }),
      409,
      'INVALID_TRANSITION',
    );
    expectProblem(
      await post('mas', toDecide.id, 'report-to-ivo', {
        ivoReference: 'IVO 1',
        reportedAt: stockholmDate(0),
      }),
      409,
      'INVALID_TRANSITION',
    );
    // A missing step (the patient's information) comes before the missing delegation.
    expect(
      expectProblem(
        await post('mas', awaitingPatient.id, 'report-to-ivo', {
          ivoReference: 'IVO 1',
          reportedAt: stockholmDate(0),
        }),
        409,
        'INVALID_TRANSITION',
      ).errors?.[0]?.code,
    ).toBe('PATIENT_INFORMATION_REQUIRED');

    const decide = expectProblem(
      await post('mas', toDecide.id, 'decide', { outcome: 'allvarlig_vardskada', rationale: 'Allvarlig' }),
      409,
      'DELEGATION_MISSING',
    );
    expect(decide.detail).toMatch(/Lex Maria – beslut/);
    const ivo = expectProblem(
      await post('mas', toReport.id, 'report-to-ivo', {
        ivoReference: 'IVO 2',
        reportedAt: stockholmDate(0),
      }),
      409,
      'DELEGATION_MISSING',
    );
    expect(ivo.detail).toMatch(/Lex Maria – anmälan till IVO/);
    const classifyMaria = expectProblem(
      await post('mas', notInvestigated.id, 'classify', { category: 'läkemedel' }),
      409,
      'DELEGATION_MISSING',
    );
    expect(classifyMaria.detail).toMatch(/Lex Maria – bedömning/);
    expectProblem(
      await post('mas', hsl.id, 'classify', {
        type: 'lex_maria',
        category: 'läkemedel',
        rationale: 'Allvarlig vårdskada',
      }),
      409,
      'DELEGATION_MISSING',
    );
    // Nothing was written on any of the cases.
    expect(await versions()).toEqual(before);

    // Lex Sarah is untouched by it; the director still decides today.
    const lexSarah = await investigated('lex_sarah', 'sas');
    expect(
      (await post('forvaltningschef', lexSarah.id, 'decide', { outcome: 'missforhallande', rationale: 'R' }))
        .status,
    ).toBe(200);

    // A delegation valid today (by username, to the end of today, inclusive) lets mas decide.
    const latest = await register();
    expect(
      (
        await save([
          ...latest.items,
          {
            decision: 'lex_maria_decision',
            username: 'mas',
            validFrom: '2026-01-01',
            validTo: stockholmDate(0),
          },
        ])
      ).status,
    ).toBe(200);
    const accepted = await post('mas', toDecide.id, 'decide', {
      outcome: 'vardskada',
      rationale: 'Vårdskada',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.decision?.delegation).toEqual({
      decision: 'lex_maria_decision',
      boardDecision: null,
    });
  });
});
