import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { isoMinutesFromNow, report, stockholmDateDaysAgo } from '../e2e/support/fixtures';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn, signOut } from './support/session';
import { WEB_DIST } from './support/system';

jest.setTimeout(180_000);

/**
 * The delegation register (AUD-6, api.md v1.1; ADR 0023) in a real browser against the real api:
 * kvalitet edits it in Inställningar → Delegation (a bad row is refused next to its field), the
 * saved row is there after a reload, others read it at /delegation, and the case page shows the
 * delegation a decision was made under.
 */
describe('delegation register (browser)', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: WEB_DIST });
    browser = await launchBrowser();
    context = await newContext(browser, api.baseUrl);
    page = await context.newPage();
    problems = watchPage(page);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.close();
  });

  it('kvalitet adds a row (refused first: giltig till before giltig från), saves, and finds it after a reload', async () => {
    await signIn(page, 'kvalitet');
    await page.getByRole('link', { name: 'Inställningar' }).click();
    await page.getByRole('tab', { name: 'Delegation' }).click();
    await page.getByText('Demoförteckningen (inget sparat ännu).').waitFor();
    const rows = page.getByTestId('delegation-rad');
    expect(await rows.count()).toBe(7);
    expect(await checkPage(page, 'delegation-01-demo')).toEqual([]);

    await page.getByRole('button', { name: 'Lägg till delegation' }).click();
    const added = rows.last();
    await page.getByRole('combobox', { name: 'Beslut för delegation 8', exact: true }).click();
    await page.getByRole('option', { name: 'Lex Maria – anmälan till IVO' }).click();
    await added.getByText('Person', { exact: true }).click();
    await page.getByLabel('Användarnamn för delegation 8', { exact: true }).fill('mas.ersattare');
    await page.getByLabel('Giltig från för delegation 8', { exact: true }).fill('2026-12-01');
    await page.getByLabel('Giltig till för delegation 8', { exact: true }).fill('2026-11-30');
    await page.getByLabel('Nämndbeslut för delegation 8', { exact: true }).fill('SN 2026-11-25 § 88');
    await page.getByRole('button', { name: 'Spara delegationerna' }).click();
    await page.getByRole('alert').filter({ hasText: 'Delegationsförteckningen sparades inte' }).waitFor();
    await page.getByText('Giltig till kan inte vara före giltig från.').first().waitFor();
    expect(await checkPage(page, 'delegation-02-fel')).toEqual([]);

    await page.getByLabel('Giltig till för delegation 8', { exact: true }).fill('2027-06-30');
    await page.getByRole('button', { name: 'Spara delegationerna' }).click();
    await page.getByRole('status').filter({ hasText: 'sparad som version 2' }).waitFor();
    expect(await checkPage(page, 'delegation-03-sparad')).toEqual([]);

    await page.reload();
    await page.getByRole('tab', { name: 'Delegation' }).click();
    await page.getByText(/^Version 2, sparad .* av kvalitet\.$/).waitFor();
    expect(await rows.count()).toBe(8);
    expect(await page.getByLabel('Användarnamn för delegation 8', { exact: true }).inputValue()).toBe(
      'mas.ersattare',
    );
    expect(await page.getByLabel('Giltig till för delegation 8', { exact: true }).inputValue()).toBe(
      '2027-06-30',
    );
    expect(await page.getByLabel('Nämndbeslut för delegation 8', { exact: true }).inputValue()).toBe(
      'SN 2026-11-25 § 88',
    );

    const stored = await api.call<{ version: number; items: unknown[] }>('GET', '/api/v1/delegations', {
      token: await api.token('medarbetare'),
    });
    expect(stored.body.version).toBe(2);
    expect(stored.body.items[7]).toEqual({
      decision: 'lex_maria_ivo_report',
      username: 'mas.ersattare',
      validFrom: '2026-12-01',
      validTo: '2027-06-30',
      boardDecision: 'SN 2026-11-25 § 88',
      // Each row is also a förordnande with an id of its own (ADR 0034).
      id: expect.any(String),
    });
    await signOut(page);
  });

  it('someone else reads it without a way to change it; the case page shows the delegation of a decision', async () => {
    await signIn(page, 'mas');
    await page.goto('/delegation');
    await page.getByRole('heading', { name: 'Delegation' }).waitFor();
    await page.getByText('Person: mas.ersattare').waitFor();
    expect(await page.getByTestId('delegation-rad').count()).toBe(8);
    expect(await page.getByRole('button', { name: 'Spara delegationerna' }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByText('Förteckningen ändras av kvalitetssamordnaren.').count()).toBe(1);
    expect(await checkPage(page, 'delegation-04-las')).toEqual([]);
    await signOut(page);

    const sas = await api.token('sas');
    const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
      token: await api.token('medarbetare'),
      body: report('lex_sarah', 'solgarden', 'Tillsynen uteblev', { occurredAt: isoMinutesFromNow(-120) }),
    });
    const id = created.body.id;
    const post = (command: string, body: unknown) =>
      api.call('POST', `/api/v1/cases/${id}/${command}`, { token: sas, body });
    expect((await post('start-investigation', {})).status).toBe(200);
    expect(
      (await post('record-investigation', { summary: 'Tillsyn uteblev', causes: ['Rutin'] })).status,
    ).toBe(200);
    expect(
      (await post('decide', { outcome: 'allvarligt_missforhallande', rationale: 'Allvarlig brist' })).status,
    ).toBe(200);
    expect(
      (await post('report-to-ivo', { ivoReference: 'IVO 3.5.1-7/2026', reportedAt: stockholmDateDaysAgo(0) }))
        .status,
    ).toBe(200);

    await signIn(page, 'sas');
    await page.goto(`/arenden/${id}`);
    await page.getByText(/Enligt delegation: Lex Sarah – beslut, SN 2025-12-10 § 141/).waitFor();
    await page.getByText(/Enligt delegation: Lex Sarah – anmälan till IVO, SN 2025-12-10 § 141/).waitFor();
    expect(await checkPage(page, 'delegation-05-arende')).toEqual([]);
    await signOut(page);
  });

  it('without a delegation valid today, the decision is refused in the form with a way to the register', async () => {
    const kvalitet = await api.token('kvalitet');
    const register = await api.call<{ version: number; items: { decision: string }[] }>(
      'GET',
      '/api/v1/delegations',
      { token: kvalitet },
    );
    const saved = await api.call('PUT', '/api/v1/delegations', {
      token: kvalitet,
      body: { items: register.body.items.filter((i) => i.decision !== 'lex_maria_decision') },
    });
    expect(saved.status).toBe(200);
    const mas = await api.token('mas');
    const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
      token: await api.token('medarbetare'),
      body: report('lex_maria', 'solgarden', 'Fel läkemedel', { occurredAt: isoMinutesFromNow(-120) }),
    });
    const id = created.body.id;
    for (const [command, body] of [
      ['start-investigation', {}],
      ['record-investigation', { summary: 'Fel dos', causes: ['Rutin'] }],
    ] as const)
      expect((await api.call('POST', `/api/v1/cases/${id}/${command}`, { token: mas, body })).status).toBe(
        200,
      );

    await signIn(page, 'mas');
    await page.goto(`/arenden/${id}`);
    await page.getByRole('button', { name: 'Fatta beslut', exact: true }).click();
    await page.getByLabel('Bedömning').selectOption('vardskada');
    await page.getByLabel('Motivering').fill('Vårdskada');
    await page
      .getByTestId('kommandoformular')
      .getByRole('button', { name: 'Fatta beslut', exact: true })
      .click();
    await page.getByRole('alert').filter({ hasText: 'Lex Maria – beslut' }).waitFor();
    expect(await checkPage(page, 'delegation-06-saknas')).toEqual([]);
    await page.getByRole('link', { name: 'Se delegationsförteckningen' }).click();
    await page.getByRole('heading', { name: 'Delegation' }).waitFor();
    expect(problems.errors).toEqual([]);
  });
});
