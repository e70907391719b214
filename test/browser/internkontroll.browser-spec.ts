import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';
import { pickPerson } from './support/pick-person';

jest.setTimeout(300_000);

const stockholmToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const NEXT_YEAR = Number(stockholmToday().slice(0, 4)) + 1;

/**
 * Internkontroll in the browser (IK-1 … IK-3, DL-25): kvalitet starts next year's plan, adds risks
 * scored sannolikhet × allvarlighetsgrad, selects and deselects them with a reason (refused without
 * one), adds a control and records the nämnd's decision; the control's responsible person (the SAS)
 * records its result (deficiencies need actions) and sees no other form; kvalitet reports to the
 * nämnd; ledning reads the plan without any form.
 */
describe('internkontroll in a real browser', () => {
  const system = useSystemInBrowser();
  let page: Page;
  let planUrl = '';
  const veryHigh = 'Missförhållanden rapporteras inte, utreds inte och åtgärdas inte';
  const low = 'Fakturor attesteras av fel person';

  it('kvalitet makes the plan: risks with score, a reasoned selection, a control, the nämnd decision', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Internkontroll' })
      .click();
    await page.getByRole('heading', { name: 'Internkontroll', level: 2 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Ingen internkontrollplan än.' }).waitFor();
    await page.getByRole('button', { name: 'Ny internkontrollplan' }).click();
    expect(await page.getByLabel('År').inputValue()).toBe(String(NEXT_YEAR));
    await page.getByRole('button', { name: 'Skapa planen' }).click();
    await page.getByRole('heading', { name: `Internkontrollplan ${NEXT_YEAR}` }).waitFor();
    planUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('internkontroll-steg').textContent()).toBe('Riskanalys och urval');

    await page.getByRole('button', { name: 'Lägg till en risk' }).click();
    await page.getByRole('textbox', { name: 'Risk', exact: true }).fill(veryHigh);
    await page.getByLabel('Sannolikhet', { exact: true }).selectOption('4');
    await page.getByLabel('Allvarlighetsgrad', { exact: true }).selectOption('4');
    expect(await page.getByTestId('riskvarde').textContent()).toContain('4 × 4 = 16');
    await page.getByRole('button', { name: 'Lägg till risken' }).click();
    const risks = page.getByTestId('ik-risk');
    await risks.first().waitFor();
    expect(await risks.first().textContent()).toContain('16 · Mycket hög');
    expect(await risks.first().textContent()).toContain('föreslås');

    await page.getByRole('button', { name: 'Lägg till en risk' }).click();
    await page.getByRole('textbox', { name: 'Risk', exact: true }).fill(low);
    await page.getByLabel('Sannolikhet', { exact: true }).selectOption('1');
    await page.getByLabel('Allvarlighetsgrad', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Lägg till risken' }).click();
    await risks.nth(1).waitFor();
    expect(await risks.nth(1).textContent()).toContain('1 × 2');

    // IK-1: a selection without a reason is refused.
    await page.getByRole('button', { name: `Välj eller välj bort: ${veryHigh}` }).click();
    await page.getByRole('button', { name: 'Spara urvalet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Urvalet kunde inte sparas' }).waitFor();
    expect(await page.getByLabel('Motivering').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'ik-01-urval-utan-motivering');
    await page.getByLabel('Motivering').fill('Mycket hög risk; IVO har påtalat brister i rapporteringen.');
    await page.getByRole('button', { name: 'Spara urvalet' }).click();
    await page.getByRole('cell', { name: 'Vald', exact: true }).waitFor();
    await page.getByRole('button', { name: `Välj eller välj bort: ${low}` }).click();
    await page.getByLabel('Nej, välj bort risken').check();
    await page.getByLabel('Motivering').fill('Låg risk; ekonomienheten kontrollerar attesterna.');
    await page.getByRole('button', { name: 'Spara urvalet' }).click();
    await page.getByRole('cell', { name: 'Bortvald', exact: true }).waitFor();
    expect(await risks.first().textContent()).toContain('Vald');

    await page.getByRole('button', { name: 'Lägg till en kontroll' }).click();
    await page
      .getByRole('textbox', { name: 'Kontroll', exact: true })
      .fill('Granskning av lex Sarah-rapporter');
    await page.getByLabel('Metod').fill('Stickprov: tio rapporter, utredningstid och åtgärder');
    await pickPerson(page, 'Ansvarig', 'sas');
    await page.getByLabel('Klar senast').fill(`${NEXT_YEAR}-05-31`);
    await page.getByRole('button', { name: 'Lägg till kontrollen' }).click();
    await page.getByTestId('ik-kontroll').waitFor();
    expect(await checkPage(page, 'ik-02-riskanalys-och-urval')).toEqual([]);

    // IK-3, DL-25: the nämnd decides, with its paragraph.
    await page.getByRole('button', { name: 'Registrera nämndens beslut om planen' }).click();
    await page.getByRole('button', { name: 'Registrera nämndens beslut' }).click();
    await page.getByRole('alert').filter({ hasText: 'Beslutet kunde inte registreras' }).waitFor();
    await page.getByLabel('Paragraf').fill(`SN ${stockholmToday()} § 112`);
    await page.getByRole('button', { name: 'Registrera nämndens beslut' }).click();
    await page.getByText(/Planen beslutad: Nämnden \d+ \p{L}+ \d{4}, SN .* § 112\./u).waitFor();
    expect(await page.getByTestId('internkontroll-steg').textContent()).toBe('Beslutad av nämnden');
    expect(await page.getByRole('button', { name: 'Lägg till en risk' }).count()).toBe(0);
    expect(await checkPage(page, 'ik-03-beslutad')).toEqual([]);
  });

  it('the SAS records the result of its control, and sees no other form', async () => {
    page = await system.newPage();
    await signIn(page, 'sas');
    await page.goto(planUrl);
    await page.getByTestId('ik-kontroll').waitFor();
    expect(await page.getByRole('button', { name: 'Registrera rapporten till nämnden' }).count()).toBe(0);
    await page
      .getByRole('button', { name: 'Registrera resultat för Granskning av lex Sarah-rapporter' })
      .click();
    await page.getByLabel('Brister hittades').check();
    await page
      .getByRole('textbox', { name: 'Resultat', exact: true })
      .fill('Två av tio rapporter utreddes efter mer än två veckor.');
    await page.getByRole('button', { name: 'Spara resultatet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Resultatet kunde inte sparas' }).waitFor();
    await page.getByLabel('Åtgärder').fill('Utredningsstart inom tre dagar följs upp månadsvis.');
    await page.getByRole('button', { name: 'Spara resultatet' }).click();
    await page.getByText(/Brister hittades – registrerat/).waitFor();
    expect(await checkPage(page, 'ik-04-sas-resultat')).toEqual([]);
  });

  it('kvalitet reports the outcome to the nämnd (IK-2)', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto(planUrl);
    await page.getByRole('button', { name: 'Registrera rapporten till nämnden' }).click();
    await page.getByLabel('Sammanfattning av utfallet').fill('En kontroll, brister i utredningstid.');
    await page
      .getByLabel('Utvärdering och förslag')
      .fill('Rutinen för lex Sarah ses över; samma risk i nästa plan.');
    await page.getByLabel('Paragraf').fill(`SN ${stockholmToday()} § 113`);
    await page.getByRole('button', { name: 'Registrera rapporten' }).click();
    await page.getByRole('status').filter({ hasText: 'Rapporterad till nämnden' }).waitFor();
    expect(await page.getByTestId('internkontroll-steg').textContent()).toBe('Rapporterad till nämnden');
    expect(await checkPage(page, 'ik-05-rapporterad')).toEqual([]);
  });

  it('ledning reads the plans and the plan without any form', async () => {
    page = await system.newPage();
    await signIn(page, 'ledning');
    await page.goto('/ledningssystem/internkontroll');
    await reloadUntil(page, async () => (await page.getByTestId('internkontrollplan').count()) > 0);
    expect(await page.getByRole('button', { name: 'Ny internkontrollplan' }).count()).toBe(0);
    expect(await checkPage(page, 'ik-06-ledning-planer')).toEqual([]);
    await page.getByRole('link', { name: `Internkontrollplan ${NEXT_YEAR}` }).click();
    await page.getByTestId('ik-kontroll').waitFor();
    expect(await page.locator('main form, main button').count()).toBe(0);
  });
});
