import {
  DEMO_USERNAMES,
  startApi,
  type DemoUsername,
  type ApiResponse,
  type TestApi,
} from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

/**
 * Every endpoint × every demo user → the expected answer, written out by hand from api.md (not
 * computed by the access policy under test). Commands are sent with a body that fails validation:
 * a caller who may run the command gets 400 (authorised, then the body is refused), one who may not
 * gets 403, or 404 when they may not even see the case — so the matrix also proves that
 * authorisation comes before validation.
 */
const COMMANDS = [
  'acknowledge',
  'assign',
  'classify',
  'start-investigation',
  'record-investigation',
  'decide',
  'report-to-ivo',
  'add-action',
  'complete-action',
  'follow-up',
  'close',
  'reopen',
] as const;
const DECISION = ['decide', 'report-to-ivo'];

type Fixture =
  | 'solgardenDeviation'
  | 'ekbackenDeviation'
  | 'solgardenLexSarah'
  | 'hemtjanstLexMaria'
  | 'forsorjningComplaint';

const FIXTURES: Record<Fixture, { reporter: DemoUsername; type: string; unitId: string }> = {
  solgardenDeviation: { reporter: 'medarbetare', type: 'deviation', unitId: 'solgarden' },
  ekbackenDeviation: { reporter: 'enhetschef.ekbacken', type: 'deviation', unitId: 'ekbacken' },
  solgardenLexSarah: { reporter: 'enhetschef', type: 'lex_sarah', unitId: 'solgarden' },
  hemtjanstLexMaria: { reporter: 'mas', type: 'lex_maria', unitId: 'hemtjanst-norr' },
  forsorjningComplaint: { reporter: 'kvalitet', type: 'complaint', unitId: 'forsorjningsstod' },
};

/** GET /cases/{id} and /events. */
const READ: Record<Fixture, Record<DemoUsername, number>> = {
  solgardenDeviation: {
    medarbetare: 200,
    enhetschef: 200,
    'enhetschef.ekbacken': 404,
    avdelningschef: 200,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 403,
  },
  ekbackenDeviation: {
    medarbetare: 404,
    enhetschef: 404,
    'enhetschef.ekbacken': 200,
    avdelningschef: 404,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 403,
  },
  solgardenLexSarah: {
    medarbetare: 404,
    enhetschef: 200,
    'enhetschef.ekbacken': 404,
    avdelningschef: 200,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 403,
  },
  hemtjanstLexMaria: {
    medarbetare: 404,
    enhetschef: 404,
    'enhetschef.ekbacken': 404,
    avdelningschef: 200,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 403,
  },
  forsorjningComplaint: {
    medarbetare: 404,
    enhetschef: 404,
    'enhetschef.ekbacken': 404,
    avdelningschef: 404,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 403,
  },
};

/** [handling commands, decide/report-to-ivo] with an invalid body: 400 = allowed, 403/404 = refused. */
const COMMAND: Record<Fixture, Record<DemoUsername, [number, number]>> = {
  solgardenDeviation: {
    medarbetare: [403, 403],
    enhetschef: [400, 400],
    'enhetschef.ekbacken': [404, 404],
    avdelningschef: [400, 400],
    forvaltningschef: [400, 400],
    sas: [400, 403],
    mas: [403, 403],
    kvalitet: [400, 403],
    ledning: [403, 403],
  },
  ekbackenDeviation: {
    medarbetare: [403, 403],
    enhetschef: [404, 404],
    'enhetschef.ekbacken': [400, 400],
    avdelningschef: [404, 404],
    forvaltningschef: [400, 400],
    sas: [400, 403],
    mas: [403, 403],
    kvalitet: [400, 403],
    ledning: [403, 403],
  },
  solgardenLexSarah: {
    medarbetare: [403, 403],
    enhetschef: [400, 403],
    'enhetschef.ekbacken': [404, 404],
    avdelningschef: [400, 403],
    forvaltningschef: [400, 400],
    sas: [400, 400],
    mas: [403, 403],
    kvalitet: [400, 403],
    ledning: [403, 403],
  },
  hemtjanstLexMaria: {
    medarbetare: [403, 403],
    enhetschef: [404, 404],
    'enhetschef.ekbacken': [404, 404],
    avdelningschef: [400, 403],
    forvaltningschef: [400, 400],
    sas: [403, 403],
    mas: [400, 400],
    kvalitet: [400, 403],
    ledning: [403, 403],
  },
  forsorjningComplaint: {
    medarbetare: [403, 403],
    enhetschef: [404, 404],
    'enhetschef.ekbacken': [404, 404],
    avdelningschef: [404, 404],
    forvaltningschef: [400, 400],
    sas: [403, 403],
    mas: [403, 403],
    kvalitet: [400, 403],
    ledning: [403, 403],
  },
};

