import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn } from './support/session';
import { startSystem, type RunningSystem } from './support/system';
import { devToken, postJson } from './support/api';

/**
 * Issue 21 "plain Swedish" in a real browser against the whole system: the policy editor says
 * durations in words, the access log is searched by case number, the statistics have period and
 * unit filters, a heat-map cell opens the risk analyses behind it, and the citizen form asks for a
 * contact way when an answer is wanted. Every page: axe (no serious/critical), no console errors.
 */
jest.setTimeout(300_000);

const TECHNICAL = /ISO[- ]?8601|workingDays|\bPT\d+[HMS]\b|\bUUID\b/;

describe('plain Swedish in a real browser', () => {
  let system: RunningSystem | null = null;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let caseNumber: string;

  beforeAll(async () => {
    if (process.env.KVALITET_BROWSER_BASE_URL) baseUrl = process.env.KVALITET_BROWSER_BASE_URL;
    else {
      system = await startSystem();
      baseUrl = system.baseUrl;
    }
    browser = await launchBrowser();
    const kvalitet = await devToken(baseUrl, 'kvalitet');
    const chef = await devToken(baseUrl, 'enhetschef');
    await postJson(baseUrl, chef, '/risk-assessments', {
      title: 'Fall i badrummet',
      unitId: 'solgarden',
      trigger: 'change',
      risks: [{ description: 'Halt golv efter dusch', probability: 3, severity: 4, causes: ['Halt golv'] }],
    });
    const created = await postJson<{ id: string; caseNumber: string }>(baseUrl, kvalitet, '/cases', {
      type: 'deviation',
      unitId: 'solgarden',
      description: 'Läst av kvalitet i webbläsaren',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    caseNumber = created.caseNumber;
    await fetch(`${baseUrl}/api/v1/cases/${created.id}`, {
      headers: { Authorization: `Bearer ${kvalitet}` },
    });
    // A case number is found in the access log once the projector has the case.
    for (let tries = 0; tries < 120; tries += 1) {
      const log = await fetch(`${baseUrl}/api/v1/audit/access-log?caseNumber=${caseNumber}`, {
        headers: { Authorization: `Bearer ${kvalitet}` },
      });
      if (((await log.json()) as { total: number }).total > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    context = await newContext(browser, baseUrl);
    page = await context.newPage();
    problems = watchPage(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await system?.close();
  });

  afterEach(() => {
    expect(problems?.errors ?? []).toEqual([]);
  });

  it('kvalitet: policy durations in words, the access log by case number', async () => {
    await signIn(page, 'kvalitet');
    await page.goto('/installningar');
    await page.getByRole('textbox', { name: /längd/ }).first().waitFor();
    const units = await page
      .locator('select[aria-label$=": enhet"]')
      .evaluateAll((selects) =>
        selects.flatMap((s) =>
          Array.from((s as unknown as { options: ArrayLike<{ text: string }> }).options, (o) => o.text),
        ),
      );
    expect(units).toContain('arbetsdagar');
    expect(units).toContain('veckor');
    expect(units.join(' ')).not.toMatch(TECHNICAL);
    expect(await page.locator('main').innerText()).not.toMatch(TECHNICAL);
    expect(await checkPage(page, 'plain-swedish-policy')).toEqual([]);

    await page.getByRole('tab', { name: 'Åtkomstlogg' }).click();
    await page.getByLabel('Ärendenummer').fill(caseNumber.toLowerCase());
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await page.getByRole('link', { name: caseNumber }).first().waitFor();
    expect(await checkPage(page, 'plain-swedish-access-log')).toEqual([]);
  });

  it('kvalitet: statistics by period and unit; a heat-map cell opens the risk analyses in it', async () => {
    await page.goto('/oversikt');
    // The statistics are a lazy section: it renders near the screen or once the first screen has settled.
    await page.mouse.wheel(0, 1500);
    const period = page.getByLabel('Period', { exact: true });
    await period.waitFor({ timeout: 90_000 });
    await period.selectOption('t3');
    await page.getByLabel('Enhet', { exact: true }).selectOption('solgarden');
    await page
      .getByRole('heading', { name: /Statistik tertial 3 \d{4} – Särskilt boende Solgården/ })
      .waitFor();
    const cell = page
      .getByRole('link', { name: /sannolikhet .* allvarlighetsgrad .*visa riskanalyserna/ })
      .first();
    await cell.scrollIntoViewIfNeeded();
    expect(await checkPage(page, 'plain-swedish-overview')).toEqual([]);
    await cell.click();
    await page.getByText(/en ruta i värmekartan/).waitFor();
    await page.getByRole('link', { name: /RA-/ }).first().waitFor();
    expect(page.url()).toMatch(/sannolikhet=\d&allvarlighet=\d/);
    expect(await checkPage(page, 'plain-swedish-risk-cell')).toEqual([]);
  });

  it('the citizen form asks for a contact way when an answer is wanted', async () => {
    await page.goto('/lamna-synpunkt');
    await page.getByLabel('Ditt meddelande').fill('Ingen ringde tillbaka.');
    await page.getByLabel('Jag vill få svar').check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page
      .getByText('Om du vill få svar behöver du skriva din e-postadress eller ditt telefonnummer.')
      .first()
      .waitFor();
    await page.getByLabel('E-post', { exact: true }).fill('anna.example.se');
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page
      .getByText('E-postadressen ser inte ut att stämma. Skriv den som namn@exempel.se.')
      .first()
      .waitFor();
    expect(await checkPage(page, 'plain-swedish-citizen-form')).toEqual([]);
  });
});
