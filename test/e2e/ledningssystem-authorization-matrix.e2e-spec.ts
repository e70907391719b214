import { DEMO_USERNAMES, startApi, type DemoUsername, type TestApi } from './support/api-harness';

/**
 * Every endpoint of the ledningssystem's registers × every demo user → the expected status, written
 * out by hand from the brief ("kvalitet manages; unit managers their units; staff read routines")
 * and domain.md (EK-5, IK-3, R-15, DL-29), not computed from the access policy under test. Commands
 * are sent with an unknown field, so a caller who may run them gets 400 (authorised, then the body
 * is refused), one who may not gets 403, or 404 when they may not even see the item — which also
 * proves that authorisation comes before validation.
 */
type Row = readonly [number, number, number, number, number, number, number, number, number];
// medarbetare, enhetschef, enhetschef.ekbacken, avdelningschef, forvaltningschef, sas, mas, kvalitet, ledning
const ALL_200: Row = [200, 200, 200, 200, 200, 200, 200, 200, 200];
const UNIT_MANAGERS_400: Row = [403, 400, 400, 400, 400, 403, 403, 400, 403];
const SOLGARDEN_MANAGERS_400: Row = [403, 400, 403, 400, 400, 403, 403, 400, 403];
const BOARD_MANAGERS_400: Row = [403, 403, 403, 403, 400, 403, 403, 400, 403];
const EK_READERS_200: Row = [403, 200, 200, 200, 200, 200, 200, 200, 403];
const EK_ITEM_READ: Row = [403, 200, 404, 200, 200, 200, 200, 200, 403];
const EK_ITEM_MANAGE: Row = [403, 400, 404, 400, 400, 403, 403, 400, 403];
const EK_ITEM_RECORD: Row = [403, 400, 404, 400, 400, 400, 400, 400, 403];
const TRAINING_LIST: Row = [403, 200, 200, 200, 200, 403, 403, 200, 403];
const TRAINING_ITEM_READ: Row = [403, 200, 404, 200, 200, 403, 403, 200, 403];
const TRAINING_ITEM_COMMAND: Row = [403, 400, 404, 400, 400, 403, 403, 400, 403];
const IK_READERS_200: Row = [403, 403, 403, 200, 200, 200, 200, 200, 200];
const IK_RESULT: Row = [403, 403, 403, 403, 400, 400, 403, 400, 403];

const DECISION = { decidedBy: 'namnd', decidedOn: '2026-02-12', reference: 'SN 2026-02-12 § 14' };
const BAD = { unknownField: 1 };

