import { randomUUID } from 'node:crypto';
import { EventStore } from '@kvalitet/persistence';
import { createStatisticsProjection } from '../../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import {
  FIXTURE_CASES,
  FIXTURE_PERSONAL_STRINGS,
} from '../../libs/domain/src/reports/fixtures/report-fixture';
import { pdfText } from '../../libs/reporting/test/pdf-text';
import {
  DEMO_USERNAMES,
  expectProblem,
  startApi,
  type DemoUsername,
  type TestApi,
} from './support/api-harness';

/**
 * GET /api/v1/reports/quarterly (REP-5) and /annual (REP-9), the same pattern as the tertial:
 * JSON, HTML or PDF by Accept; "ledning and up" plus the board-wide SAS and MAS; problem+json for
 * bad parameters. The matrix is written out by hand (every demo user of api.md).
 */
type Endpoint = 'quarterly' | 'annual';

const PATHS: Record<Endpoint, string> = {
  quarterly: '/api/v1/reports/quarterly?year=2026&quarter=4',
  annual: '/api/v1/reports/annual?year=2026',
};

const EXPECTED: Record<Endpoint, Record<DemoUsername, number>> = {
  quarterly: {
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
  annual: {
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

interface PeriodBody {
  kind: string;
  label: string;
  from: string;
  to: string;
  totals: { reported: number };
  comparisons: { label: string; reported: number }[];
  lines: { caseNumber: string }[];
}

describe('reports: quarterly statistics and the annual compilation', () => {
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
  });
  afterAll(async () => {
    await api.close();
  });

  for (const endpoint of Object.keys(PATHS) as Endpoint[]) {
    it(`authorisation: ${PATHS[endpoint]}`, async () => {
      const actual: Record<string, number> = {};
      for (const user of DEMO_USERNAMES) {
        const response = await api.call('GET', PATHS[endpoint], { token: await api.token(user) });
        actual[user] = response.status;
        if (response.status === 403) expectProblem(response, 403, 'FORBIDDEN');
      }
      expect(actual).toEqual(EXPECTED[endpoint]);
    });
  }

  it('without a token: 401', async () => {
    for (const path of Object.values(PATHS))
      expectProblem(await api.call('GET', path), 401, 'UNAUTHENTICATED');
  });

  it('quarter 4 2026 as JSON: the eight November cases of the fixture, compared with Q4 2025', async () => {
    const q4 = await api.call<PeriodBody>('GET', PATHS.quarterly, { token: await api.token('ledning') });
    expect(q4.status).toBe(200);
    expect(q4.body).toMatchObject({
      kind: 'quarterly_statistics',
      label: 'kvartal 4 2026',
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-12-31T23:00:00.000Z',
      totals: { reported: 8 },
    });
    expect(q4.body.comparisons).toEqual([{ label: 'kvartal 4 2025', reported: 0, closed: 0 }]);
    expect(q4.body.lines.map((l) => l.caseNumber)).toEqual(['LS-2026-0001']);
    const q1 = await api.call<PeriodBody>('GET', '/api/v1/reports/quarterly?year=2026&quarter=1', {
      token: await api.token('ledning'),
    });
    expect(q1.body.totals.reported).toBe(0);
  });

  it('the year 2026 as JSON, HTML and PDF, with no personal data', async () => {
    const token = await api.token('forvaltningschef');
    const annual = await api.call<PeriodBody>('GET', PATHS.annual, { token });
    expect(annual.body).toMatchObject({
      kind: 'annual_report',
      label: '2026',
      from: '2025-12-31T23:00:00.000Z',
      to: '2026-12-31T23:00:00.000Z',
      totals: { reported: 8 },
    });
    expect(annual.body.comparisons).toEqual([{ label: '2025', reported: 0, closed: 0 }]);
    const html = await fetch(`${api.baseUrl}${PATHS.annual}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
    });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('2026');
    const pdf = await fetch(`${api.baseUrl}${PATHS.quarterly}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/pdf' },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const { text } = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('LS-2026-0001');
    for (const personal of FIXTURE_PERSONAL_STRINGS) {
      const pattern = /^[a-z]+$/.test(personal) ? new RegExp(`\\b${personal}\\b`) : null;
      for (const body of [JSON.stringify(annual.body), page, text])
        expect({ personal, found: pattern ? pattern.test(body) : body.includes(personal) }).toEqual({
          personal,
          found: false,
        });
    }
  });

  it('bad parameters: 400 problem+json with Swedish messages', async () => {
    const token = await api.token('ledning');
    for (const path of [
      '/api/v1/reports/quarterly?year=2026',
      '/api/v1/reports/quarterly?year=2026&quarter=5',
      '/api/v1/reports/quarterly?year=2026&quarter=0',
      '/api/v1/reports/quarterly?year=tjugo&quarter=1',
      '/api/v1/reports/quarterly?year=1999&quarter=1',
      '/api/v1/reports/quarterly?year=2026&quarter=1&tertial=1',
      '/api/v1/reports/annual',
      '/api/v1/reports/annual?year=2101',
      '/api/v1/reports/annual?year=2026.5',
      '/api/v1/reports/annual?year=2026&extra=1',
    ]) {
      const problem = expectProblem(await api.call('GET', path, { token }), 400, 'VALIDATION_FAILED');
      expect({ path, errors: (problem.errors?.length ?? 0) > 0 }).toEqual({ path, errors: true });
    }
  });
});
