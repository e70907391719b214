import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { screenshot } from './support/browser';
import { checkPage, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

const stockholmToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const THIS_YEAR = Number(stockholmToday().slice(0, 4));
const NEXT_YEAR = THIS_YEAR + 1;

/**
 * The årshjul in the browser (DL-31, DL-27, AUD-13): this year's plan (made through the API) as a
 * twelve-month calendar with owners and status, the late ones in red; kvalitet makes next year's
 * proposal with one button, adds an item (a date outside the year is refused with the api's
 * message), moves and cancels one; SAS marks her proactive review done and gets no planning forms.
 */
describe('årshjul in a real browser', () => {
  const system = useSystemInBrowser();
  let page: Page;

  beforeAll(async () => {
    const kvalitet = await devToken(system.baseUrl, 'kvalitet');
    await postJson(system.baseUrl, kvalitet, '/arshjul', { year: THIS_YEAR });
  });

  it('kvalitet sees the year as a calendar, the late items in red, and makes next year’s proposal', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Årshjul' }).click();
    await page.getByRole('heading', { name: `Årshjul ${THIS_YEAR}`, level: 2 }).waitFor();
    await page.getByText(/\d+ av \d+ uppgifter klara/).waitFor();
    expect(await page.getByTestId('arshjul-manad').count()).toBe(12);
    // Today is past March: the patientsäkerhetsberättelse of 1 March, still planned, is late.
    if (stockholmToday() > `${THIS_YEAR}-03-01`) {
      await page.getByRole('list', { name: 'Försenade uppgifter' }).waitFor();
      expect(await page.locator('[data-status="overdue"]').count()).toBeGreaterThan(0);
    }
    expect(await checkPage(page, 'arshjul-01-kalender')).toEqual([]);

    await page.getByRole('button', { name: `Skapa förslag för ${NEXT_YEAR}` }).click();
    await page.getByRole('heading', { name: `Årshjul ${NEXT_YEAR}`, level: 2 }).waitFor();
    await page.getByText(`0 av`).waitFor();
    expect(await page.getByTestId('arshjul-uppgift').filter({ hasText: 'Verksamhetsbesök' }).count()).toBe(4);
    expect(await page.getByRole('button', { name: `Skapa förslag för ${NEXT_YEAR}` }).count()).toBe(0);
    expect(await checkPage(page, 'arshjul-02-nasta-ar')).toEqual([]);
  });

  it('kvalitet adds an item (a date outside the year is refused), moves it and cancels another', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto(`/ledningssystem/arshjul?ar=${NEXT_YEAR}`);
    await page.getByRole('heading', { name: `Årshjul ${NEXT_YEAR}`, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Lägg till en uppgift' }).click();
    await page.getByLabel('Rubrik').fill('Dialogmöte med brukarrådet');
    await page.getByLabel('Ansvarig').selectOption('director');
    await page.getByLabel('Senast klar').fill(`${NEXT_YEAR + 1}-01-15`);
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Uppgiften kunde inte läggas till' }).waitFor();
    expect(await page.getByLabel('Senast klar').getAttribute('aria-invalid')).toBe('true');
    await page.getByText(`Datumet måste ligga inom ${NEXT_YEAR}`).first().waitFor();
    await screenshot(page, 'arshjul-03-fel-datum');
    await page.getByLabel('Senast klar').fill(`${NEXT_YEAR}-06-01`);
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const added = page.getByTestId('arshjul-uppgift').filter({ hasText: 'Dialogmöte med brukarrådet' });
    await added.waitFor();
    expect(await added.textContent()).toContain('1 juni: Dialogmöte med brukarrådet');

    await added.getByRole('button').click();
    await page.getByRole('heading', { name: 'Dialogmöte med brukarrådet', level: 3 }).waitFor();
    await page.getByRole('button', { name: 'Flytta till ett annat datum' }).click();
    await page.getByLabel('Nytt datum').fill(`${NEXT_YEAR}-06-20`);
    await page.getByRole('button', { name: 'Flytta', exact: true }).click();
    await page.getByText(`Planerad till 20 juni ${NEXT_YEAR}`).waitFor();

    await page
      .getByTestId('arshjul-uppgift')
      .filter({ hasText: 'Analys av Öppna jämförelser' })
      .getByRole('button')
      .click();
    await page.getByRole('button', { name: 'Stryk uppgiften' }).click();
    await page.getByRole('button', { name: 'Stryk uppgiften' }).click();
    await page.getByRole('alert').filter({ hasText: 'Uppgiften kunde inte strykas' }).waitFor();
    await page.getByLabel('Skäl').fill('Ingen publicering nästa år');
    await page.getByRole('button', { name: 'Stryk uppgiften' }).click();
    await page.getByText('Struken: Ingen publicering nästa år').first().waitFor();
    expect(await checkPage(page, 'arshjul-04-planerad')).toEqual([]);
  });

  it('SAS marks her proactive review done, and gets no planning forms', async () => {
    page = await system.newPage();
    await signIn(page, 'sas');
    await page.goto(`/ledningssystem/arshjul?ar=${THIS_YEAR}`);
    await page.getByRole('heading', { name: `Årshjul ${THIS_YEAR}`, level: 2 }).waitFor();
    await page.getByTestId('arshjul-manad').first().waitFor();
    expect(await page.getByRole('button', { name: 'Lägg till en uppgift' }).count()).toBe(0);
    await page
      .getByTestId('arshjul-uppgift')
      .filter({ hasText: 'Proaktiv granskning av lex Sarah-arbetet 1 av 2' })
      .getByRole('button')
      .click();
    expect(await page.getByRole('button', { name: 'Stryk uppgiften' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Markera som klar' }).click();
    await page.getByLabel('Vad gjordes (valfritt)').fill('Stickprov av tio utredningar');
    await page.getByRole('button', { name: 'Markera som klar' }).click();
    await page
      .locator('[data-status="done"]')
      .filter({ hasText: 'Proaktiv granskning av lex Sarah-arbetet 1 av 2' })
      .waitFor();
    expect(await checkPage(page, 'arshjul-05-sas-klar')).toEqual([]);
  });

  it('MAS, who serves two boards, chooses the board; her own unit’s comes first', async () => {
    page = await system.newPage();
    await signIn(page, 'mas');
    await page.goto('/ledningssystem/arshjul');
    await page.getByText(/\d+ av \d+ uppgifter klara/).waitFor();
    expect(await page.getByLabel('Nämnd').inputValue()).toBe('socialnamnden');
    await page.getByLabel('Nämnd').selectOption('omsorgsnamnden');
    await page
      .getByRole('status')
      .filter({ hasText: `Det finns inget årshjul för ${THIS_YEAR} ännu.` })
      .waitFor();
    expect(await page.getByRole('button', { name: /Skapa förslag/ }).count()).toBe(0);
    expect(await checkPage(page, 'arshjul-06-mas-annan-namnd')).toEqual([]);
  });
});
