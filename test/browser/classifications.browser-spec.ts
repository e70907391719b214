import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { report } from '../e2e/support/fixtures';
import { launchBrowser, newContext, watchPage, type PageProblems } from './support/browser';
import { checkPage, signIn, signOut } from './support/session';
import { WEB_DIST } from './support/system';

jest.setTimeout(180_000);

/**
 * Issue 24 in a real browser against the real api: kvalitet keeps the category and lagrum lists in
 * Inställningar → Klassificering, and the classify form on the case page chooses from them and
 * offers a unit manager no way to take a case out of lex Sarah.
 */
describe('classification lists and the classify form (browser)', () => {
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

  const create = async (type: string) => {
    const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
      token: await api.token('medarbetare'),
      body: report(type, 'solgarden'),
    });
    if (created.status !== 201) throw new Error(created.text);
    return created.body.id;
  };

  it('kvalitet renames and adds a category, sees a duplicate refused next to its row, and saves a new version', async () => {
    await signIn(page, 'kvalitet');
    await page.getByRole('link', { name: 'Inställningar' }).click();
    await page.getByRole('tab', { name: 'Klassificering' }).click();
    await page.getByText('Version 1 (standardlistorna, inte ändrade ännu).').waitFor();
    expect(await checkPage(page, 'klass-01-standard')).toEqual([]);

    await page.getByLabel('Benämning för fall').fill('Fallolycka');
    await page.getByRole('button', { name: 'Lägg till kategori' }).click();
    const added = page.getByTestId('rad-categories').last();
    await added.getByRole('textbox').first().fill('rutin');
    await added.getByRole('textbox').last().fill('Fallolycka');
    await page.getByRole('button', { name: 'Spara listorna' }).click();
    await page.getByRole('alert').filter({ hasText: 'Listorna sparades inte' }).waitFor();
    expect(await page.getByText(/finns redan i listan/).count()).toBeGreaterThan(0);
    expect(await checkPage(page, 'klass-02-dubblett')).toEqual([]);

    await added.getByRole('textbox').last().fill('Rutin');
    await page.getByRole('button', { name: 'Spara listorna' }).click();
    await page.getByRole('status').filter({ hasText: 'Listorna är sparade som version 2' }).waitFor();
    expect(await checkPage(page, 'klass-03-sparad')).toEqual([]);

    const stored = await api.call<{ version: number; categories: { code: string; label: string }[] }>(
      'GET',
      '/api/v1/classifications',
      { token: await api.token('ledning') },
    );
    expect(stored.body.version).toBe(2);
    expect(stored.body.categories).toEqual(
      expect.arrayContaining([
        { code: 'fall', label: 'Fallolycka' },
        { code: 'rutin', label: 'Rutin' },
      ]),
    );
    await signOut(page);
  });

  it('the classify form takes category and lagrum from the lists; a manager gets no way out of lex Sarah', async () => {
    const deviation = await create('deviation');
    const lexSarah = await create('lex_sarah');
    await signIn(page, 'enhetschef');

    await page.goto(`/arenden/${deviation}`);
    await page.getByRole('button', { name: 'Klassificera' }).click();
    const form = page.getByTestId('kommandoformular');
    const category = form.getByLabel('Kategori');
    await category.waitFor();
    const categoryOptions = await category.locator('option').allTextContents();
    expect(categoryOptions).toEqual(
      expect.arrayContaining(['Välj kategori', 'Fallolycka', 'Rutin', 'Annat']),
    );
    expect(await form.getByLabel('Lagrum').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Inget lagrum', '14 kap. 3 § SoL (lex Sarah)']),
    );
    expect(await form.getByLabel('Ärendetyp').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Lex Sarah']),
    );
    expect(await form.getByLabel('Enhet').count()).toBe(0);
    await category.selectOption('rutin');
    await form.getByLabel('Lagrum').selectOption('14 kap. 3 § SoL');
    expect(await checkPage(page, 'klass-04-klassificera')).toEqual([]);
    await form.getByRole('button', { name: 'Klassificera' }).click();
    await page.getByRole('status').filter({ hasText: 'Klassificera är registrerat' }).waitFor();
    await page.getByText('Rutin', { exact: true }).first().waitFor();

    await page.goto(`/arenden/${lexSarah}`);
    await page.getByRole('button', { name: 'Klassificera' }).click();
    const typeSelect = page.getByTestId('kommandoformular').getByLabel('Ärendetyp');
    await typeSelect.waitFor();
    expect(await typeSelect.locator('option').allTextContents()).toEqual(['Behåll (Lex Sarah)']);
    expect(await page.getByText('Typen på ett ärende av typen Lex Sarah ändras av SAS').count()).toBe(1);
    expect(await checkPage(page, 'klass-05-lex-sarah-chef')).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
