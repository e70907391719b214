import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Mailer } from '@kvalitet/notifications';
import {
  addDaysToLocalDate,
  dailyListDayFor,
  stockholmDateOf,
  stockholmWallClockToInstant,
} from '@kvalitet/domain';
import { createDailyListActivities } from '../../apps/worker/src/activities/daily-list-activities';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { report } from '../e2e/support/fixtures';
import { syncReadModels } from '../e2e/support/read-models';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn } from './support/session';
import { WEB_DIST } from './support/system';

jest.setTimeout(180_000);

/** Dagens lista (DL-16, LC-5): the SAS opens the morning's list from the menu and goes to a case. */
describe('the daily list page (browser)', () => {
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

  it('sas sees the list of new deviations with links and no free text', async () => {
    const token = await api.token('medarbetare');
    const posted: { id: string; caseNumber: string }[] = [];
    for (const [type, unit] of [
      ['deviation', 'solgarden'],
      ['lex_sarah', 'ekbacken'],
      ['hsl_deviation', 'solgarden'],
    ] as const) {
      const r = await api.call<{ id: string; caseNumber: string }>('POST', '/api/v1/cases', {
        token,
        body: report(type, unit, `Fritext om ${type}`),
      });
      expect(r.status).toBe(201);
      posted.push(r.body);
    }
    await syncReadModels(api.db.dataSource, api.store);
    const [year, month, day] = addDaysToLocalDate(stockholmDateOf(new Date()), 1).split('-').map(Number) as [
      number,
      number,
      number,
    ];
    const activities = createDailyListActivities({
      db: api.db.dataSource,
      mailer: new Mailer({ db: api.db.dataSource }),
      webUrl: api.baseUrl,
    });
    const listDay = dailyListDayFor(stockholmWallClockToInstant({ year, month, day, hour: 7 }));
    expect(await activities.deliverDailyList({ role: 'sas', day: listDay })).toMatchObject({ count: 2 });

    await signIn(page, 'sas');
    await page.getByRole('link', { name: 'Dagens lista' }).click();
    await page.getByRole('heading', { name: /2 nya avvikelser \(senaste\)/ }).waitFor();
    expect(await page.getByRole('link', { name: posted[0]!.caseNumber }).count()).toBe(1);
    expect(await page.getByRole('link', { name: posted[1]!.caseNumber }).count()).toBe(1);
    expect(await page.getByText(posted[2]!.caseNumber).count()).toBe(0);
    expect(await page.getByText(/Fritext/).count()).toBe(0);
    expect(await checkPage(page, 'dl-01-dagens-lista')).toEqual([]);

    await page.getByRole('link', { name: posted[1]!.caseNumber }).click();
    await page.waitForURL(`**/arenden/${posted[1]!.id}`);
    expect(problems.errors).toEqual([]);
  });
});
