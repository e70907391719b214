import { randomUUID } from 'node:crypto';
import { reportPeriodFor } from '@kvalitet/domain';
import { Mailer } from '@kvalitet/notifications';
import { EventStore } from '@kvalitet/persistence';
import { REPORT_DEMO_UNITS } from '@kvalitet/reporting';
import { createReportActivities } from '../../apps/worker/src/activities/report-activities';
import { createStatisticsProjection } from '../../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { FIXTURE_CASE_IDS, FIXTURE_CASES } from '../../libs/domain/src/reports/fixtures/report-fixture';
import {
  DEMO_USERNAMES,
  expectProblem,
  startApi,
  type DemoUsername,
  type TestApi,
} from './support/api-harness';

/**
 * Every report endpoint × every demo user of api.md → the expected status, written out by hand:
 * - digest, statistics, tertial: "ledning and up" (ledning, förvaltningschef, kvalitet) and the
 *   board-wide SAS and MAS; no unit-level role;
 * - patientsäkerhetsberättelse: mas, kvalitet, director; kvalitetsberättelse: kvalitet, director;
 * - the IVO anmälan of the serious lex Sarah case at Ekbacken: who may run report-to-ivo on it
 *   (director, sas); those who see the case without that right get 403, those who cannot see it 404;
 * - the mail box: everyone reads their own; only kvalitet reads someone else's.
 */
type Endpoint =
  | 'digest'
  | 'statistics'
  | 'tertial'
  | 'psb'
  | 'kb'
  | 'ivo'
  | 'ownMail'
  | 'masMail'
  | 'generatedList'
  | 'generatedDigest';

const PATHS: Record<Endpoint, string> = {
  digest: '/api/v1/reports/weekly-digest?week=2026-W48',
  statistics: '/api/v1/reports/statistics?from=2026-11-01&to=2026-11-30&groupBy=unit,type',
  tertial: '/api/v1/reports/tertial?year=2026&tertial=3',
  psb: '/api/v1/reports/patientsakerhetsberattelse?year=2026',
  kb: '/api/v1/reports/kvalitetsberattelse?year=2026',
  ivo: `/api/v1/cases/${FIXTURE_CASE_IDS.lexSarahEkbacken}/ivo-anmalan`,
  ownMail: '/api/v1/notifications/mail',
  masMail: '/api/v1/notifications/mail?to=mas',
  generatedList: '/api/v1/reports/generated',
  generatedDigest: '/api/v1/reports/generated/weekly_digest:2026-W48',
};

const EXPECTED: Record<Endpoint, Record<DemoUsername, number>> = {
  digest: {
    medarbetare: 403,
    enhetschef: 403,
    'enhetschef.ekbacken': 403,
    avdelningschef: 403,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 200,
  },
  statistics: {
    medarbetare: 403,
    enhetschef: 403,
    'enhetschef.ekbacken': 403,
    avdelningschef: 403,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 200,
  },
  tertial: {
    medarbetare: 403,
    enhetschef: 403,
    'enhetschef.ekbacken': 403,
    avdelningschef: 403,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 200,
  },
  psb: {
    medarbetare: 403,
    enhetschef: 403,
    'enhetschef.ekbacken': 403,
    avdelningschef: 403,
    forvaltningschef: 200,
    sas: 403,
    mas: 200,
    kvalitet: 200,
    ledning: 403,
  },
  kb: {
    medarbetare: 403,
    enhetschef: 403,
    'enhetschef.ekbacken': 403,
    avdelningschef: 403,
    forvaltningschef: 200,
    sas: 403,
    mas: 403,
    kvalitet: 200,
    ledning: 403,
  },
  ivo: {
    medarbetare: 403,
    enhetschef: 404,
    'enhetschef.ekbacken': 403,
    avdelningschef: 404,
    forvaltningschef: 200,
    sas: 200,
    mas: 403,
    kvalitet: 403,
    ledning: 403,
  },
  ownMail: {
    medarbetare: 200,
    enhetschef: 200,
    'enhetschef.ekbacken': 200,
    avdelningschef: 200,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 200,
  },
  masMail: {
    medarbetare: 403,
    enhetschef: 403,
    'enhetschef.ekbacken': 403,
    avdelningschef: 403,
    forvaltningschef: 403,
    sas: 403,
    mas: 200,
    kvalitet: 200,
    ledning: 403,
  },
  generatedList: {
    medarbetare: 403,
    enhetschef: 403,
    'enhetschef.ekbacken': 403,
    avdelningschef: 403,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 200,
  },
  generatedDigest: {
    medarbetare: 403,
    enhetschef: 403,
    'enhetschef.ekbacken': 403,
    avdelningschef: 403,
    forvaltningschef: 200,
    sas: 200,
    mas: 200,
    kvalitet: 200,
    ledning: 200,
  },
};

