import type { Browser, Page } from 'playwright-core';
import { insertInboxTasks } from '../support/inbox-fixture';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, reloadUntil, signIn } from './support/session';
import { startSystem, type RunningSystem } from './support/system';
import { devToken, postJson } from './support/api';

/**
 * "Mina uppgifter" with thousands of open tasks (issue 21), against the whole system: the unit
 * manager of Solgården, whose inbox holds 3,000 tasks (a read-model fixture) and the
 * acknowledgement of a deviation just reported, sees that deviation as the first row of "Nyast
 * först" and opens it with one click; a kind chip shows its count and only that kind. Axe-clean,
 * no console errors, a screenshot to look at.
 */
jest.setTimeout(300_000);

const FIXTURE_TASKS = 3000;

describe('Mina uppgifter with thousands of tasks in a real browser', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems | undefined;
  let reported: { id: string; caseNumber: string };
  let egenkontrollTasks: number;

  beforeAll(async () => {
    system = await startSystem(
      process.env.KVALITET_BROWSER_WEB_DIST ? { WEB_DIST_DIR: process.env.KVALITET_BROWSER_WEB_DIST } : {},
    );
    browser = await launchBrowser();
    const fixture = await insertInboxTasks(system.db.dataSource, {
      count: FIXTURE_TASKS,
      unitId: 'solgarden',
      assigneeRole: 'unit_manager',
    });
    egenkontrollTasks = fixture.byKind['egenkontroll_control']!;
    reported = await postJson(system.baseUrl, await devToken(system.baseUrl, 'medarbetare'), '/cases', {
      type: 'deviation',
      unitId: 'solgarden',
      description: 'Larmet på avdelning B gick inte fram till nattpersonalen',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
  }, 480_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });
  // Console errors of the walk fail it (not there when the system did not start).
  afterEach(() => {
    expect(problems?.errors ?? []).toEqual([]);
  });

  it('shows the new deviation on top of Nyast först, opened in one click; a kind chip filters', async () => {
    const context = await newContext(browser, system.baseUrl);
    page = await context.newPage();
    problems = watchPage(page);
    await signIn(page, 'enhetschef');
    await page.goto('/uppgifter');
    const rows = page.getByTestId('uppgift');
    // The projector brings the report's acknowledgement task to the read model within moments.
    await reloadUntil(page, async () =>
      ((await rows.first().textContent()) ?? '').includes(reported.caseNumber),
    );
    const first = (await rows.first().innerText()).replace(/\s+/g, ' ');
    expect(first).toContain('Ge återkoppling');
    expect(first).toMatch(/avvikelse/i);
    expect(await rows.count()).toBe(50);
    const numbers = await rows.locator('td:first-child').allInnerTexts();
    expect(new Set(numbers).size).toBe(50);
    await page.getByText(`Visar 1–50 av ${(FIXTURE_TASKS + 1).toLocaleString('sv-SE')} uppgifter`).waitFor();
    const due = await rows.locator('td:nth-child(5)').allInnerTexts();
    expect(due.filter((d) => /\d{4}-\d{2}-\d{2}/.test(d))).toEqual([]);
    expect(await page.locator('body').innerText()).not.toMatch(
      /egenkontroll_control|routine_revision|acknowledge/,
    );
    expect(await checkPage(page, 'inbox-newest-first')).toEqual([]);

    // The chip's radio is visually hidden behind its label, which is what a person clicks.
    await page.locator('label', { hasText: `Genomför egenkontroll (${egenkontrollTasks})` }).click();
    expect(
      await page.getByRole('radio', { name: `Genomför egenkontroll (${egenkontrollTasks})` }).isChecked(),
    ).toBe(true);
    await page.getByText(`Visar 1–50 av ${egenkontrollTasks} uppgifter`).waitFor();
    const kinds = await rows.locator('td:nth-child(2)').allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set(['Genomför egenkontroll']));
    expect(await checkPage(page, 'inbox-kind-chip')).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('uppgift').first().waitFor();
    expect(await checkPage(page, 'inbox-phone')).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.locator('label', { hasText: /^Alla/ }).click();
    await page.getByText(`Visar 1–50 av ${(FIXTURE_TASKS + 1).toLocaleString('sv-SE')} uppgifter`).waitFor();
    await page.getByRole('link', { name: reported.caseNumber }).first().click();
    await page.waitForURL(`**/arenden/${reported.id}`);
    await page
      .getByRole('heading', { name: new RegExp(reported.caseNumber) })
      .first()
      .waitFor();
    await context.close();
  });
});
