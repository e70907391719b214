import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

const stockholmDate = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });

/**
 * Kvalitet's start page, the ledningssystem document and the March review in a real browser (AUD-1,
 * AUD-2, AUD-22, PR-9, DL-24, REP-13): the start page shows what is missing in red with links to the
 * registers; kvalitet registers the ledningssystem and records the nämnd's decision with the form
 * (the api's messages at the fields first), and the red flag goes; a review item is refused without a
 * comment when not met, then recorded; a unit manager and the MAS see no forms.
 */
describe('the ledningssystem start page, document and March review in a real browser', () => {
  const system = useSystemInBrowser();
  let page: Page;
  const decidedOn = stockholmDate(-5);
  const reviewYear = Number(decidedOn.slice(0, 4)) + 1;

  const card = (key: string) => page.getByTestId(`ls-kort-${key}`);

  it('the start page shows the missing nämnd decision in red, and a card with a link for every register', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Ledningssystem', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Ledningssystem', level: 2 }).waitFor();
    await page.getByTestId('beslut-saknas').waitFor();
    expect(await page.getByTestId('beslut-saknas').textContent()).toContain(
      'Nämnden har inte beslutat om ledningssystemet',
    );
    expect(await card('dokument').getByTestId('antal').textContent()).toBe('1');
    expect(await card('dokument').getByTestId('antal').getAttribute('class')).toContain('overdue');
    // No roles are appointed in a fresh system (AUD-5, AUD-6): a red count, not zero.
    expect(Number(await card('forordnanden').getByTestId('antal').textContent())).toBeGreaterThan(0);
    const links = await page
      .locator('[data-testid^="ls-kort-"] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([
      '/ledningssystem/dokument',
      '/ledningssystem/rutiner',
      '/ledningssystem/forordnanden',
      '/ledningssystem/egenkontroll',
      '/ledningssystem/internkontroll',
      '/ledningssystem/utbildning',
      '/riskanalyser',
      '/ledningssystem/handelseanalyser',
      '/ledningssystem/arshjul',
      '/rapporter',
    ]);
    // Plain Swedish: no requirement codes on the page.
    expect(await page.locator('main').textContent()).not.toMatch(/\b(AUD|RA|PR|DL|REP)-\d/);
    expect(await checkPage(page, 'lsc-01-startsida-beslut-saknas')).toEqual([]);
  });

  it('kvalitet registers the ledningssystem and records the nämnd decision; the red flag goes', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto('/ledningssystem');
    await page.getByRole('link', { name: 'För in nämndens beslut' }).click();
    await page.getByRole('heading', { name: 'Registrera ledningssystemet' }).waitFor();
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { name: 'För in nämndens beslut om en ny version' }).waitFor();
    expect(await page.getByTestId('beslut-saknas').textContent()).toContain('ingen version');

    // Nothing filled in: the api's messages are shown at the fields, nothing is saved.
    await page.getByRole('button', { name: 'Spara nämndens beslut' }).click();
    await page.getByRole('alert').filter({ hasText: 'Beslutet sparades inte' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Version' }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Gäller från').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'lsc-02-dokument-valideringsfel');

    await page.getByRole('textbox', { name: 'Version' }).fill('1.0');
    await page.getByLabel('Gäller från').fill(decidedOn);
    await page.getByLabel('Nämndens beslutsdatum').fill(decidedOn);
    await page.getByLabel('Paragraf').fill(`SN ${decidedOn} § 12`);
    await page.getByLabel('Vad som har ändrats').fill('Första versionen av ledningssystemet');
    await page.getByRole('button', { name: 'Spara nämndens beslut' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1.0 är fastställd av nämnden.' }).waitFor();
    await page.getByTestId('beslut-galler').waitFor();
    expect(await page.getByTestId('beslut-saknas').count()).toBe(0);
    expect(await page.getByTestId('ls-version').first().textContent()).toContain(`SN ${decidedOn} § 12`);
    expect(await page.getByText(`Nämnden ${decidedOn}, SN ${decidedOn} § 12`).count()).toBeGreaterThan(0);
    expect(await checkPage(page, 'lsc-03-dokument-beslutat')).toEqual([]);

    // The start page reads the registers' read model, which follows shortly.
    await page.goto('/ledningssystem');
    await reloadUntil(page, async () => (await card('dokument').getByTestId('antal').textContent()) === '0');
    expect(await page.getByTestId('beslut-saknas').count()).toBe(0);
    expect(await card('genomgang').getByRole('link').getAttribute('href')).toBe(
      `/ledningssystem/arlig-genomgang/${reviewYear}`,
    );
    expect(await checkPage(page, 'lsc-04-startsida-beslutat')).toEqual([]);
  });

  it('kvalitet records a review item: a comment is required when it is not met', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto('/ledningssystem/dokument');
    await page.getByRole('link', { name: `Till genomgången ${reviewYear}` }).click();
    await page.getByRole('heading', { name: `Årlig genomgång ${reviewYear}` }).waitFor();
    await page.getByTestId('faktablad').waitFor();
    expect(await page.getByTestId('faktablad').textContent()).toContain('Roller utan gällande förordnande');

    const item = page.getByTestId('punkt-forordnanden');
    expect(await item.getByTestId('punkt-status').textContent()).toBe('Inte genomgången');
    await item.getByRole('button', { name: /^Bedöm/ }).click();
    await item.getByLabel('Inte uppfylld').check();
    await item.getByRole('button', { name: 'Spara bedömningen' }).click();
    await item.getByText('En punkt som inte är uppfylld behöver en kommentar').waitFor();
    expect(await item.getByLabel('Kommentar').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'lsc-05-genomgang-kommentar-saknas');

    await item
      .getByLabel('Kommentar')
      .fill('Verksamhetschef enligt hälso- och sjukvårdslagen är inte utsedd');
    await item.getByRole('button', { name: 'Spara bedömningen' }).click();
    await item.getByTestId('punkt-status').filter({ hasText: 'Inte uppfylld' }).waitFor();
    expect(await item.textContent()).toContain('Bedömd av kvalitet');
    expect(await page.getByRole('status').filter({ hasText: '9 av 10 punkter' }).count()).toBe(1);
    // Until every item is gone through the nämnd's decision cannot be recorded.
    expect(await page.getByRole('button', { name: 'Spara nämndens beslut' }).isDisabled()).toBe(true);
    expect(await checkPage(page, 'lsc-06-genomgang')).toEqual([]);
  });

  it('a unit manager and the MAS read the document and the review but get no forms', async () => {
    page = await system.newPage();
    await signIn(page, 'enhetschef');
    await page.goto('/ledningssystem/dokument');
    await page.getByRole('heading', { name: 'Dokumenthuvud' }).waitFor();
    expect(await page.getByRole('heading', { name: 'För in nämndens beslut om en ny version' }).count()).toBe(
      0,
    );
    expect(await page.getByRole('button').filter({ hasText: 'Spara' }).count()).toBe(0);
    await page.goto('/ledningssystem');
    await page.getByTestId('ls-kort-riskanalyser').waitFor();
    expect(await checkPage(page, 'lsc-07-startsida-enhetschef')).toEqual([]);

    page = await system.newPage();
    await signIn(page, 'mas');
    await page.goto(`/ledningssystem/arlig-genomgang/${reviewYear}`);
    await page.getByTestId('faktablad').waitFor();
    await page.getByTestId('punkt-forordnanden').waitFor();
    expect(await page.getByRole('button', { name: /^Bedöm|Ändra bedömning/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Nämndens beslut om genomgången' }).count()).toBe(0);
    expect(await checkPage(page, 'lsc-08-genomgang-mas')).toEqual([]);
  });
});
