import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { screenshot } from './support/browser';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';
import { pickPerson } from './support/pick-person';

jest.setTimeout(300_000);

const stockholmDate = (offsetDays = 0) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });

/**
 * Förordnanden and lex Sarah information in the browser (AUD-5, AUD-6, R-15, DL-29, IMP-9; ADR
 * 0034): the roles nobody holds are red at the top and go away when kvalitet registers the
 * förordnande with its decision (a wrong appointer is refused field by field); a delegate registered
 * here is a row of the delegation register; ending one moves it to the ended list; the training page
 * registers a new employee, shows the late one in red, marks informed, moves and records leaving;
 * a unit manager sees förordnanden without forms; the inbox task opens the page.
 */
describe('förordnanden and lex Sarah information in a real browser', () => {
  const system = useSystemInBrowser();
  let page: Page;

  const missingAlert = () => page.getByRole('alert').filter({ hasText: 'saknar förordnande' });

  async function registerAppointment(fields: {
    role: string;
    holder: string;
    decidedBy: string;
    decisionType?: string;
    delegationReference?: string;
  }): Promise<void> {
    await page.getByRole('button', { name: 'Registrera ett förordnande' }).click();
    await page.getByRole('heading', { name: 'Registrera ett förordnande' }).waitFor();
    await screenshot(page, 'ford-00-formular');
    await page.getByRole('combobox', { name: 'Roll' }).selectOption(fields.role);
    await pickPerson(page, 'Person', fields.holder);
    if (fields.decisionType) await page.getByLabel('Beslut som delegeras').selectOption(fields.decisionType);
    if (fields.delegationReference)
      await page.getByLabel('Punkt i delegationsordningen').fill(fields.delegationReference);
    await page.getByLabel('Beslutet fattades av').selectOption(fields.decidedBy);
    await page.getByLabel('Beslutsdatum').fill('2026-01-20');
    await page.getByLabel('Paragraf eller beslutsnummer').fill('SN 2026-01-20 § 5');
    await page.getByLabel('Gäller från').fill('2026-01-01');
    await page.getByRole('button', { name: 'Registrera förordnandet' }).click();
  }

  it('kvalitet sees the missing roles in red, registers förordnanden (a wrong appointer refused), a delegate, and ends one', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    await menu.getByRole('link', { name: 'Förordnanden' }).click();
    await page.getByRole('heading', { name: 'Förordnanden', level: 2 }).waitFor();
    await missingAlert().filter({ hasText: '3 roller saknar förordnande' }).waitFor();
    await page.getByRole('table', { name: 'Gällande förordnanden' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/AUD-|LC-\d|lex_sarah_|lex_maria_|\d{4}-\d{2}-\d{2}T/);
    // The demo delegation register's rows are the delegates (one model).
    expect(
      await page.getByTestId('forordnande').filter({ hasText: 'Förvaltningschef (alla med rollen)' }).count(),
    ).toBe(2);
    expect(await checkPage(page, 'ford-01-saknas')).toEqual([]);

    // AUD-5: the verksamhetschef HSL is appointed by the nämnd — the förvaltningschef is refused.
    await registerAppointment({
      role: 'verksamhetschef_hsl',
      holder: 'forvaltningschef',
      decidedBy: 'forvaltningschef',
    });
    await page.getByRole('alert').filter({ hasText: 'Förordnandet kunde inte registreras' }).waitFor();
    expect(await page.getByLabel('Beslutet fattades av').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'ford-02-fel-beslutsfattare');
    await page.getByLabel('Beslutet fattades av').selectOption('namnd');
    await page.getByRole('button', { name: 'Registrera förordnandet' }).click();
    await missingAlert().filter({ hasText: '2 roller saknar förordnande' }).waitFor();
    await page.getByTestId('forordnande').filter({ hasText: 'Verksamhetschef enligt HSL' }).waitFor();

    await registerAppointment({ role: 'mas', holder: 'mas', decidedBy: 'namnd' });
    await missingAlert().filter({ hasText: '1 roll saknar förordnande' }).waitFor();
    await registerAppointment({ role: 'sas', holder: 'sas', decidedBy: 'forvaltningschef' });
    await page.getByRole('heading', { name: 'Gällande förordnanden' }).waitFor();
    await reloadUntil(page, async () => (await missingAlert().count()) === 0, 10_000);
    expect(await checkPage(page, 'ford-03-inga-saknas')).toEqual([]);

    // A delegate registered here is a row of the delegation register (ADR 0034).
    await registerAppointment({
      role: 'delegat',
      holder: 'avdelningschef',
      decidedBy: 'namnd',
      decisionType: 'lex_sarah_decision',
      delegationReference: 'Delegationsordning 2026 p. 4.9',
    });
    await page.getByTestId('forordnande').filter({ hasText: 'Delegationsordning 2026 p. 4.9' }).waitFor();
    const token = await devToken(system.baseUrl, 'kvalitet');
    const register = (await (
      await fetch(`${system.baseUrl}/api/v1/delegations`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { items: { username?: string; delegationReference?: string }[] };
    expect(register.items).toContainEqual(
      expect.objectContaining({
        username: 'avdelningschef',
        delegationReference: 'Delegationsordning 2026 p. 4.9',
      }),
    );

    // Ending the SAS: it moves to the ended list and the role is missing again.
    const sasRow = page.getByTestId('forordnande').filter({ hasText: 'Socialt ansvarig samordnare' });
    await sasRow.getByRole('button', { name: /Avsluta/ }).click();
    await page.getByRole('button', { name: 'Avsluta förordnandet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Förordnandet kunde inte avslutas' }).waitFor();
    await page.getByLabel('Skäl').fill('Ny SAS från årsskiftet');
    await page.getByRole('button', { name: 'Avsluta förordnandet' }).click();
    await missingAlert().filter({ hasText: '1 roll saknar förordnande' }).waitFor();
    await page
      .getByRole('table', { name: 'Avslutade förordnanden' })
      .getByText('Avslutat: Ny SAS från årsskiftet')
      .waitFor();
    expect(await checkPage(page, 'ford-04-avslutat')).toEqual([]);
  });

  it('a process owner is appointed for a process picked from the register (PR-2)', async () => {
    const kvalitet = await devToken(system.baseUrl, 'kvalitet');
    await postJson(system.baseUrl, kvalitet, '/routines', {
      kind: 'process',
      level: 1,
      code: 'PR-09',
      title: 'Ta emot och utreda klagomål',
      unitId: 'forvaltning',
      owner: 'forvaltningschef',
      revisionInterval: 'P2Y',
    });
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto('/ledningssystem/forordnanden');
    await page.getByRole('button', { name: 'Registrera ett förordnande' }).click();
    await page.getByRole('combobox', { name: 'Roll' }).selectOption('processagare');
    const process = page.getByRole('combobox', { name: 'Process' });
    await process
      .locator('option', { hasText: 'PR-09 Ta emot och utreda klagomål' })
      .waitFor({ state: 'attached' });
    await process.selectOption({ label: 'PR-09 Ta emot och utreda klagomål' });
    await pickPerson(page, 'Person', 'forvaltningschef');
    await page.getByLabel('Beslutet fattades av').selectOption('forvaltningschef');
    await page.getByLabel('Beslutsdatum').fill('2026-03-01');
    await page.getByLabel('Paragraf eller beslutsnummer').fill('FC 2026/22');
    await page.getByLabel('Gäller från').fill('2026-03-01');
    await page.getByRole('button', { name: 'Registrera förordnandet' }).click();
    await page
      .getByTestId('forordnande')
      .filter({ hasText: 'Processägare' })
      .filter({ hasText: 'PR-09 Ta emot och utreda klagomål' })
      .waitFor();
    expect(await checkPage(page, 'ford-06-processagare')).toEqual([]);
  });

  it('the missing-role task in Mina uppgifter opens the förordnanden page', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Mina uppgifter' })
      .click();
    const task = page.getByRole('link', { name: /^Förordnande saknas: Socialt ansvarig samordnare/ });
    await reloadUntil(page, async () => (await task.count()) > 0);
    await task.first().click();
    await page.getByRole('heading', { name: 'Förordnanden', level: 2 }).waitFor();
  });

  it('lex Sarah information: a new employee (a bad date refused), late in red, informed, moved, left', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Utbildning om lex Sarah' })
      .click();
    await page.getByRole('heading', { name: 'Utbildning om lex Sarah', level: 2 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Inga medarbetare registrerade.' }).waitFor();

    await page.getByRole('button', { name: 'Registrera en nyanställd' }).click();
    await page.getByLabel('Användarnamn').fill('medarbetare');
    await page.getByRole('combobox', { name: 'Enhet' }).selectOption('solgarden');
    await page.getByLabel('Anställd från').fill('förra månaden');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Den nyanställda kunde inte registreras' }).waitFor();
    expect(await page.getByLabel('Anställd från').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'utb-01-valideringsfel');
    await page.getByLabel('Anställd från').fill(stockholmDate(-30));
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();

    const row = page.getByTestId('utbildning-rad').filter({ hasText: 'Sara Lindqvist' });
    await row.waitFor();
    await row.getByText(/^Försenad sedan \d{1,2} \w+ \d{4}$/).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: '1 medarbetare har inte fått informationen i tid' })
      .waitFor();
    expect(await checkPage(page, 'utb-02-forsenad')).toEqual([]);

    await row.getByRole('button', { name: 'Sara Lindqvist' }).click();
    await page.getByRole('button', { name: 'Informerad om lex Sarah' }).click();
    await page.getByRole('button', { name: 'Spara att hen är informerad' }).click();
    await row.getByText('Försenad sedan').waitFor({ state: 'detached' });
    expect(await row.textContent()).not.toContain('Inte informerad');

    await page.getByRole('button', { name: 'Flytta till en annan enhet' }).click();
    await page.getByRole('combobox', { name: 'Ny enhet' }).selectOption('hemtjanst-norr');
    await page.getByRole('button', { name: 'Flytta', exact: true }).click();
    await row.getByText('Hemtjänst Norr').waitFor();
    expect(await checkPage(page, 'utb-03-informerad-flyttad')).toEqual([]);

    await page.getByRole('button', { name: 'Har slutat' }).click();
    await page.getByRole('button', { name: 'Spara att hen har slutat' }).click();
    await page.getByRole('status').filter({ hasText: 'Inga medarbetare registrerade.' }).waitFor();
  });

  it('a unit manager sees the förordnanden but no forms', async () => {
    page = await system.newPage();
    await signIn(page, 'enhetschef');
    await page.goto('/ledningssystem/forordnanden');
    await page.getByRole('heading', { name: 'Gällande förordnanden' }).waitFor();
    expect(await page.getByRole('button', { name: 'Registrera ett förordnande' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Avsluta/ }).count()).toBe(0);
    expect(await checkPage(page, 'ford-05-enhetschef')).toEqual([]);
  });
});
