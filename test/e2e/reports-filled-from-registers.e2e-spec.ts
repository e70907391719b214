import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface Registers {
  egenkontroll: { unitId: string; title: string; occurrence: string; outcome: unknown }[];
  riskAnalyses: { unitId: string; title: string; maxLevel: string | null }[];
  routineChanges: { code: string; change: string; version: string | null; date: string }[];
  externalFindings: { caseNumber: string; unitId: string }[];
  ejVerkstallda: { total: number | null; byLagrum: { key: string; count: number | null }[] };
}

const YEAR = new Date().getFullYear();
const TODAY = new Date().toISOString().slice(0, 10);
const REQUIREMENT_ID = /\b(REP|AUD|EK|RA|DL|LC)-\d/;

/**
 * Each register recorded through the api shows up in that year's berättelser, as JSON and HTML
 * (ADR 0037; REP-10, REP-11, EK-7, AUD-8, AUD-11, AUD-14, AUD-19, AUD-25, RA-10).
 */
describe('berättelser filled from the registers (e2e)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  let externalNumber = '';

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['kvalitet', 'enhetschef', 'mas', 'ledning', 'medarbetare'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('records an egenkontroll result, a risk analysis, a routine adoption, an external finding and an ej verkställt beslut', async () => {
    const plan = await api.call<{ id: string; controls: { controlId: string }[] }>(
      'POST',
      '/api/v1/egenkontroll/plans',
      {
        token: t['enhetschef'],
        body: {
          unitId: 'solgarden',
          year: YEAR,
          controls: [
            {
              kind: 'journalgranskning',
              title: 'Granskning av genomförandeplaner',
              method: 'Stickprov',
              sampleRule: 'fem planer',
              frequency: 'quarterly',
              responsible: 'enhetschef',
            },
          ],
        },
      },
    );
    expect(plan.status).toBe(201);
    expect(
      (
        await api.call('POST', `/api/v1/egenkontroll/plans/${plan.body.id}/adopt`, {
          token: t['enhetschef'],
          body: { expectedVersion: 1 },
        })
      ).status,
    ).toBe(200);
    const result = await api.call('POST', `/api/v1/egenkontroll/plans/${plan.body.id}/results`, {
      token: t['enhetschef'],
      body: {
        controlId: plan.body.controls[0]!.controlId,
        occurrence: `${YEAR}-Q2`,
        result: 'Fyra av fem planer uppdaterade',
        analysis: 'En plan väntade på brukarens synpunkter',
        noActions: true,
      },
    });
    expect(result.status).toBe(200);

    // Last year's plan has a control that was due and never got an outcome, whatever today's date is.
    const lastYear = await api.call<{ id: string }>('POST', '/api/v1/egenkontroll/plans', {
      token: t['kvalitet'],
      body: {
        unitId: 'ekbacken',
        year: YEAR - 1,
        controls: [
          {
            kind: 'loggkontroll',
            title: 'Loggkontroll i verksamhetssystemet',
            method: 'Uttag ur loggen',
            frequency: 'yearly',
            responsible: 'enhetschef',
          },
        ],
      },
    });
    expect(lastYear.status).toBe(201);
    expect(
      (
        await api.call('POST', `/api/v1/egenkontroll/plans/${lastYear.body.id}/adopt`, {
          token: t['kvalitet'],
          body: { expectedVersion: 1 },
        })
      ).status,
    ).toBe(200);

    const risk = await api.call('POST', '/api/v1/risk-assessments', {
      token: t['enhetschef'],
      body: {
        title: 'Fall vid förflyttning nattetid',
        unitId: 'solgarden',
        trigger: 'change',
        risks: [{ description: 'Brukare faller vid förflyttning', probability: 3, severity: 4 }],
      },
    });
    expect(risk.status).toBe(201);

    const routine = await api.call<{ id: string }>('POST', '/api/v1/routines', {
      token: t['kvalitet'],
      body: {
        kind: 'routine',
        level: 3,
        code: 'RUT-RAPP-01',
        title: 'Rutin för nattens tillsyn',
        unitId: 'solgarden',
        owner: 'enhetschef',
        revisionInterval: 'P1Y',
      },
    });
    expect(routine.status).toBe(201);
    const adopted = await api.call('POST', `/api/v1/routines/${routine.body.id}/adopt-version`, {
      token: t['kvalitet'],
      body: {
        version: '1.0',
        decision: { decidedBy: 'forvaltningschef', decidedOn: TODAY, reference: 'FC 2026/40' },
        validFrom: TODAY,
        changeNote: 'Tillsyn varannan timme',
        expectedVersion: 1,
      },
    });
    expect(adopted.status).toBe(200);

    const finding = await api.call<{ caseNumber: string }>('POST', '/api/v1/cases', {
      token: t['kvalitet'],
      body: report('external_finding', 'solgarden', 'IVO:s tillsyn av nattbemanningen', {
        respondBy: `${YEAR + 1}-01-15`,
      }),
    });
    expect(finding.status).toBe(201);
    externalNumber = finding.body.caseNumber;

    for (const decisionDate of [`${YEAR}-01-10`, `${YEAR}-02-14`, `${YEAR}-03-03`]) {
      const beslut = await api.call<{ id: string; lagrum: string }>('POST', '/api/v1/ej-verkstallda-beslut', {
        token: t['kvalitet'],
        body: {
          unitId: 'solgarden',
          lagrum: 'sol_4_1',
          insats: 'sarskilt_boende',
          decisionDate,
          reportedToIvoOn: `${YEAR}-06-30`,
          reason: 'brist_pa_plats',
        },
      });
      expect(beslut.status).toBe(201);
      expect(beslut.headers.get('location')).toBe(`/api/v1/ej-verkstallda-beslut/${beslut.body.id}`);
    }
    const lss = await api.call<{ id: string; version: number }>('POST', '/api/v1/ej-verkstallda-beslut', {
      token: t['kvalitet'],
      body: {
        unitId: 'ekbacken',
        lagrum: 'lss_9',
        insats: 'daglig_verksamhet',
        decisionDate: `${YEAR}-02-01`,
      },
    });
    expect(lss.status).toBe(201);
    const done = await api.call<{ verkstalltOn: string; version: number }>(
      'POST',
      `/api/v1/ej-verkstallda-beslut/${lss.body.id}/status`,
      { token: t['kvalitet'], body: { verkstalltOn: `${YEAR}-06-01`, expectedVersion: 1 } },
    );
    expect(done.body).toMatchObject({ verkstalltOn: `${YEAR}-06-01`, version: 2 });

    // A lex Maria decided as allvarlig vårdskada, notified to IVO, and IVO's decision recorded.
    const maria = await api.call<{ id: string }>('POST', '/api/v1/cases', {
      token: t['medarbetare'],
      body: report('lex_maria', 'solgarden', 'Fel läkemedelsdos gavs till Greta Nilsson'),
    });
    expect(maria.status).toBe(201);
    const step = async (command: string, body: unknown = {}) => {
      const answer = await api.call('POST', `/api/v1/cases/${maria.body.id}/${command}`, {
        token: t['mas'],
        body,
      });
      if (answer.status !== 200) throw new Error(`${command}: ${answer.status} ${answer.text}`);
    };
    await step('classify', { category: 'läkemedel', lagrum: '3 kap. 5 § PSL' });
    await step('assign', { assignee: 'mas' });
    await step('start-investigation');
    await step('record-investigation', { summary: 'Dubbel dos', causes: ['Rutin'] });
    await step('decide', { outcome: 'allvarlig_vardskada', rationale: 'Allvarlig vårdskada' });
    await step('inform-patient', {
      informedAt: new Date(Date.now() - 3_600_000).toISOString(),
      who: 'relative',
      how: 'phone',
    });
    await step('report-to-ivo', { ivoReference: 'IVO 3.5.1-4711/2026', reportedAt: TODAY });
    await step('record-ivo-decision', { decidedAt: TODAY, summary: 'IVO avslutar ärendet utan kritik' });

    await syncReadModels(api.db.dataSource, api.store);
  });

  it('the ej verkställda register refuses bad input in Swedish and writes nothing, and is kvalitet’s to keep', async () => {
    const before = await api.call<{ total: number }>('GET', '/api/v1/ej-verkstallda-beslut', {
      token: t['kvalitet'],
    });
    const bad = expectProblem(
      await api.call('POST', '/api/v1/ej-verkstallda-beslut', {
        token: t['kvalitet'],
        body: { unitId: 'solgarden', lagrum: 'SoL', insats: 'sarskilt_boende', decisionDate: '2026-02-30' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(['decisionDate', 'lagrum']);
    expect(bad.detail).toMatch(/[åäö]|fält/i);
    expectProblem(
      await api.call('POST', '/api/v1/ej-verkstallda-beslut', {
        token: t['kvalitet'],
        body: {
          unitId: 'solgarden',
          lagrum: 'sol_4_1',
          insats: 'hemtjanst',
          decisionDate: `${YEAR + 1}-01-01`,
        },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await api.call('POST', '/api/v1/ej-verkstallda-beslut', {
        token: t['enhetschef'],
        body: { unitId: 'solgarden', lagrum: 'sol_4_1', insats: 'hemtjanst', decisionDate: `${YEAR}-01-01` },
      }),
      403,
      'FORBIDDEN',
    );
    const after = await api.call<{ total: number }>('GET', '/api/v1/ej-verkstallda-beslut', {
      token: t['kvalitet'],
    });
    expect(after.body.total).toBe(before.body.total);
    expect(before.body.total).toBe(4);
  });

  it('the kvalitetsberättelse JSON and HTML show each of them; a control not yet done has no outcome', async () => {
    const json = await api.call<{ registers: Registers; document?: unknown }>(
      'GET',
      `/api/v1/reports/kvalitetsberattelse?year=${YEAR}`,
      { token: t['kvalitet'] },
    );
    expect(json.status).toBe(200);
    const r = json.body.registers;
    expect(r.egenkontroll.map((e) => [e.occurrence, e.outcome === null])).toEqual([
      [`${YEAR}-Q1`, true],
      [`${YEAR}-Q2`, false],
      [`${YEAR}-Q3`, true],
      [`${YEAR}-Q4`, true],
    ]);
    expect(r.riskAnalyses).toEqual([
      expect.objectContaining({
        unitId: 'solgarden',
        title: 'Fall vid förflyttning nattetid',
        maxLevel: 'very_high',
      }),
    ]);
    expect(r.routineChanges).toEqual([
      expect.objectContaining({ code: 'RUT-RAPP-01', change: 'adopted', version: '1.0', date: TODAY }),
    ]);
    expect(r.externalFindings).toEqual([
      expect.objectContaining({ caseNumber: externalNumber, unitId: 'solgarden' }),
    ]);
    expect(r.ejVerkstallda.total).toBe(4);
    expect(r.ejVerkstallda.byLagrum).toEqual([
      { key: 'lss_9', count: null, notVerkstallt: 0 },
      { key: 'sol_4_1', count: 3, notVerkstallt: 3 },
    ]);
    expect(JSON.stringify(json.body)).not.toContain('IVO:s tillsyn av nattbemanningen');

    const html = await api.call<string>('GET', `/api/v1/reports/kvalitetsberattelse?year=${YEAR}`, {
      token: t['kvalitet'],
      headers: { accept: 'text/html' },
    });
    expect(html.status).toBe(200);
    const page = String(html.body);
    for (const text of [
      'Granskning av genomförandeplaner',
      'Fyra av fem planer uppdaterade',
      'Inga åtgärder',
      'Fall vid förflyttning nattetid',
      'Mycket hög',
      'RUT-RAPP-01',
      'Tillsyn varannan timme',
      externalNumber,
      'SoL 4 kap. 1 §',
      'Särskilt boende',
      'Brist på lämplig plats',
      '&lt;3',
    ])
      expect(page).toContain(text);
    expect(page).not.toMatch(REQUIREMENT_ID);
    expect(page).not.toContain('IVO:s tillsyn av nattbemanningen');
    expect(page.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ')).not.toMatch(
      /\b[a-z]+(?:_[a-z]+)+\b/,
    );
  });

  it('a control that was due and has no outcome reads "Saknas" in red and bold (AUD-11, AUD-14)', async () => {
    for (const [kind, user] of [
      ['kvalitetsberattelse', 'kvalitet'],
      ['patientsakerhetsberattelse', 'mas'],
    ] as const) {
      const html = await api.call<string>('GET', `/api/v1/reports/${kind}?year=${YEAR - 1}`, {
        token: t[user],
        headers: { accept: 'text/html' },
      });
      expect(html.status).toBe(200);
      expect(String(html.body)).toMatch(
        /Loggkontroll i verksamhetssystemet<\/td>(<td>[^<]*<\/td>){2}<td class="missing"><strong>Saknas<\/strong><\/td>/,
      );
    }
  });

  it('the patientsäkerhetsberättelse shows the egenkontroll and the risk analyses of the year', async () => {
    const html = await api.call<string>('GET', `/api/v1/reports/patientsakerhetsberattelse?year=${YEAR}`, {
      token: t['mas'],
      headers: { accept: 'text/html' },
    });
    expect(html.status).toBe(200);
    const page = String(html.body);
    expect(page).toContain('Fyra av fem planer uppdaterade');
    expect(page).toContain('Fall vid förflyttning nattetid');
    expect(page).toContain('Enheter utan dokumenterad riskanalys under perioden:');
    // One lex Maria decision and one IVO decision: counts of 1 shown as "<3" (REP-15), no case text.
    expect(page).toMatch(/<td>Lex Maria<\/td><td>Allvarlig vårdskada<\/td><td>&lt;3<\/td>/);
    expect(page).toMatch(/<td>Lex Maria<\/td><td>&lt;3<\/td>/);
    for (const text of ['Greta Nilsson', 'IVO avslutar ärendet utan kritik', 'Dubbel dos'])
      expect(page).not.toContain(text);
    expect(page).not.toMatch(REQUIREMENT_ID);
    const pdf = await api.call('GET', `/api/v1/reports/patientsakerhetsberattelse?year=${YEAR}`, {
      token: t['mas'],
      headers: { accept: 'application/pdf' },
    });
    expect(pdf.status).toBe(200);
  });

  it('the annual report carries the registers too', async () => {
    const html = await api.call<string>('GET', `/api/v1/reports/annual?year=${YEAR}`, {
      token: t['kvalitet'],
      headers: { accept: 'text/html' },
    });
    expect(html.status).toBe(200);
    const page = String(html.body);
    expect(page).toContain('Förändringar i processer och rutiner');
    expect(page).toContain('RUT-RAPP-01');
    expect(page).toContain('Ej verkställda beslut per lagrum');
    expect(page).toContain('Händelseanalyser påbörjade under perioden');
    expect(page).toContain('Årshjulets uppgifter');
    expect(page).not.toMatch(REQUIREMENT_ID);
  });

  it('a retried registration with the same Idempotency-Key gives the same beslut once', async () => {
    const key = '7a3c1f2e-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
    const send = () =>
      api.call<{ id: string }>('POST', '/api/v1/ej-verkstallda-beslut', {
        token: t['kvalitet'],
        headers: { 'idempotency-key': key },
        body: { unitId: 'linden', lagrum: 'lss_9', insats: 'ledsagarservice', decisionDate: `${YEAR}-04-01` },
      });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    await syncReadModels(api.db.dataSource, api.store);
    const list = await api.call<{ total: number }>('GET', '/api/v1/ej-verkstallda-beslut', {
      token: t['kvalitet'],
    });
    expect(list.body.total).toBe(5);
  });
});
