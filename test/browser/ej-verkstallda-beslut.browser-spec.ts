import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { syncReadModels } from '../e2e/support/read-models';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn, signOut } from './support/session';
import { WEB_DIST } from './support/system';

jest.setTimeout(180_000);

const YEAR = new Date().getFullYear();

/** Ledningssystem → Ej verkställda beslut (AUD-25, DL-21; ADR 0037) in a real browser against the real api. */
describe('ej verkställda beslut (browser)', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    api = await startApi({
      WEB_DIST_DIR: process.env['KVALITET_BROWSER_WEB_DIST'] ?? WEB_DIST,
      REPORT_SCHEDULE_PREFIX: `browser-evb-${randomUUID().slice(0, 8)}`,
    });
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

  it('kvalitet registers one, sees the field errors in Swedish, records when it was carried out; ledning reads only', async () => {
    await signIn(page, 'kvalitet');
    await page.goto('/ledningssystem/ej-verkstallda-beslut');
    await page.getByRole('heading', { name: 'Ej verkställda beslut', level: 2 }).waitFor();
    await page.getByText('Inga ej verkställda beslut är registrerade.').waitFor();
    expect(await checkPage(page, 'evb-01-tom')).toEqual([]);

    await page.getByRole('button', { name: 'Registrera ett beslut som inte verkställts' }).click();
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Beslutet kunde inte sparas' }).waitFor();
    expect(await page.getByText(/enhet/i).count()).toBeGreaterThan(0);
    expect(await checkPage(page, 'evb-02-fel')).toEqual([]);

    await page.getByLabel('Enhet').selectOption('solgarden');
    await page.getByLabel('Insats').selectOption('sarskilt_boende');
    await page.getByLabel('Beslutsdatum').fill(`${YEAR}-02-03`);
    await page.getByLabel('Rapporterat till IVO').fill(`${YEAR}-06-30`);
    await page.getByLabel('Skäl').selectOption('brist_pa_plats');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.getByRole('button', { name: 'Registrera ett beslut som inte verkställts' }).waitFor();

    await syncReadModels(api.db.dataSource, api.store);
    await page.reload();
    const row = page.getByTestId('ej-verkstallt-rad');
    await row.first().waitFor();
    expect(await row.first().textContent()).toMatch(
      /Särskilt boende.*SoL 4 kap\. 1 §.*Inte verkställt.*Brist på lämplig plats/,
    );
    expect(await checkPage(page, 'evb-03-registrerat')).toEqual([]);

    await row.first().getByRole('button').click();
    await page.getByLabel('Verkställt').fill(`${YEAR}-13-01`);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('alert').filter({ hasText: 'Uppgifterna kunde inte sparas' }).waitFor();
    await page.getByLabel('Verkställt').fill(`${YEAR}-08-15`);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('button', { name: 'Spara' }).waitFor({ state: 'detached' });
    await syncReadModels(api.db.dataSource, api.store);
    await page.reload();
    await row.first().waitFor();
    expect(await row.first().textContent()).not.toMatch(/Inte verkställt/);
    expect(await checkPage(page, 'evb-04-verkstallt')).toEqual([]);

    await signOut(page);
    await signIn(page, 'ledning');
    await page.goto('/ledningssystem/ej-verkstallda-beslut');
    await row.first().waitFor();
    expect(
      await page.getByRole('button', { name: 'Registrera ett beslut som inte verkställts' }).count(),
    ).toBe(0);
    expect(await checkPage(page, 'evb-05-ledning')).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
