import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn, signOut } from './support/session';
import { WEB_DIST } from './support/system';

jest.setTimeout(180_000);

const ENDPOINT = '/api/v1/operations/dead-letters';

/** Issue 23: kvalitet's start page warns about events that could not be handled (dead letters). */
describe('dead-letter warning on kvalitet’s start page (browser)', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  const asked: string[] = [];

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: WEB_DIST });
    browser = await launchBrowser();
    context = await newContext(browser, api.baseUrl);
    page = await context.newPage();
    problems = watchPage(page);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === ENDPOINT) asked.push(request.url());
    });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.close();
  });

  async function deadLetter(consumer: string, createdAt: string): Promise<void> {
    await api.db.dataSource.query(
      `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, payload, error, attempts, created_at)
       VALUES ($1, 'kvalitet.case.events.v1', 0, '17', $2, '{}', 'Error: gick inte', 5, $3)`,
      [consumer, randomUUID(), createdAt],
    );
  }

  it('shows nothing while none is open', async () => {
    await signIn(page, 'kvalitet');
    expect(new URL(page.url()).pathname).toBe('/uppgifter');
    await page.waitForLoadState('networkidle');
    expect(asked.length).toBeGreaterThan(0);
    expect(await page.getByTestId('doda-brev').count()).toBe(0);
    await signOut(page);
  });

  it('warns kvalitet in plain Swedish: how many, which parts, since when, and who can retry', async () => {
    await deadLetter('kvalitet.case-orchestrator', '2026-12-02T09:15:00Z');
    await deadLetter('kvalitet.case-orchestrator', '2026-12-04T13:00:00Z');
    await deadLetter('kvalitet.statistics', '2026-12-03T08:00:00Z');
    await signIn(page, 'kvalitet');
    const alert = page.getByTestId('doda-brev');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('3 händelser kunde inte hanteras');
    expect(text).toContain(
      'Händelserna stoppades efter upprepade fel och har inte kommit fram till ärendenas arbetsflöden (frister och uppgifter) och statistiken.',
    );
    expect(text).toContain('Den äldsta stoppades 2026-12-02.');
    expect(text).toContain(
      'Kontakta IT-driften. De kan försöka igen med kommandot npm run dead-letters -- replay.',
    );
    expect(await checkPage(page, 'dl-01-varning-kvalitet')).toEqual([]);
    await signOut(page);
  });

  it.each(['medarbetare', 'enhetschef'])('shows nothing to %s and never asks the api', async (username) => {
    asked.length = 0;
    await signIn(page, username);
    await page.goto('/uppgifter');
    await page.getByRole('heading', { name: 'Mina uppgifter' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('doda-brev').count()).toBe(0);
    expect(asked).toEqual([]);
    await signOut(page);
  });

  it('says it in the singular once only one is left', async () => {
    await api.db.dataSource.query(
      `UPDATE dead_letters SET replayed_at = now(), replayed_by = 'drift', replay_outcome = 'handled'
        WHERE consumer = 'kvalitet.case-orchestrator'`,
    );
    await signIn(page, 'kvalitet');
    const alert = page.getByTestId('doda-brev');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('1 händelse kunde inte hanteras');
    expect(text).toContain(
      'Händelsen stoppades efter upprepade fel och har inte kommit fram till statistiken.',
    );
    expect(text).toContain('Den stoppades 2026-12-03.');
    await checkPage(page, 'dl-02-varning-en-handelse');
    expect(problems.errors).toEqual([]);
  });
});
