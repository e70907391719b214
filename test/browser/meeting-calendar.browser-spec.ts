import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn } from './support/session';
import { WEB_DIST } from './support/system';

jest.setTimeout(180_000);

/** Inställningar → Möteskalender (issue 9, DL-18) in a real browser against the real api. */
describe('meeting calendar in the settings page (browser)', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    // A schedule prefix of its own: no schedule exists, so the shared report schedules stay untouched.
    api = await startApi({
      WEB_DIST_DIR: WEB_DIST,
      REPORT_SCHEDULE_PREFIX: `browser-mc-${randomUUID().slice(0, 8)}`,
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

  it('kvalitet adds meetings, sees the api refuse a duplicate next to the row, and saves', async () => {
    await signIn(page, 'kvalitet');
    await page.getByRole('link', { name: 'Inställningar' }).click();
    await page.getByRole('tab', { name: 'Möteskalender' }).click();
    await page.getByText('Kalendern har inte sparats ännu.').waitFor();
    expect(await checkPage(page, 'mc-01-tom')).toEqual([]);

    await page.getByRole('button', { name: 'Lägg till möte' }).click();
    await page.getByLabel('Datum för möte 1').fill('2027-01-14');
    await page.getByLabel('Tid för möte 1').fill('09:00');
    await page.getByLabel('Rubrik för möte 1').fill('Tertialuppföljning');
    await page.getByRole('button', { name: 'Lägg till möte' }).click();
    await page.getByLabel('Datum för möte 2').fill('2027-01-14');
    await page.getByRole('button', { name: 'Spara kalendern' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kalendern sparades inte' }).waitFor();
    expect(await page.getByText(/finns redan i kalendern/).count()).toBeGreaterThan(0);
    expect(await checkPage(page, 'mc-02-dubblett')).toEqual([]);

    await page.getByLabel('Datum för möte 2').fill('2027-02-11');
    await page.getByRole('button', { name: 'Spara kalendern' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Möteskalendern är sparad som version 1' });
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/nästa start/);

    await page.getByRole('button', { name: 'Ta bort möte 2 (2027-02-11)' }).click();
    await page.getByRole('button', { name: 'Spara kalendern' }).click();
    await page.getByRole('status').filter({ hasText: 'sparad som version 2' }).waitFor();
    expect(await checkPage(page, 'mc-03-sparad')).toEqual([]);

    const stored = await api.call<{ version: number; meetings: unknown[] }>(
      'GET',
      '/api/v1/meeting-calendar',
      { token: await api.token('kvalitet') },
    );
    expect(stored.body).toMatchObject({
      version: 2,
      meetings: [{ date: '2027-01-14', time: '09:00', title: 'Tertialuppföljning' }],
    });
    expect(problems.errors).toEqual([]);
  });
});
