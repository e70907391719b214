import type { Page } from 'playwright-core';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';
import { pickPerson } from './support/pick-person';

jest.setTimeout(300_000);

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const YEAR = Number(today().slice(0, 4));
const NEXT_YEAR = YEAR + 1;
const SUFFIX = String(Date.now() % 100000);
const JANUARY_ANALYSIS = 'Signeringen brister på kvällstid; rutinen följs i övrigt.';
const FEBRUARY_ANALYSIS = 'Efter påminnelsen på APT saknades ingen signering i februari.';
const RISK_TITLE = `Fall vid förflyttning nattetid ${SUFFIX}`;
const NARRATIVE = 'Journalgranskningen visade brister i kvällens signering; en påminnelse gavs på APT.';

/**
 * Issue 18 "Done means", in the browser only after signing in (nothing set up through the API):
 * kvalitet records the nämnd's decision on the ledningssystem, adopts a routine version, plans
 * egenkontroll for a unit and enters a result, makes a risk analysis, and sees the
 * patientsäkerhetsberättelse draft show that result and the year's risk analysis; the MAS approves
 * the berättelse, and after a later result the approved version is unchanged while the draft has
 * moved on; next year's årshjul exists with owners and due dates. Every page: axe (no
 * serious/critical), no console errors, a screenshot.
 */
