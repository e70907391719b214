import { addDaysToLocalDate, stockholmDateOf } from '@kvalitet/domain';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { syncReadModels } from './support/read-models';

interface Status {
  unitIds: string[];
  document: {
    decision: string;
    decidedOn: string | null;
    validUntil: string | null;
    reviewOverdue: boolean;
    pendingReviewYear: number | null;
  };
  routinesOverdue: number;
  appointmentsMissing: number;
  egenkontrollMissing: number;
  trainingOverdue: number;
  riskAnalysisGaps: number;
  riskAnalysisUnits: number;
  improvementsOverdue: number;
  arshjulOverdue: number | null;
  reportsAwaitingApproval: number | null;
}
interface Facts {
  year: number;
  periodYear: number;
  riskAnalysesPerUnit: { unitId: string; count: number }[];
  unitsWithoutRiskAnalysis: { unitId: string }[];
  cases: Record<string, number>;
  internkontrollStage: string | null;
  arshjul: { done: number; total: number; overdue: number } | null;
}

const version = (v: string, validFrom: string) => ({
  version: v,
  validFrom,
  decision: { decidedBy: 'namnd', decidedOn: validFrom, reference: `SN ${validFrom} § 12` },
  changeNote: 'Ny version',
  revisionRule: 'Vartannat år',
  followUpRule: 'Årligen i mars',
});

