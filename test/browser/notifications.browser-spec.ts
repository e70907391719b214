import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Mailer } from '@kvalitet/notifications';
import { organisation } from '@kvalitet/runtime';
import { createPersonNotificationsConsumer } from '../../apps/projector/src/notifications/person-notifications.consumer';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { report } from '../e2e/support/fixtures';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn } from './support/session';
import { WEB_DIST } from './support/system';

jest.setTimeout(180_000);

/**
 * The bell in the header (issue 21, "Notifications"): sas sees how many are unread, opens the bell,
 * marks one read and then all, and chooses a daily summary. The notifications come from the
 * projector's own consumer, run here on the case's events.
 */
describe('the notification bell (browser)', () => {
  let api: TestApi;
  let mailer: Mailer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: WEB_DIST });
    mailer = new Mailer({ db: api.db.dataSource });
    browser = await launchBrowser();
    context = await newContext(browser, api.baseUrl);
    page = await context.newPage();
    problems = watchPage(page);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    mailer?.close();
    await api?.close();
  });

  it('sas sees the unread count, opens the bell, marks read and chooses a daily summary', async () => {
    const consumer = createPersonNotificationsConsumer({
      organisation: organisation(),
      webUrl: api.baseUrl,
      mailer,
    });
    const cases: { id: string; caseNumber: string }[] = [];
    for (const unit of ['solgarden', 'hemtjanst-norr']) {
      const created = await api.call<{ id: string; caseNumber: string }>('POST', '/api/v1/cases', {
        token: await api.token('medarbetare'),
        body: report('lex_sarah', unit, 'Fritext som aldrig syns i klockan'),
      });
      expect(created.status).toBe(201);
      cases.push(created.body);
      const events = await api.store.load(created.body.id);
      await api.db.dataSource.transaction((manager) => consumer.handleBatch(events, manager));
    }

    await signIn(page, 'sas');
    const bell = page.getByTestId('notisklocka');
    await page.getByRole('button', { name: /Notiser\s*2\s*olästa/ }).waitFor();
    expect(await page.getByTestId('olasta-notiser').textContent()).toBe('2');

    await bell.click();
    const items = page.getByTestId('notis');
    await items.first().waitFor();
    expect(await items.count()).toBe(2);
    await page.getByRole('link', { name: `Ny rapport enligt lex Sarah: ${cases[1]!.caseNumber}` }).waitFor();
    expect(await page.getByText(/Fritext/).count()).toBe(0);
    expect(await checkPage(page, 'notiser-01-klockan-oppen')).toEqual([]);

    await page
      .getByRole('button', { name: `Markera som läst: Ny rapport enligt lex Sarah: ${cases[0]!.caseNumber}` })
      .click();
    await page.getByRole('button', { name: /Notiser\s*1\s*olästa/ }).waitFor();
    await page.getByText('1 oläst notis').waitFor();

    await page.getByRole('button', { name: 'Markera alla som lästa' }).click();
    await page.getByText('Inga olästa notiser').waitFor();
    expect(await page.locator('[data-testid="notis"][data-unread="true"]').count()).toBe(0);

    await page.getByLabel('E-post om notiser').selectOption('daily_summary');
    await page.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor();
    const saved = await api.call<{ mail: string }>('GET', '/api/v1/notifications/preferences', {
      token: await api.token('sas'),
    });
    expect(saved.body).toEqual({ mail: 'daily_summary' });
    expect(await checkPage(page, 'notiser-02-alla-lasta')).toEqual([]);

    // An item leads to its case.
    await page.getByRole('link', { name: `Ny rapport enligt lex Sarah: ${cases[1]!.caseNumber}` }).click();
    await page.waitForURL(`**/arenden/${cases[1]!.id}`);
    expect(problems.errors).toEqual([]);
  });
});