describe('reports: authorisation matrix (every endpoint × every demo user)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
    const store = new EventStore(api.db.dataSource);
    for (const c of FIXTURE_CASES) {
      await store.append({
        aggregateType: 'case',
        aggregateId: c.caseId,
        expectedVersion: 0,
        events: c.events.map((e) => ({ type: e.type, data: e.data })),
        metadata: { actor: 'test', correlationId: randomUUID() },
      });
    }
    await rebuildReadModels(api.db.dataSource, store, [createStatisticsProjection()]);
    const activities = createReportActivities({
      dataSource: api.db.dataSource,
      events: store,
      mailer: new Mailer({ db: api.db.dataSource }),
      units: REPORT_DEMO_UNITS,
      organisation: 'Exempelkommun',
    });
    for (const [kind, at] of [
      ['weekly_digest', '2026-11-30T06:00:00Z'],
      ['kvalitetsberattelse', '2027-01-20T06:00:00Z'],
    ] as const) {
      await activities.generateScheduledReport({
        period: reportPeriodFor(kind, new Date(at)),
        workflowId: 'e2e',
        runId: randomUUID(),
      });
    }
  });
  afterAll(async () => {
    await api.close();
  });

  for (const endpoint of Object.keys(PATHS) as Endpoint[]) {
    it(`${endpoint}: ${PATHS[endpoint]}`, async () => {
      const actual: Record<string, number> = {};
      for (const user of DEMO_USERNAMES) {
        const response = await api.call('GET', PATHS[endpoint], { token: await api.token(user) });
        actual[user] = response.status;
        if (response.status === 403) expectProblem(response, 403, 'FORBIDDEN');
        if (response.status === 404) expectProblem(response, 404, 'NOT_FOUND');
      }
      expect(actual).toEqual(EXPECTED[endpoint]);
    });
  }

  it('the list of generated reports shows each role only the kinds it may read', async () => {
    const keys = async (user: DemoUsername) =>
      (await api.call<{ key: string }[]>('GET', PATHS.generatedList, { token: await api.token(user) })).body
        .map((r) => r.key)
        .sort();
    expect(await keys('kvalitet')).toEqual(['kvalitetsberattelse:2026', 'weekly_digest:2026-W48']);
    expect(await keys('ledning')).toEqual(['weekly_digest:2026-W48']);
    expect(await keys('mas')).toEqual(['weekly_digest:2026-W48']);
    expectProblem(
      await api.call('GET', '/api/v1/reports/generated/kvalitetsberattelse:2026', {
        token: await api.token('ledning'),
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await api.call('GET', '/api/v1/reports/generated/weekly_digest:2020-W01', {
        token: await api.token('ledning'),
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await api.call('GET', '/api/v1/reports/generated/inte%20en%20nyckel', {
        token: await api.token('ledning'),
      }),
      400,
      'VALIDATION_FAILED',
    );
    const pdf = await fetch(`${api.baseUrl}/api/v1/reports/generated/weekly_digest:2026-W48`, {
      headers: { authorization: `Bearer ${await api.token('ledning')}`, accept: 'application/pdf' },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  });

  it('without a token every endpoint is 401', async () => {
    for (const endpoint of Object.keys(PATHS) as Endpoint[])
      expectProblem(await api.call('GET', PATHS[endpoint]), 401, 'UNAUTHENTICATED');
  });

  it('a caller without the right gets 403 before any 400 for a bad query', async () => {
    const token = await api.token('enhetschef');
    expectProblem(await api.call('GET', '/api/v1/reports/tertial?year=nej', { token }), 403, 'FORBIDDEN');
    expectProblem(
      await api.call('GET', '/api/v1/reports/kvalitetsberattelse?year=1', {
        token: await api.token('ledning'),
      }),
      403,
      'FORBIDDEN',
    );
  });
});
