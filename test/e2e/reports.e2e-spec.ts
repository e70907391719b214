import { randomUUID } from 'node:crypto';
import {
  composeWeeklyDigest,
  DEFAULT_CLASSIFICATION_VOCABULARY,
  statisticsFactOf,
  withClassificationCodes,
  type StatisticsCaseFact,
} from '@kvalitet/domain';
import { EventStore } from '@kvalitet/persistence';
import { createStatisticsProjection } from '../../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { pdfText } from '../../libs/reporting/test/pdf-text';
import {
  FIXTURE_CASE_IDS,
  FIXTURE_CASES,
  FIXTURE_PERSONAL_STRINGS,
} from '../../libs/domain/src/reports/fixtures/report-fixture';
import { expectProblem, startApi, type TestApi } from './support/api-harness';

async function binary(
  api: TestApi,
  path: string,
  token: string,
  accept: string,
): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(`${api.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function personalFound(text: string): string[] {
  return FIXTURE_PERSONAL_STRINGS.filter((p) =>
    /^[a-z]+$/.test(p) ? new RegExp(`\\b${p}\\b`).test(text) : text.includes(p),
  );
}

describe('report endpoints through the real api', () => {
  let api: TestApi;
  let ledning: string;

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
    ledning = await api.token('ledning');
  });
  afterAll(async () => {
    await api.close();
  });

  it("weekly digest as JSON: the api.md shape, the figures of the pure composition as of the answer's asOf", async () => {
    const response = await api.call<{ asOf: string }>('GET', '/api/v1/reports/weekly-digest?week=2026-W48', {
      token: ledning,
    });
    expect(response.status).toBe(200);
    // The statistics keep list codes (issue 24): the fixture's free-text category `rutin` is `annat`.
    const facts = FIXTURE_CASES.map((c) => statisticsFactOf(c.events))
      .filter((f): f is StatisticsCaseFact => f !== null)
      .map((f) => withClassificationCodes(f, DEFAULT_CLASSIFICATION_VOCABULARY));
    expect(response.body).toEqual(
      JSON.parse(JSON.stringify(composeWeeklyDigest(facts, '2026-W48', new Date(response.body.asOf)))),
    );
    expect(Object.keys(response.body)).toEqual(
      expect.arrayContaining(['week', 'from', 'to', 'totals', 'byType', 'byUnit', 'lines']),
    );
    expect(personalFound(response.text)).toEqual([]);
  });

  it('the same digest as HTML and as PDF by Accept, with no personal data', async () => {
    const html = await binary(api, '/api/v1/reports/weekly-digest?week=2026-W48', ledning, 'text/html');
    expect(html.status).toBe(200);
    expect(html.type).toMatch(/^text\/html/);
    expect(html.body.toString()).toContain('Veckosammanställning till ledningsgruppen, vecka 48 2026');
    expect(personalFound(html.body.toString())).toEqual([]);
    const pdf = await binary(api, '/api/v1/reports/weekly-digest?week=2026-W48', ledning, 'application/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const { text } = pdfText(pdf.body);
    expect(text).toContain('KL-2026-0002');
    expect(personalFound(text)).toEqual([]);
  });

  it('statistics per unit (rolled up) and type; tertial and berättelser as JSON', async () => {
    const stats = await api.call<{
      groups: { key: { unit: string; type: string }; measures: { reported: number } }[];
      totals: { reported: number };
    }>('GET', '/api/v1/reports/statistics?from=2026-11-01&to=2026-11-30&groupBy=unit,type', {
      token: ledning,
    });
    expect(stats.status).toBe(200);
    expect(stats.body.totals.reported).toBe(8);
    const forvaltning = stats.body.groups
      .filter((g) => g.key.unit === 'forvaltning')
      .reduce((s, g) => s + g.measures.reported, 0);
    expect(forvaltning).toBe(8);
    const tertial = await api.call<{ totals: { reported: number }; lines: { caseNumber: string }[] }>(
      'GET',
      '/api/v1/reports/tertial?year=2026&tertial=3',
      { token: ledning },
    );
    expect(tertial.body.totals.reported).toBe(8);
    expect(tertial.body.lines.map((l) => l.caseNumber)).toEqual(['LS-2026-0001']);
    const kvalitet = await api.token('kvalitet');
    const psb = await binary(
      api,
      '/api/v1/reports/patientsakerhetsberattelse?year=2026',
      kvalitet,
      'application/pdf',
    );
    const psbText = pdfText(psb.body).text;
    expect(psbText).toContain('Patientsäkerhetsberättelse 2026 (utkast)');
    expect(psbText).toContain('ANALYS SKRIVS AV ANSVARIG');
    expect(personalFound(psbText)).toEqual([]);
    const kb = await api.call<{ statistics: { lexSarahFunnel: unknown } }>(
      'GET',
      '/api/v1/reports/kvalitetsberattelse?year=2026',
      { token: kvalitet },
    );
    expect(kb.body.statistics.lexSarahFunnel).toEqual({
      reports: 1,
      investigated: 1,
      serious: 1,
      notifiedToIvo: 1,
    });
  });

  it('bad queries are 400 with Swedish messages', async () => {
    for (const path of [
      '/api/v1/reports/weekly-digest?week=2026-W54',
      '/api/v1/reports/weekly-digest?week=vecka',
      '/api/v1/reports/statistics?groupBy=unit,namn',
      '/api/v1/reports/statistics?from=2026-12-01&to=2026-01-01',
      '/api/v1/reports/statistics?from=2000-01-01&to=2026-01-01',
      '/api/v1/reports/statistics?from=igår',
      '/api/v1/reports/tertial?year=2026&tertial=4',
      '/api/v1/reports/tertial?year=2026',
      '/api/v1/reports/kvalitetsberattelse',
      '/api/v1/reports/weekly-digest?okand=1',
    ]) {
      const body = expectProblem(
        await api.call('GET', path, { token: await api.token('kvalitet') }),
        400,
        'VALIDATION_FAILED',
      );
      expect(body.errors?.length).toBeGreaterThan(0);
    }
  });

  it('IVO anmälan: prefilled from the case for sas, logged in the access log; 409 for a case without a serious decision', async () => {
    const sas = await api.token('sas');
    const response = await api.call<{
      caseNumber: string;
      kind: string;
      description: string;
      decision: { outcome: string };
      ivo: { reference: string };
    }>('GET', `/api/v1/cases/${FIXTURE_CASE_IDS.lexSarahEkbacken}/ivo-anmalan`, { token: sas });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      caseNumber: 'LS-2026-0001',
      kind: 'lex_sarah',
      description: 'Olle Svensson lämnades ensam, personal slutade',
      decision: { outcome: 'allvarligt_missforhallande' },
      ivo: { reference: 'IVO-2026-123' },
    });
    const pdf = await binary(
      api,
      `/api/v1/cases/${FIXTURE_CASE_IDS.lexSarahEkbacken}/ivo-anmalan`,
      sas,
      'application/pdf',
    );
    expect(pdfText(pdf.body).text).toContain('Underlag för anmälan till IVO – LS-2026-0001');
    const log = await api.call<{ items: { action: string; route: string; username: string }[] }>(
      'GET',
      `/api/v1/audit/access-log?caseId=${FIXTURE_CASE_IDS.lexSarahEkbacken}`,
      { token: await api.token('kvalitet') },
    );
    expect(
      log.body.items.filter((i) => i.route === 'GET /api/v1/cases/:id/ivo-anmalan' && i.username === 'sas'),
    ).toHaveLength(2);
    const director = await api.token('forvaltningschef');
    expectProblem(
      await api.call('GET', `/api/v1/cases/${FIXTURE_CASE_IDS.lexMariaSolgarden}/ivo-anmalan`, {
        token: director,
      }),
      409,
      'INVALID_TRANSITION',
    );
    expectProblem(
      await api.call('GET', `/api/v1/cases/${FIXTURE_CASE_IDS.deviationSolgarden}/ivo-anmalan`, {
        token: director,
      }),
      409,
      'INVALID_TRANSITION',
    );
    expectProblem(
      await api.call('GET', '/api/v1/cases/inte-ett-id/ivo-anmalan', { token: director }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await api.call('GET', `/api/v1/cases/${randomUUID()}/ivo-anmalan`, { token: director }),
      404,
      'NOT_FOUND',
    );
  });
});