/** Endpoints that are the same for every case: [method, path, body?, expected per user]. */
const ALL_200 = Object.fromEntries(DEMO_USERNAMES.map((u) => [u, 200])) as Record<DemoUsername, number>;
const ONLY = (allowed: DemoUsername[], yes: number, no = 403) =>
  Object.fromEntries(DEMO_USERNAMES.map((u) => [u, allowed.includes(u) ? yes : no])) as Record<
    DemoUsername,
    number
  >;
const MANAGERS_AND_UP: DemoUsername[] = [
  'enhetschef',
  'enhetschef.ekbacken',
  'avdelningschef',
  'forvaltningschef',
  'sas',
  'mas',
  'kvalitet',
];

const GENERAL: [string, string, unknown, Record<DemoUsername, number>][] = [
  ['GET', '/api/v1/me', undefined, ALL_200],
  ['GET', '/api/v1/org/units', undefined, ALL_200],
  ['GET', '/api/v1/tasks', undefined, ALL_200],
  ['GET', '/api/v1/cases', undefined, { ...ALL_200, ledning: 403 }],
  ['POST', '/api/v1/cases', report('deviation', 'solgarden'), ONLY([...DEMO_USERNAMES], 201)],
  ['GET', '/api/v1/policy', undefined, ONLY(MANAGERS_AND_UP, 200)],
  ['PUT', '/api/v1/policy', { deadlines: {}, escalationChain: [] }, ONLY(['kvalitet'], 400)],
  ['GET', '/api/v1/classifications', undefined, ALL_200],
  ['PUT', '/api/v1/classifications', { categories: [], lagrum: [] }, ONLY(['kvalitet'], 400)],
  ['GET', '/api/v1/audit/access-log', undefined, ONLY(['kvalitet'], 200)],
  ['GET', '/api/v1/operations/dead-letters', undefined, ONLY(['kvalitet'], 200)],
];