describe('the ledningssystem status and the March review facts (e2e; AUD-1, AUD-2, AUD-22, RA-10, REP-13)', () => {
  let api: TestApi;
  const t: Record<string, string> = {};
  const today = stockholmDateOf(new Date());
  const thisYear = Number(today.slice(0, 4));
  const status = async (user: string) => {
    const response = await api.call<Status>('GET', '/api/v1/ledningssystem/status', { token: t[user] });
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    api = await startApi();
    for (const user of ['medarbetare', 'enhetschef', 'kvalitet', 'ledning', 'forvaltningschef'])
      t[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('is read by kvalitet and managers, not by staff or ledning (aggregates of single plans)', async () => {
    expectProblem(
      await api.call('GET', '/api/v1/ledningssystem/status', { token: t['medarbetare'] }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await api.call('GET', '/api/v1/ledningssystem/status', { token: t['ledning'] }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await api.call('GET', '/api/v1/ledningssystem/status', {}), 401, 'UNAUTHENTICATED');
  });

  it('shows a missing decision until the nämnd adopts a version, an expired one after two years, and none after a new version', async () => {
    let s = await status('kvalitet');
    expect(s.document).toMatchObject({ decision: 'not_registered', pendingReviewYear: null });
    expect(s.appointmentsMissing).toBeGreaterThan(0);
    expect(s).toMatchObject({ arshjulOverdue: 0, reportsAwaitingApproval: 0 });

    await api.call('POST', '/api/v1/ledningssystem', {
      token: t['kvalitet'],
      body: { title: 'Ledningssystem för systematiskt kvalitetsarbete', owner: 'forvaltningschef' },
    });
    await syncReadModels(api.db.dataSource, api.store);
    expect((await status('kvalitet')).document.decision).toBe('missing');

    const old = addDaysToLocalDate(today, -800);
    await api.call('POST', '/api/v1/ledningssystem/versions', {
      token: t['kvalitet'],
      body: version('1.0', old),
    });
    await syncReadModels(api.db.dataSource, api.store);
    s = await status('kvalitet');
    expect(s.document).toMatchObject({ decision: 'expired', decidedOn: old, reviewOverdue: true });

    const recent = addDaysToLocalDate(today, -5);
    await api.call('POST', '/api/v1/ledningssystem/versions', {
      token: t['kvalitet'],
      body: version('2.0', recent),
    });
    await syncReadModels(api.db.dataSource, api.store);
    s = await status('kvalitet');
    expect(s.document.decision).toBe('valid');
    expect(s.document.decidedOn).toBe(recent);
    expect(s.document.validUntil).toBe(`${Number(recent.slice(0, 4)) + 2}${recent.slice(4)}`);
    // The unit manager sees the board's document too: the decision is the nämnd's, not a unit's.
    expect((await status('enhetschef')).document.decision).toBe('valid');
  });

  it('counts the units without a risk analysis of the year: the board for kvalitet, their own for a unit manager (RA-10)', async () => {
    const before = await status('kvalitet');
    const manager = await status('enhetschef');
    expect(manager.unitIds).toEqual(['solgarden']);
    expect(manager).toMatchObject({ riskAnalysisUnits: 1, riskAnalysisGaps: 1 });
    expect(before.riskAnalysisGaps).toBe(before.riskAnalysisUnits);
    expect(before.unitIds).toContain('solgarden');
    expect(before.unitIds).not.toContain('linden');

    const created = await api.call('POST', '/api/v1/risk-assessments', {
      token: t['enhetschef'],
      body: {
        title: 'Fall vid förflyttning nattetid',
        unitId: 'solgarden',
        trigger: 'yearly',
        risks: [{ description: 'Fall vid förflyttning', probability: 3, severity: 3 }],
      },
    });
    expect(created.status).toBe(201);
    await syncReadModels(api.db.dataSource, api.store);
    expect(await status('enhetschef')).toMatchObject({ riskAnalysisGaps: 0 });
    expect((await status('kvalitet')).riskAnalysisGaps).toBe(before.riskAnalysisGaps - 1);
  });

  it('counts the årshjul activities past their date, and the completion of the year for the review (AUD-13, DL-31)', async () => {
    const created = await api.call('POST', '/api/v1/arshjul', {
      token: t['kvalitet'],
      body: { year: thisYear },
    });
    expect(created.status).toBe(201);
    await syncReadModels(api.db.dataSource, api.store);
    // The catalogue's proposal has activities earlier this year; none is done.
    expect((await status('kvalitet')).arshjulOverdue).toBeGreaterThan(0);
    const facts = await api.call<Facts>('GET', `/api/v1/ledningssystem/reviews/${thisYear + 1}/facts`, {
      token: t['kvalitet'],
    });
    expect(facts.body.arshjul).toMatchObject({ done: 0 });
    expect(facts.body.arshjul!.total).toBeGreaterThan(0);
  });

  it('fills the March review fact sheet from the year before the review (REP-13)', async () => {
    const facts = await api.call<Facts>('GET', `/api/v1/ledningssystem/reviews/${thisYear + 1}/facts`, {
      token: t['kvalitet'],
    });
    expect(facts.status).toBe(200);
    expect(facts.body).toMatchObject({ year: thisYear + 1, periodYear: thisYear, internkontrollStage: null });
    expect(facts.body.riskAnalysesPerUnit.find((u) => u.unitId === 'solgarden')?.count).toBe(1);
    expect(facts.body.unitsWithoutRiskAnalysis.map((u) => u.unitId)).not.toContain('solgarden');
    expect(facts.body.cases).toEqual({
      complaint: 0,
      deviation: 0,
      hsl_deviation: 0,
      lex_sarah: 0,
      lex_maria: 0,
    });

    const previous = await api.call<Facts>('GET', `/api/v1/ledningssystem/reviews/${thisYear}/facts`, {
      token: t['forvaltningschef'],
    });
    expect(previous.body.riskAnalysesPerUnit.find((u) => u.unitId === 'solgarden')?.count).toBe(0);
    expect(previous.body.arshjul).toBeNull();

    expectProblem(
      await api.call('GET', `/api/v1/ledningssystem/reviews/${thisYear}/facts`, { token: t['medarbetare'] }),
      403,
      'FORBIDDEN',
    );
    const badYear = expectProblem(
      await api.call('GET', '/api/v1/ledningssystem/reviews/abc/facts', { token: t['kvalitet'] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(badYear.errors?.[0]?.field).toBe('year');
    expectProblem(
      await api.call('GET', '/api/v1/ledningssystem/reviews/1999/facts', { token: t['kvalitet'] }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
