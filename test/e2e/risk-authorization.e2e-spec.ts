import { DEMO_USERNAMES, startApi, type DemoUsername, type TestApi } from './support/api-harness';

/**
 * Every risk assessment endpoint × every demo user → the expected status, written out by hand from
 * api.md ("managers for their own units and those below, kvalitet") — not computed by the access
 * policy under test. Commands go with an empty (invalid) body: a caller who may run them gets 400,
 * one who may not see the assessment 404, one whose role has no access 403, so the matrix also
 * shows that authorisation comes before validation.
 */
type Row = Record<DemoUsername, number>;

const row = (
  managers: number,
  ekbacken: number,
  division: number,
  others: number,
  kvalitet = managers,
  director = managers,
): Row => ({
  medarbetare: others,
  enhetschef: managers,
  'enhetschef.ekbacken': ekbacken,
  avdelningschef: division,
  forvaltningschef: director,
  sas: others,
  mas: others,
  kvalitet,
  ledning: others,
});

/** Solgården's assessment: its unit manager, the division above and the director and kvalitet. */
const SOLGARDEN = row(200, 404, 200, 403);
/** Ekbacken's: only its own manager, the director and kvalitet. */
const EKBACKEN = { ...row(404, 200, 404, 403), forvaltningschef: 200, kvalitet: 200 };
const LIST = row(200, 200, 200, 403);
const COMMAND_ON_SOLGARDEN = row(400, 404, 400, 403);
const COMMAND_ON_EKBACKEN = { ...row(404, 400, 404, 403), forvaltningschef: 400, kvalitet: 400 };
const CREATE_VALID_FOR_SOLGARDEN = row(201, 403, 201, 403);
const CREATE_INVALID = row(400, 400, 400, 403);
const POLICY_READ = row(200, 200, 200, 403);
const POLICY_CHANGE_INVALID = { ...row(403, 403, 403, 403), kvalitet: 400 };

const COMMANDS = [
  'start',
  'dismiss',
  'risks',
  'causes',
  'actions',
  'complete-action',
  'reassess',
  'accept-risk',
  'close',
];

const BODY = {
  title: 'Behörighetsprov',
  unitId: 'solgarden',
  trigger: 'other',
  risks: [{ description: 'Risk', probability: 2, severity: 2 }],
};

describe('risk assessments: authorisation matrix (every endpoint × every demo user)', () => {
  let api: TestApi;
  const tokens = {} as Record<DemoUsername, string>;
  let solgarden = '';
  let ekbacken = '';

  beforeAll(async () => {
    api = await startApi();
    for (const user of DEMO_USERNAMES) tokens[user] = await api.token(user);
    solgarden = (
      await api.call<{ id: string }>('POST', '/api/v1/risk-assessments', {
        token: tokens.enhetschef,
        body: BODY,
      })
    ).body.id;
    ekbacken = (
      await api.call<{ id: string }>('POST', '/api/v1/risk-assessments', {
        token: tokens['enhetschef.ekbacken'],
        body: { ...BODY, unitId: 'ekbacken' },
      })
    ).body.id;
  });
  afterAll(async () => {
    await api?.close();
  });

  async function statuses(
    method: string,
    path: (user: DemoUsername) => string,
    body?: unknown,
  ): Promise<Row> {
    const result = {} as Row;
    for (const user of DEMO_USERNAMES) {
      const response = await api.call(method, path(user), {
        token: tokens[user],
        ...(body === undefined ? {} : { body }),
      });
      result[user] = response.status;
    }
    return result;
  }

  it('POST /risk-assessments with a valid body for Solgården', async () => {
    expect(await statuses('POST', () => '/api/v1/risk-assessments', BODY)).toEqual(
      CREATE_VALID_FOR_SOLGARDEN,
    );
  });

  it('POST /risk-assessments with an invalid score: 403 for roles without access, before the 400', async () => {
    expect(
      await statuses('POST', () => '/api/v1/risk-assessments', {
        ...BODY,
        risks: [{ description: 'x', probability: 9, severity: 1 }],
      }),
    ).toEqual(CREATE_INVALID);
  });

  it('GET /risk-assessments, /risk-assessments/matrix and /risk-assessments/coverage', async () => {
    expect(await statuses('GET', () => '/api/v1/risk-assessments')).toEqual(LIST);
    expect(await statuses('GET', () => '/api/v1/risk-assessments/matrix')).toEqual(LIST);
    expect(await statuses('GET', () => '/api/v1/risk-assessments/coverage?year=2026')).toEqual(LIST);
  });

  it('GET /risk-assessments/{id}', async () => {
    expect(await statuses('GET', () => `/api/v1/risk-assessments/${solgarden}`)).toEqual(SOLGARDEN);
    expect(await statuses('GET', () => `/api/v1/risk-assessments/${ekbacken}`)).toEqual(EKBACKEN);
  });

  it.each(COMMANDS)('POST /risk-assessments/{id}/%s', async (command) => {
    expect(
      await statuses('POST', () => `/api/v1/risk-assessments/${solgarden}/${command}`, {
        unknownField: true,
      }),
    ).toEqual(COMMAND_ON_SOLGARDEN);
    expect(
      await statuses('POST', () => `/api/v1/risk-assessments/${ekbacken}/${command}`, { unknownField: true }),
    ).toEqual(COMMAND_ON_EKBACKEN);
  });

  it('GET and PUT /risk-policy', async () => {
    expect(await statuses('GET', () => '/api/v1/risk-policy')).toEqual(POLICY_READ);
    expect(await statuses('PUT', () => '/api/v1/risk-policy', { bands: {} })).toEqual(POLICY_CHANGE_INVALID);
  });

  it('without a token every endpoint is 401', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/risk-assessments'],
      ['POST', '/api/v1/risk-assessments'],
      ['GET', `/api/v1/risk-assessments/${solgarden}`],
      ['POST', `/api/v1/risk-assessments/${solgarden}/actions`],
      ['GET', '/api/v1/risk-policy'],
    ] as const) {
      expect((await api.call(method, path)).status).toBe(401);
    }
  });
});