describe('authorization matrix: every endpoint × every demo user (e2e)', () => {
  let api: TestApi;
  const tokens = {} as Record<DemoUsername, string>;
  const ids = {} as Record<Fixture, string>;

  beforeAll(async () => {
    api = await startApi();
    for (const user of DEMO_USERNAMES) tokens[user] = await api.token(user);
    for (const [name, fixture] of Object.entries(FIXTURES) as [Fixture, (typeof FIXTURES)[Fixture]][]) {
      const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
        token: tokens[fixture.reporter],
        body: report(fixture.type, fixture.unitId, `Matris ${name}`),
      });
      if (created.status !== 201) throw new Error(`${name}: ${created.status} ${created.text}`);
      ids[name] = created.body.id;
    }
    await syncReadModels(api.db.dataSource, api.store);
  });
  afterAll(async () => {
    await api?.close();
  });

  const outcome = (r: ApiResponse) => r.status;

  it.each(
    GENERAL.map(
      ([method, path, body, expected]) => [`${method} ${path}`, method, path, body, expected] as const,
    ),
  )('%s', async (_name, method, path, body, expected) => {
    const actual = {} as Record<DemoUsername, number>;
    for (const user of DEMO_USERNAMES)
      actual[user] = outcome(await api.call(method, path, { token: tokens[user], body }));
    expect(actual).toEqual(expected);
  });

  it('POST /api/v1/public/feedback needs no identity', async () => {
    expect(
      (await api.call('POST', '/api/v1/public/feedback', { body: { message: 'Tack för god vård' } })).status,
    ).toBe(202);
  });

  it('POST /api/v1/auth/dev-token needs no identity', async () => {
    expect((await api.call('POST', '/api/v1/auth/dev-token', { body: { username: 'ledning' } })).status).toBe(
      200,
    );
  });

  it('every protected endpoint is 401 without a token', async () => {
    const protectedCalls: [string, string][] = [
      ...GENERAL.map(([m, p]) => [m, p] as [string, string]),
      ['GET', `/api/v1/cases/${ids.solgardenDeviation}`],
      ['GET', `/api/v1/cases/${ids.solgardenDeviation}/events`],
      ...COMMANDS.map((c) => ['POST', `/api/v1/cases/${ids.solgardenDeviation}/${c}`] as [string, string]),
    ];
    const statuses = await Promise.all(
      protectedCalls.map(([m, p]) => api.call(m, p, { body: m === 'GET' ? undefined : {} }).then(outcome)),
    );
    expect(statuses).toEqual(protectedCalls.map(() => 401));
  });

  describe.each(Object.keys(FIXTURES) as Fixture[])('case %s', (fixture) => {
    it('GET /cases/{id} and /cases/{id}/events', async () => {
      const detail = {} as Record<DemoUsername, number>;
      const events = {} as Record<DemoUsername, number>;
      for (const user of DEMO_USERNAMES) {
        detail[user] = outcome(
          await api.call('GET', `/api/v1/cases/${ids[fixture]}`, { token: tokens[user] }),
        );
        events[user] = outcome(
          await api.call('GET', `/api/v1/cases/${ids[fixture]}/events`, { token: tokens[user] }),
        );
      }
      expect(detail).toEqual(READ[fixture]);
      expect(events).toEqual(READ[fixture]);
    });

    it('the case list shows it to exactly those who may read it', async () => {
      const listed = {} as Record<DemoUsername, boolean | number>;
      const expected = {} as Record<DemoUsername, boolean | number>;
      for (const user of DEMO_USERNAMES) {
        const response = await api.call<{ items: { id: string }[] }>('GET', '/api/v1/cases?pageSize=500', {
          token: tokens[user],
        });
        listed[user] =
          response.status === 200 ? response.body.items.some((i) => i.id === ids[fixture]) : response.status;
        expected[user] = READ[fixture][user] === 403 ? 403 : READ[fixture][user] === 200;
      }
      expect(listed).toEqual(expected);
    });

    it.each(COMMANDS)('POST /cases/{id}/%s (403 before 400, 404 when not visible)', async (command) => {
      const actual = {} as Record<DemoUsername, number>;
      const expected = {} as Record<DemoUsername, number>;
      for (const user of DEMO_USERNAMES) {
        actual[user] = outcome(
          await api.call('POST', `/api/v1/cases/${ids[fixture]}/${command}`, {
            token: tokens[user],
            body: { expectedVersion: 'ogiltig', okant: 1 },
          }),
        );
        expected[user] = COMMAND[fixture][user][DECISION.includes(command) ? 1 : 0];
      }
      expect(actual).toEqual(expected);
    });
  });

  it('never wrote an access-log row for a refused read', async () => {
    const rows: { username: string; case_id: string }[] = await api.db.dataSource.query(
      `SELECT username, case_id FROM access_log`,
    );
    for (const row of rows) {
      const fixture = (Object.keys(ids) as Fixture[]).find((f) => ids[f] === row.case_id)!;
      expect(READ[fixture][row.username as DemoUsername]).toBe(200);
    }
    expect(rows.length).toBe(
      2 *
        Object.values(READ).reduce(
          (n, byUser) => n + Object.values(byUser).filter((s) => s === 200).length,
          0,
        ),
    );
  });
});