describe('issue 18 done: the ledningssystem in daily use, in the browser only', () => {
  const system = useSystemInBrowser();
  let page: Page;
  let planPath = '';

  const menu = (name: string) =>
    page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true }).click();
  const draftFrame = () =>
    page.getByRole('region', { name: `Utkast till Patientsäkerhetsberättelse ${YEAR}` });
  const versionFrame = (n: number) =>
    page.getByRole('region', { name: `Patientsäkerhetsberättelse ${YEAR}, godkänd version ${n}` });
  const frameHas = async (frame: ReturnType<typeof draftFrame>, text: string) =>
    (await frame
      .getByText(text)
      .count()
      .catch(() => 0)) > 0;

  it('kvalitet records the nämnd’s decision on the ledningssystem', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await menu('Ledningssystemet och nämndens beslut');
    await page.getByRole('heading', { name: 'Registrera ledningssystemet' }).waitFor();
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { name: 'För in nämndens beslut om en ny version' }).waitFor();
    await page.getByRole('textbox', { name: 'Version' }).fill('1.0');
    await page.getByLabel('Gäller från').fill(`${YEAR}-01-01`);
    await page.getByLabel('Nämndens beslutsdatum').fill(`${YEAR - 1}-12-14`);
    await page.getByLabel('Paragraf').fill(`SN ${YEAR - 1}-12-14 § 97`);
    await page.getByLabel('Vad som har ändrats').fill('Ledningssystemet för systematiskt kvalitetsarbete');
    await page.getByRole('button', { name: 'Spara nämndens beslut' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1.0 är fastställd av nämnden.' }).waitFor();
    await page.getByTestId('beslut-galler').waitFor();
    expect(await checkPage(page, 'done-01-namndens-beslut')).toEqual([]);
  });

  it('kvalitet registers a routine and adopts its first version with the decision', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await menu('Processer och rutiner');
    await page.getByRole('heading', { name: 'Processer och rutiner', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Ny process/rutin' }).click();
    const code = `RUT-SIGN-${SUFFIX}`;
    const form = page.getByRole('form', { name: 'Ny process eller rutin' });
    await page.getByLabel('Dokument-id').fill(code);
    await form.getByLabel('Titel').fill('Signering av given läkemedelsdos');
    await form.getByRole('combobox', { name: /^Enhet/ }).selectOption('solgarden');
    await pickPerson(page, 'Ägare', 'enhetschef');
    await form.getByRole('combobox', { name: /^Revideras/ }).selectOption('P1Y');
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { name: `${code} Signering av given läkemedelsdos` }).waitFor();
    await page.getByRole('button', { name: 'Fastställ version' }).click();
    await page.getByLabel('Beslutat av').selectOption('forvaltningschef');
    await page.getByLabel('Paragraf eller diarienummer').fill(`FC ${YEAR}/12`);
    await page.getByRole('button', { name: 'Fastställ versionen' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1.0 är fastställd.' }).waitFor();
    expect(await page.getByTestId('version').count()).toBe(1);
    expect(await checkPage(page, 'done-02-rutin-faststalld')).toEqual([]);
  });

  it('kvalitet plans egenkontroll for Solgården and enters January’s result', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await menu('Egenkontroll');
    await page.getByRole('heading', { name: 'Egenkontroll', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Ny egenkontrollplan' }).click();
    await page.getByLabel('Enhet').selectOption('solgarden');
    await page.getByRole('button', { name: 'Skapa planen' }).click();
    await page.getByRole('heading', { name: /^Egenkontroll \d{4} – .*Solgården/ }).waitFor();
    planPath = new URL(page.url()).pathname;

    await page.getByRole('button', { name: 'Lägg till en kontroll' }).click();
    await page.getByLabel('Typ av kontroll').selectOption('loggkontroll');
    await page.getByLabel('Hur ofta').selectOption('monthly');
    await page.getByLabel('Metod').fill('Stickprov i åtkomstloggen');
    await page.getByRole('button', { name: 'Lägg till kontrollen' }).click();
    await page.getByTestId('kontroll').waitFor();
    await page.getByRole('button', { name: 'Fastställ planen' }).click();
    await page.getByRole('button', { name: 'Fastställ planen' }).click();
    await page.getByText('Fastställd', { exact: true }).waitFor();

    await page.getByRole('button', { name: `Registrera resultat för Januari ${YEAR}` }).click();
    await page
      .getByRole('textbox', { name: 'Resultat', exact: true })
      .fill('Tolv slagningar granskades, två saknade tjänsteskäl.');
    await page.getByLabel('Analys').fill(JANUARY_ANALYSIS);
    await page.getByLabel('Inga åtgärder behövs').check();
    await page.getByRole('button', { name: 'Spara resultatet' }).click();
    // The form closes only when the result is saved (a refusal keeps it open with the reason).
    await page.getByRole('button', { name: 'Spara resultatet' }).waitFor({ state: 'detached' });
    await page.getByText('Inga åtgärder behövs.').waitFor();
    expect(await checkPage(page, 'done-03-egenkontroll-resultat')).toEqual([]);
  });

  it('kvalitet makes the year’s risk analysis for Solgården', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await menu('Riskanalyser');
    await page.getByRole('heading', { name: 'Riskanalyser' }).first().waitFor();
    await page.getByRole('link', { name: 'Ny riskanalys' }).click();
    await page.getByRole('heading', { name: 'Ny riskanalys' }).waitFor();
    await page.getByLabel('Enhet').selectOption('solgarden');
    await page.getByLabel('Rubrik').fill(RISK_TITLE);
    await page.getByLabel('Anledning').selectOption('yearly');
    await page.getByLabel('Vad kan hända?').fill('Brukaren faller när bara en person arbetar natt.');
    await page.getByLabel('Sannolikhet', { exact: true }).selectOption('4');
    await page.getByLabel('Allvarlighetsgrad', { exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Spara riskanalysen' }).click();
    await page.getByTestId('riskanalys-referens').waitFor();
    expect(await checkPage(page, 'done-04-riskanalys')).toEqual([]);
  });

  it('kvalitet sees the patientsäkerhetsberättelse draft show the result and the risk analysis', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await menu('Berättelser och rapporter');
    await page.getByRole('heading', { name: `Utkast: Patientsäkerhetsberättelse ${YEAR}` }).waitFor();
    // The registers reach the report through their read models, which follow shortly.
    await reloadUntil(
      page,
      async () =>
        (await frameHas(draftFrame(), JANUARY_ANALYSIS)) && (await frameHas(draftFrame(), RISK_TITLE)),
    );
    expect(await checkPage(page, 'done-05-utkast-kvalitet')).toEqual([]);
  });

  it('the MAS approves the berättelse as version 1 with her analysis', async () => {
    page = await system.newPage();
    await signIn(page, 'mas');
    await menu('Berättelser och rapporter');
    await page.getByRole('heading', { name: `Utkast: Patientsäkerhetsberättelse ${YEAR}` }).waitFor();
    await reloadUntil(page, () => frameHas(draftFrame(), JANUARY_ANALYSIS));
    await page.getByRole('textbox', { name: 'Egenkontroll' }).fill(NARRATIVE);
    await page.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Godkänn version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 är godkänd' }).waitFor();
    await page.getByTestId('version-1').getByText('Lena Ström').waitFor();
    await page.getByTestId('version-1').getByRole('button', { name: 'Visa version 1' }).click();
    await versionFrame(1).getByText(NARRATIVE).waitFor();
    await versionFrame(1).getByText(JANUARY_ANALYSIS).waitFor();
    expect(await checkPage(page, 'done-06-godkand-version-1')).toEqual([]);
  });

  it('after a later result the draft moves on and the approved version stays as it was', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto(planPath);
    await page.getByRole('button', { name: `Registrera resultat för Februari ${YEAR}` }).click();
    await page.getByRole('textbox', { name: 'Resultat', exact: true }).fill('Tio slagningar, alla med skäl.');
    await page.getByLabel('Analys').fill(FEBRUARY_ANALYSIS);
    await page.getByLabel('Inga åtgärder behövs').check();
    await page.getByRole('button', { name: 'Spara resultatet' }).click();
    await page
      .getByTestId('tillfalle')
      .filter({ hasText: `Februari ${YEAR}` })
      .getByText('Gjord', { exact: true })
      .waitFor();

    page = await system.newPage();
    await signIn(page, 'mas');
    await menu('Berättelser och rapporter');
    await page.getByRole('heading', { name: `Utkast: Patientsäkerhetsberättelse ${YEAR}` }).waitFor();
    await reloadUntil(
      page,
      async () =>
        (await page.getByText('Underlaget har ändrats sedan version 1').count()) > 0 &&
        (await frameHas(draftFrame(), FEBRUARY_ANALYSIS)),
    );
    await page.getByTestId('version-1').getByRole('button', { name: 'Visa version 1' }).click();
    await versionFrame(1).getByText(JANUARY_ANALYSIS).waitFor();
    await versionFrame(1).getByText(NARRATIVE).waitFor();
    expect(await versionFrame(1).getByText(FEBRUARY_ANALYSIS).count()).toBe(0);
    expect(await checkPage(page, 'done-07-version-1-oforandrad')).toEqual([]);
  });

  it('next year’s årshjul exists with an owner and a due date for every duty', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await menu('Årshjul');
    await page.getByRole('heading', { name: `Årshjul ${YEAR}`, level: 2 }).waitFor();
    await page.goto(`/ledningssystem/arshjul?ar=${NEXT_YEAR}`);
    await page.getByRole('button', { name: `Skapa förslag för ${NEXT_YEAR}` }).click();
    await page.getByRole('heading', { name: `Årshjul ${NEXT_YEAR}`, level: 2 }).waitFor();
    await page.getByTestId('arshjul-uppgift').first().waitFor();
    const items = page.getByTestId('arshjul-uppgift');
    const count = await items.count();
    expect(count).toBeGreaterThan(5);
    // Each duty reads "<day> <month>: <title>" with its owner under it.
    for (const text of await items.allTextContents()) expect(text).toMatch(/^\d{1,2} [a-zåäö]+: .+\S/);
    const owners = await items.locator('p').allTextContents();
    expect(owners.filter((o) => o.trim().length === 0)).toEqual([]);
    await items.filter({ hasText: 'Patientsäkerhetsberättelse' }).first().getByRole('button').click();
    await page.getByText(/Ansvarig: .+\. Planerad till \d{1,2} [a-zåäö]+ \d{4}\./).waitFor();
    expect(await checkPage(page, 'done-08-arshjul-nasta-ar')).toEqual([]);
  });
});