describe('authorisation matrix of the ledningssystem registers (e2e)', () => {
  let api: TestApi;
  const tokens = {} as Record<DemoUsername, string>;
  const ids: Record<'routine' | 'plan' | 'training' | 'appointment' | 'ik', string> = {
    routine: '',
    plan: '',
    training: '',
    appointment: '',
    ik: '',
  };

  beforeAll(async () => {
    api = await startApi();
    for (const user of DEMO_USERNAMES) tokens[user] = await api.token(user);
    const as = async <T>(method: string, path: string, body: unknown): Promise<T> => {
      const response = await api.call<T>(method, path, { token: tokens.kvalitet, body });
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
      return response.body;
    };
    ids.routine = (
      await as<{ id: string }>('POST', '/api/v1/routines', {
        kind: 'routine',
        level: 3,
        code: 'RUT-1',
        title: 'Rutin',
        unitId: 'solgarden',
        owner: 'enhetschef',
        revisionInterval: 'P1Y',
      })
    ).id;
    ids.plan = (
      await as<{ id: string }>('POST', '/api/v1/egenkontroll/plans', {
        unitId: 'solgarden',
        year: 2026,
        controls: [
          {
            kind: 'loggkontroll',
            title: 'Loggkontroll',
            method: 'Stickprov',
            frequency: 'yearly',
            responsible: 'enhetschef',
          },
        ],
      })
    ).id;
    ids.training = (
      await as<{ id: string }>('POST', '/api/v1/training/records', {
        username: 'ny',
        unitId: 'solgarden',
        hiredOn: '2026-01-01',
      })
    ).id;
    ids.appointment = (
      await as<{ id: string }>('POST', '/api/v1/appointments', {
        role: 'sas',
        holder: 'sas',
        decision: DECISION,
        validFrom: '2026-01-01',
      })
    ).id;
    await as('POST', '/api/v1/ledningssystem', { title: 'Ledningssystem', owner: 'forvaltningschef' });
    ids.ik = (await as<{ id: string }>('POST', '/api/v1/internkontroll/plans', { year: 2027 })).id;
    const withRisk = await as<{ risks: { riskId: string }[] }>(
      'POST',
      `/api/v1/internkontroll/plans/${ids.ik}/risks`,
      { description: 'Risk', probability: 4, severity: 4, source: 'Analys' },
    );
    await as('POST', `/api/v1/internkontroll/plans/${ids.ik}/select-risk`, {
      riskId: withRisk.risks[0]!.riskId,
      selected: true,
      rationale: 'Hög',
    });
    await as('POST', `/api/v1/internkontroll/plans/${ids.ik}/controls`, {
      riskId: withRisk.risks[0]!.riskId,
      title: 'Kontroll',
      method: 'Stickprov',
      responsible: 'sas',
      dueDate: '2027-06-30',
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  const endpoints: [string, string, () => string, unknown, Row][] = [
    ['POST', 'routines', () => '/api/v1/routines', BAD, UNIT_MANAGERS_400],
    ['GET', 'routines', () => '/api/v1/routines', undefined, ALL_200],
    ['GET', 'routines/{id}', () => `/api/v1/routines/${ids.routine}`, undefined, ALL_200],
    [
      'POST',
      'routines/{id}/adopt-version',
      () => `/api/v1/routines/${ids.routine}/adopt-version`,
      BAD,
      SOLGARDEN_MANAGERS_400,
    ],
    [
      'POST',
      'routines/{id}/change-owner',
      () => `/api/v1/routines/${ids.routine}/change-owner`,
      BAD,
      SOLGARDEN_MANAGERS_400,
    ],
    [
      'POST',
      'routines/{id}/repeal',
      () => `/api/v1/routines/${ids.routine}/repeal`,
      BAD,
      SOLGARDEN_MANAGERS_400,
    ],
    ['GET', 'ledningssystem', () => '/api/v1/ledningssystem', undefined, ALL_200],
    ['POST', 'ledningssystem', () => '/api/v1/ledningssystem', BAD, BOARD_MANAGERS_400],
    ['POST', 'ledningssystem/versions', () => '/api/v1/ledningssystem/versions', BAD, BOARD_MANAGERS_400],
    [
      'POST',
      'ledningssystem/reviews/{year}/items',
      () => '/api/v1/ledningssystem/reviews/2027/items',
      BAD,
      BOARD_MANAGERS_400,
    ],
    [
      'POST',
      'ledningssystem/reviews/{year}/complete',
      () => '/api/v1/ledningssystem/reviews/2027/complete',
      BAD,
      BOARD_MANAGERS_400,
    ],
    ['GET', 'egenkontroll/catalogue', () => '/api/v1/egenkontroll/catalogue', undefined, EK_READERS_200],
    ['POST', 'egenkontroll/plans', () => '/api/v1/egenkontroll/plans', BAD, UNIT_MANAGERS_400],
    ['GET', 'egenkontroll/plans', () => '/api/v1/egenkontroll/plans', undefined, EK_READERS_200],
    [
      'GET',
      'egenkontroll/plans/{id}',
      () => `/api/v1/egenkontroll/plans/${ids.plan}`,
      undefined,
      EK_ITEM_READ,
    ],
    [
      'POST',
      'egenkontroll/plans/{id}/controls',
      () => `/api/v1/egenkontroll/plans/${ids.plan}/controls`,
      BAD,
      EK_ITEM_MANAGE,
    ],
    [
      'POST',
      'egenkontroll/plans/{id}/adopt',
      () => `/api/v1/egenkontroll/plans/${ids.plan}/adopt`,
      BAD,
      EK_ITEM_MANAGE,
    ],
    [
      'POST',
      'egenkontroll/plans/{id}/results',
      () => `/api/v1/egenkontroll/plans/${ids.plan}/results`,
      BAD,
      EK_ITEM_RECORD,
    ],
    [
      'POST',
      'egenkontroll/plans/{id}/complete-action',
      () => `/api/v1/egenkontroll/plans/${ids.plan}/complete-action`,
      BAD,
      EK_ITEM_RECORD,
    ],
    ['POST', 'appointments', () => '/api/v1/appointments', BAD, BOARD_MANAGERS_400],
    ['GET', 'appointments', () => '/api/v1/appointments', undefined, ALL_200],
    ['GET', 'appointments/alerts', () => '/api/v1/appointments/alerts', undefined, ALL_200],
    ['GET', 'appointments/{id}', () => `/api/v1/appointments/${ids.appointment}`, undefined, ALL_200],
    [
      'POST',
      'appointments/{id}/end',
      () => `/api/v1/appointments/${ids.appointment}/end`,
      BAD,
      BOARD_MANAGERS_400,
    ],
    ['POST', 'training/records', () => '/api/v1/training/records', BAD, UNIT_MANAGERS_400],
    ['GET', 'training/records', () => '/api/v1/training/records', undefined, TRAINING_LIST],
    [
      'GET',
      'training/records/{id}',
      () => `/api/v1/training/records/${ids.training}`,
      undefined,
      TRAINING_ITEM_READ,
    ],
    [
      'POST',
      'training/records/{id}/informed',
      () => `/api/v1/training/records/${ids.training}/informed`,
      BAD,
      TRAINING_ITEM_COMMAND,
    ],
    [
      'POST',
      'training/records/{id}/move',
      () => `/api/v1/training/records/${ids.training}/move`,
      BAD,
      TRAINING_ITEM_COMMAND,
    ],
    [
      'POST',
      'training/records/{id}/leave',
      () => `/api/v1/training/records/${ids.training}/leave`,
      BAD,
      TRAINING_ITEM_COMMAND,
    ],
    ['POST', 'internkontroll/plans', () => '/api/v1/internkontroll/plans', BAD, BOARD_MANAGERS_400],
    ['GET', 'internkontroll/plans', () => '/api/v1/internkontroll/plans', undefined, IK_READERS_200],
    [
      'GET',
      'internkontroll/plans/{id}',
      () => `/api/v1/internkontroll/plans/${ids.ik}`,
      undefined,
      IK_READERS_200,
    ],
    [
      'POST',
      'internkontroll/plans/{id}/risks',
      () => `/api/v1/internkontroll/plans/${ids.ik}/risks`,
      BAD,
      BOARD_MANAGERS_400,
    ],
    [
      'POST',
      'internkontroll/plans/{id}/select-risk',
      () => `/api/v1/internkontroll/plans/${ids.ik}/select-risk`,
      BAD,
      BOARD_MANAGERS_400,
    ],
    [
      'POST',
      'internkontroll/plans/{id}/controls',
      () => `/api/v1/internkontroll/plans/${ids.ik}/controls`,
      BAD,
      BOARD_MANAGERS_400,
    ],
    [
      'POST',
      'internkontroll/plans/{id}/adopt',
      () => `/api/v1/internkontroll/plans/${ids.ik}/adopt`,
      BAD,
      BOARD_MANAGERS_400,
    ],
    [
      'POST',
      'internkontroll/plans/{id}/control-results',
      () => `/api/v1/internkontroll/plans/${ids.ik}/control-results`,
      BAD,
      IK_RESULT,
    ],
    [
      'POST',
      'internkontroll/plans/{id}/report',
      () => `/api/v1/internkontroll/plans/${ids.ik}/report`,
      BAD,
      BOARD_MANAGERS_400,
    ],
  ];

  it.each(endpoints)('%s /%s', async (method, _name, path, body, expected) => {
    const actual: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const [index, user] of DEMO_USERNAMES.entries()) {
      actual[user] = (
        await api.call(method, path(), { token: tokens[user], ...(body === undefined ? {} : { body }) })
      ).status;
      wanted[user] = expected[index]!;
    }
    expect(actual).toEqual(wanted);
    expect((await api.call(method, path(), body === undefined ? {} : { body })).status).toBe(401);
  });
});
