import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

/**
 * Berättelser och rapporter in a real browser against the whole system (REP-1, DATA-6, DL-22,
 * DL-23): the MAS reads the patientsäkerhetsberättelse draft, writes the analysis, approves it
 * (with a confirmation) as version 1 and opens it; a new case changes the draft, version 1 still
 * reads as approved, and she approves version 2. Kvalitet chooses among every report; the SAS owns
 * none. Every page: axe (no serious/critical), no console errors, a screenshot.
 */
jest.setTimeout(300_000);

const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4));
const FIRST_TEXT = 'Journalgranskningen i våras visade att signeringen brister på kvällstid.';

describe('Berättelser och rapporter in a real browser', () => {
  const system = useSystemInBrowser();
  let page: Page;

  const openReports = async () => {
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Berättelser och rapporter' })
      .click();
    await page.getByRole('heading', { name: 'Berättelser och rapporter', level: 2 }).waitFor();
  };
  const draftFrame = () =>
    page.getByRole('region', { name: `Utkast till Patientsäkerhetsberättelse ${year}` });

  it('the MAS writes the analysis, approves the draft as version 1 and opens it', async () => {
    page = await system.newPage();
    await signIn(page, 'mas');
    await openReports();
    expect(await page.getByLabel('Rapport').locator('option').allTextContents()).toEqual([
      'Patientsäkerhetsberättelse',
    ]);
    expect(await page.getByLabel('År', { exact: true }).inputValue()).toBe(String(year));
    await draftFrame().getByText('Egenkontroll').first().waitFor();
    await page.getByText('Inte godkänd').waitFor();
    await page.getByText('Ingen version är godkänd ännu.').waitFor();
    expect(await checkPage(page, 'rap-01-utkast-mas')).toEqual([]);

    // A text longer than the api allows: its message stands at the field, nothing is approved.
    const egenkontroll = page.getByRole('textbox', { name: 'Egenkontroll' });
    await egenkontroll.fill('x'.repeat(20_001));
    await page.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Godkänn version 1' }).click();
    await page.locator('.mantine-Textarea-error').getByText('Texten får vara högst 20000 tecken.').waitFor();
    expect(await checkPage(page, 'rap-02-for-lang-text')).toEqual([]);

    await egenkontroll.fill(FIRST_TEXT);
    await page.getByRole('button', { name: 'Godkänn', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Godkänn Patientsäkerhetsberättelse ${year}` });
    await dialog.getByText('Rapporten fryses som version 1').waitFor();
    expect(await checkPage(page, 'rap-03-bekrafta')).toEqual([]);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Ingen version är godkänd ännu.').waitFor();

    await page.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await dialog.getByRole('button', { name: 'Godkänn version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 är godkänd' }).waitFor();
    const row = page.getByTestId('version-1');
    await row.getByText('Lena Ström').waitFor();
    await page.getByText('Godkänd som version 1').waitFor();
    await row.getByRole('button', { name: 'Visa version 1' }).click();
    const frozen = page.getByRole('region', {
      name: `Patientsäkerhetsberättelse ${year}, godkänd version 1`,
    });
    await frozen.getByText(FIRST_TEXT).waitFor();
    await frozen.getByText('Lena Ström').waitFor();
    expect(await checkPage(page, 'rap-04-version-1')).toEqual([]);
  });

  it('a new case changes the draft; version 1 stays as approved; the MAS approves version 2', async () => {
    const staff = await devToken(system.baseUrl, 'medarbetare');
    await postJson(system.baseUrl, staff, '/cases', {
      type: 'hsl_deviation',
      unitId: 'solgarden',
      description: 'Fel läkemedel gavs på kvällen',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    page = await system.newPage();
    await signIn(page, 'mas');
    await openReports();
    await reloadUntil(page, async () =>
      page
        .getByText('Underlaget har ändrats sedan version 1')
        .isVisible()
        .catch(() => false),
    );
    await page.getByTestId('version-1').getByRole('button', { name: 'Visa version 1' }).click();
    const frozen = page.getByRole('region', {
      name: `Patientsäkerhetsberättelse ${year}, godkänd version 1`,
    });
    await frozen.getByText(FIRST_TEXT).waitFor();
    expect(await checkPage(page, 'rap-05-underlaget-andrat')).toEqual([]);

    const egenkontroll = page.getByRole('textbox', { name: 'Egenkontroll' });
    expect(await egenkontroll.inputValue()).toBe(FIRST_TEXT);
    await egenkontroll.fill(`${FIRST_TEXT}\n\nEn ny avvikelse i december har analyserats.`);
    await page.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Godkänn version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 är godkänd' }).waitFor();
    await page.getByTestId('version-2').waitFor();
    await page.getByTestId('version-1').waitFor();
    expect(await checkPage(page, 'rap-06-version-2')).toEqual([]);
  });

  it('kvalitet chooses among every report, the tertial with its tertial; the SAS owns none', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await openReports();
    expect(await page.getByLabel('Rapport').locator('option').allTextContents()).toEqual([
      'Patientsäkerhetsberättelse',
      'Kvalitetsberättelse',
      'Tertialrapport till nämnden',
      'Årssammanställning till nämnden',
    ]);
    await page.getByLabel('Rapport').selectOption('tertial');
    await page.getByLabel('Tertial').selectOption('3');
    await page.getByRole('heading', { name: `Utkast: Tertialrapport 3 ${year}` }).waitFor();
    await page.getByText('Ingen version är godkänd ännu.').waitFor();
    expect(await checkPage(page, 'rap-07-tertial-kvalitet')).toEqual([]);

    page = await system.newPage();
    await signIn(page, 'sas');
    expect(
      await page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Berättelser och rapporter' })
        .count(),
    ).toBe(0);
    await page.goto('/rapporter');
    await page.getByText('Din roll har inga rapporter att godkänna.').waitFor();
    expect(await checkPage(page, 'rap-08-sas')).toEqual([]);
  });
});
