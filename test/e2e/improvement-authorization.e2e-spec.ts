import { DEMO_USERNAMES, startApi, type DemoUsername, type TestApi } from './support/api-harness';
import { isoMinutesFromNow, report } from './support/fixtures';

/**
 * Every improvement endpoint × every demo user → the expected status, written out by hand. Commands
 * go with an invalid body: 400 = allowed (then refused as malformed), 404 = may not see it, 403 = the
 * role or the person may not do it. Fixtures: a proposal by `medarbetare` for Solgården, an action
 * for Solgården owned by `enhetschef`, a lesson from Solgården to Ekbacken.
 */
type Row = Record<DemoUsername, number>;
const r = (values: Partial<Row>, rest: number): Row =>
  Object.fromEntries(DEMO_USERNAMES.map((u) => [u, values[u] ?? rest])) as Row;

const HANDLERS_OF_SOLGARDEN = { enhetschef: 400, avdelningschef: 400, forvaltningschef: 400, kvalitet: 400 };

const EXPECTED = {
  createProposal: r({ ledning: 403 }, 201),
  listProposals: r({ ledning: 403 }, 200),
  getProposal: r(
    {
      medarbetare: 200,
      enhetschef: 200,
      avdelningschef: 200,
      forvaltningschef: 200,
      kvalitet: 200,
      'enhetschef.ekbacken': 404,
      sas: 404,
      mas: 404,
    },
    403,
  ),
  proposalCommand: r({ ...HANDLERS_OF_SOLGARDEN, 'enhetschef.ekbacken': 404 }, 403),
  readFeedback: r({ medarbetare: 400, 'enhetschef.ekbacken': 404, sas: 404, mas: 404 }, 403),
  createAction: r({ ...HANDLERS_OF_SOLGARDEN, 'enhetschef.ekbacken': 400 }, 403),
  listActions: r(
    {
      enhetschef: 200,
      'enhetschef.ekbacken': 200,
      avdelningschef: 200,
      forvaltningschef: 200,
      kvalitet: 200,
    },
    403,
  ),
  getAction: r(
    {
      enhetschef: 200,
      avdelningschef: 200,
      forvaltningschef: 200,
      kvalitet: 200,
      'enhetschef.ekbacken': 404,
    },
    403,
  ),
  actionCommand: r({ ...HANDLERS_OF_SOLGARDEN, 'enhetschef.ekbacken': 404 }, 403),
  createLesson: r({ avdelningschef: 400, forvaltningschef: 400, kvalitet: 400 }, 403),
  listLessons: r(
    {
      enhetschef: 200,
      'enhetschef.ekbacken': 200,
      avdelningschef: 200,
      forvaltningschef: 200,
      kvalitet: 200,
    },
    403,
  ),
  getLesson: r(
    {
      enhetschef: 200,
      'enhetschef.ekbacken': 200,
      avdelningschef: 200,
      forvaltningschef: 200,
      kvalitet: 200,
    },
    403,
  ),
  lessonCheck: r(
    {
      enhetschef: 400,
      'enhetschef.ekbacken': 400,
      avdelningschef: 400,
      forvaltningschef: 400,
      kvalitet: 400,
    },
    403,
  ),
};

