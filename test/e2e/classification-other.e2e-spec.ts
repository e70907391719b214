import { randomUUID } from 'node:crypto';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';

interface CaseBody {
  id: string;
  version: number;
  category: string | null;
  lagrum: string | null;
  categoryText: string | null;
  lagrumText: string | null;
}

const stockholmDate = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });

/**
 * "Annat" in the category and lagrum lists (issue 21, DATA-5): chosen with the classifier's own words,
 * which the case shows; the statistics count the case as annat and never carry the words (REP-15).
 */
describe('classify as annat with a description (e2e, issue 21)', () => {
  let api: TestApi;
  let kvalitet: string;

  beforeAll(async () => {
    api = await startApi();
    kvalitet = await api.token('kvalitet');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('refuses annat without words (400 OTHER_TEXT_REQUIRED, nothing written), then keeps them on the case only', async () => {
    const created = await api.call<CaseBody>('POST', '/api/v1/cases', {
      token: kvalitet,
      body: report('deviation', 'solgarden', `Annat ${randomUUID()}`),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const classify = (body: Record<string, unknown>) =>
      api.call<CaseBody>('POST', `/api/v1/cases/${id}/classify`, { token: kvalitet, body });
    const before = (await api.call<CaseBody>('GET', `/api/v1/cases/${id}`, { token: kvalitet })).body;

    const bare = expectProblem(await classify({ category: 'annat' }), 400, 'VALIDATION_FAILED');
    expect(bare.detail).toBe('Beskriv kategorin när du väljer Annat.');
    expect(bare.errors).toEqual([
      {
        field: 'categoryText',
        code: 'OTHER_TEXT_REQUIRED',
        message: 'Beskriv kategorin när du väljer Annat.',
      },
    ]);
    const blankLagrum = expectProblem(
      await classify({ category: 'fall', lagrum: 'annat', lagrumText: '   ' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(blankLagrum.errors).toEqual([
      expect.objectContaining({ field: 'lagrumText', code: 'OTHER_TEXT_REQUIRED' }),
    ]);
    const unchanged = (await api.call<CaseBody>('GET', `/api/v1/cases/${id}`, { token: kvalitet })).body;
    expect(unchanged.version).toBe(before.version);

    const words = 'Nattpatrullens överlämning uteblev';
    const ok = await classify({
      category: 'annat',
      categoryText: words,
      lagrum: 'annat',
      lagrumText: '5 kap. 4 § SoL',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      category: 'annat',
      categoryText: words,
      lagrum: 'annat',
      lagrumText: '5 kap. 4 § SoL',
    });

    await syncReadModels(api.db.dataSource, api.store);
    const stored: { category: string; lagrum: string }[] = await api.db.dataSource.query(
      `SELECT category, lagrum FROM rm_statistics_cases WHERE case_id = $1`,
      [id],
    );
    expect(stored).toEqual([{ category: 'annat', lagrum: 'annat' }]);
    const statistics = await api.call<{ groups: { key: { category: string } }[] }>(
      'GET',
      `/api/v1/reports/statistics?from=${stockholmDate(-1)}&to=${stockholmDate(1)}&groupBy=category`,
      { token: await api.token('ledning') },
    );
    expect(statistics.status).toBe(200);
    expect(statistics.body.groups.map((g) => g.key)).toContainEqual({ category: 'annat' });
    expect(statistics.text).not.toContain('Nattpatrullens');
    const list = await api.call('GET', `/api/v1/cases?unitId=solgarden`, { token: kvalitet });
    expect(list.text).not.toContain('Nattpatrullens');
  });
});
