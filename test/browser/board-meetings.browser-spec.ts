import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn, signOut } from './support/session';
import { WEB_DIST } from './support/system';

jest.setTimeout(180_000);

/** Inställningar → Nämndens sammanträden (DL-6, api.md v1.1) for kvalitet; read-only in Översikt for others. */
describe("the nämnd's meeting calendar (browser)", () => {
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

  it('kvalitet sees the demo calendar, is refused a duplicate next to the row, and saves a meeting', async () => {
    await signIn(page, 'kvalitet');
    await page.getByRole('link', { name: 'Inställningar' }).click();
    await page.getByRole('tab', { name: 'Nämndens sammanträden' }).click();
    await page.getByText('Demokalendern; den har inte sparats ännu.').waitFor();
    const form = page.locator('form[aria-labelledby="namnd-rubrik"]');
    expect(await form.getByLabel('Datum för möte 1', { exact: true }).inputValue()).toBe('2026-01-21');
    expect(await form.getByLabel('Rubrik för möte 1', { exact: true }).inputValue()).toBe(
      'Socialnämndens sammanträde',
    );
    expect(await checkPage(page, 'bm-01-demo')).toEqual([]);

    await form.getByRole('button', { name: 'Lägg till möte' }).click();
    const added = await form.getByLabel(/^Datum för möte \d+$/).count();
    await form.getByLabel(`Datum för möte ${added}`, { exact: true }).fill('2026-12-16');
    await form.getByRole('button', { name: 'Spara kalendern' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kalendern sparades inte' }).waitFor();
    expect(await page.getByText(/finns redan i kalendern/).count()).toBeGreaterThan(0);
    expect(await checkPage(page, 'bm-02-dubblett')).toEqual([]);

    await form.getByLabel(`Datum för möte ${added}`, { exact: true }).fill('2027-07-01');
    await form.getByLabel(`Rubrik för möte ${added}`, { exact: true }).fill('Extra sammanträde');
    await form.getByRole('button', { name: 'Spara kalendern' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Nämndens sammanträden är sparade som version 2' })
      .waitFor();
    expect(await checkPage(page, 'bm-03-sparad')).toEqual([]);

    const stored = await api.call<{ version: number; meetings: { date: string; title?: string }[] }>(
      'GET',
      '/api/v1/board-meetings',
      { token: await api.token('kvalitet') },
    );
    expect(stored.body.version).toBe(2);
    expect(stored.body.meetings).toContainEqual({ date: '2027-07-01', title: 'Extra sammanträde' });
    await signOut(page);
  });

  it('the director reads the coming meetings in Översikt and cannot change them', async () => {
    await signIn(page, 'forvaltningschef');
    await page.getByRole('link', { name: 'Översikt' }).click();
    const section = page.getByRole('region', { name: 'Nämndens sammanträden' });
    await section.getByRole('cell', { name: 'Extra sammanträde' }).waitFor();
    expect(await section.getByRole('button').count()).toBe(0);
    expect(await section.getByRole('textbox').count()).toBe(0);
    await section.scrollIntoViewIfNeeded();
    expect(await checkPage(page, 'bm-04-oversikt')).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