describe('improvement work: authorisation matrix (every endpoint × every demo user)', () => {
  let api: TestApi;
  const tokens = {} as Record<DemoUsername, string>;
  const ids = { proposal: '', action: '', lesson: '' };
  const plan = {
    title: 'Plan',
    level: 'organisational',
    owner: 'enhetschef',
    dueAt: isoMinutesFromNow(60 * 24 * 30),
    expectedEffect: 'Effekt',
  };

  beforeAll(async () => {
    api = await startApi();
    for (const user of DEMO_USERNAMES) tokens[user] = await api.token(user);
    const call = <T>(method: string, path: string, user: DemoUsername, body?: unknown) =>
      api.call<T>(method, `/api/v1${path}`, { token: tokens[user], ...(body === undefined ? {} : { body }) });
    ids.proposal = (
      await call<{ id: string }>('POST', '/improvement-proposals', 'medarbetare', {
        unitId: 'solgarden',
        title: 'Förslag',
        description: 'Beskrivning',
      })
    ).body.id;
    const caseId = (
      await call<{ id: string }>('POST', '/cases', 'medarbetare', report('deviation', 'solgarden'))
    ).body.id;
    await call('POST', `/cases/${caseId}/start-investigation`, 'enhetschef', {});
    await call('POST', `/cases/${caseId}/record-investigation`, 'enhetschef', {
      summary: 'Utrett',
      causes: ['routine'],
    });
    ids.action = (
      await call<{ id: string }>('POST', '/improvement-actions', 'enhetschef', {
        unitId: 'solgarden',
        source: { caseId, causes: ['routine'] },
        plan,
      })
    ).body.id;
    ids.lesson = (
      await call<{ id: string }>('POST', '/lessons', 'kvalitet', {
        sourceUnitId: 'solgarden',
        title: 'Lärdom',
        finding: 'Iakttagelse',
        targetUnitIds: ['ekbacken'],
        dueAt: isoMinutesFromNow(60 * 24 * 7),
      })
    ).body.id;
    expect(Object.values(ids).every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });
  afterAll(async () => {
    await api?.close();
  });

  async function statuses(method: string, path: string, body?: unknown): Promise<Row> {
    const result = {} as Row;
    for (const user of DEMO_USERNAMES) {
      result[user] = (
        await api.call(method, `/api/v1${path}`, {
          token: tokens[user],
          ...(body === undefined ? {} : { body }),
        })
      ).status;
    }
    return result;
  }
  const INVALID = { unknownField: true };

  it('improvement proposals', async () => {
    expect(
      await statuses('POST', '/improvement-proposals', { unitId: 'solgarden', title: 'T', description: 'D' }),
    ).toEqual(EXPECTED.createProposal);
    expect(await statuses('GET', '/improvement-proposals')).toEqual(EXPECTED.listProposals);
    expect(await statuses('GET', `/improvement-proposals/${ids.proposal}`)).toEqual(EXPECTED.getProposal);
    for (const command of ['assess', 'replan', 'implement', 'follow-up-effect'])
      expect({
        command,
        statuses: await statuses('POST', `/improvement-proposals/${ids.proposal}/${command}`, INVALID),
      }).toEqual({ command, statuses: EXPECTED.proposalCommand });
    expect(await statuses('POST', `/improvement-proposals/${ids.proposal}/read-feedback`, INVALID)).toEqual(
      EXPECTED.readFeedback,
    );
  });

  it('improvement actions', async () => {
    expect(await statuses('POST', '/improvement-actions', INVALID)).toEqual(EXPECTED.createAction);
    expect(await statuses('GET', '/improvement-actions')).toEqual(EXPECTED.listActions);
    expect(await statuses('GET', `/improvement-actions/${ids.action}`)).toEqual(EXPECTED.getAction);
    for (const command of ['replan', 'implement', 'follow-up-effect'])
      expect({
        command,
        statuses: await statuses('POST', `/improvement-actions/${ids.action}/${command}`, INVALID),
      }).toEqual({ command, statuses: EXPECTED.actionCommand });
  });

  it('lessons', async () => {
    expect(await statuses('POST', '/lessons', INVALID)).toEqual(EXPECTED.createLesson);
    expect(await statuses('GET', '/lessons')).toEqual(EXPECTED.listLessons);
    expect(await statuses('GET', `/lessons/${ids.lesson}`)).toEqual(EXPECTED.getLesson);
    expect(await statuses('POST', `/lessons/${ids.lesson}/checks`, INVALID)).toEqual(EXPECTED.lessonCheck);
  });

  it('ids of another kind are 404, malformed ids 400, no token 401', async () => {
    expect(
      (await api.call('GET', `/api/v1/improvement-actions/${ids.proposal}`, { token: tokens.kvalitet }))
        .status,
    ).toBe(404);
    expect((await api.call('GET', `/api/v1/lessons/${ids.action}`, { token: tokens.kvalitet })).status).toBe(
      404,
    );
    expect((await api.call('GET', '/api/v1/lessons/nope', { token: tokens.kvalitet })).status).toBe(400);
    expect((await api.call('GET', '/api/v1/improvement-proposals')).status).toBe(401);
  });
});
