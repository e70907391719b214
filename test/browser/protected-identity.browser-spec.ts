import type { Page } from 'playwright-core';
import { checkPage, signIn, signOut } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

const NEEDLE = 'Fredrika Hemlig';

/**
 * Skyddade personuppgifter in the browser (DATA-2, DATA-5; ADR 0029): a staff member reports with the
 * checkbox; the unit manager sees the badge, states a reason and then reads the text; kvalitet sees the
 * case without the text and, in the Åtkomstlogg, who read it and why. Every page is axe-clean.
 */
describe('protected identity in a real browser: the reason before the text, and the access log', () => {
  const system = useSystemInBrowser();
  let page: Page;

  it('report with the checkbox → the manager gives a reason and reads → kvalitet sees the log, not the text', async () => {
    page = await system.newPage();
    await signIn(page, 'medarbetare');
    await page.goto(`${system.baseUrl}/rapportera`);
    await page.getByLabel('Vad hände?').fill(`${NEEDLE} föll i badrummet och ingen larmade.`);
    await page.getByLabel('Personen det gäller har skyddade personuppgifter').check();
    expect(await checkPage(page, 'pi-01-rapportera-skyddade-personuppgifter')).toEqual([]);
    await page.getByRole('button', { name: 'Skicka' }).click();
    const number = (await page.getByTestId('arendenummer').textContent())!.trim();
    await page.getByRole('link', { name: 'Visa ärendet' }).click();
    await page.getByTestId('skyddade-personuppgifter').first().waitFor();
    // The reporter is not among the readers of the text.
    await page.getByTestId('fritext-undanhallen').waitFor();
    expect(await page.getByText(NEEDLE).count()).toBe(0);
    const caseUrl = page.url();
    await signOut(page);

    await signIn(page, 'enhetschef');
    await page.goto(caseUrl);
    await page.getByTestId('skal-dialog').waitFor();
    expect(await page.getByTestId('skyddade-personuppgifter').first().textContent()).toBe(
      'Skyddade personuppgifter',
    );
    expect(await page.getByText(NEEDLE).count()).toBe(0);
    expect(await checkPage(page, 'pi-02-ange-skal')).toEqual([]);
    await page.getByRole('button', { name: 'Visa uppgifterna' }).click();
    expect(await page.getByText('Skälet måste vara 3–500 tecken långt.').count()).toBe(1);
    await page.getByTestId('skal-dialog').getByRole('textbox').fill('Utredning av fallet enligt rutin');
    await page.getByRole('button', { name: 'Visa uppgifterna' }).click();
    await page.getByText(NEEDLE, { exact: false }).first().waitFor();
    expect(await page.getByTestId('skal-dialog').count()).toBe(0);
    expect(await checkPage(page, 'pi-03-fritext-med-skal')).toEqual([]);
    await signOut(page);

    await signIn(page, 'kvalitet');
    await page.goto(`${system.baseUrl}/arenden`);
    const row = page.getByRole('row').filter({ hasText: number });
    await row
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async () => {
        await page.reload();
        await row.first().waitFor();
      });
    expect(await row.first().textContent()).toContain('Skyddade personuppgifter');
    expect(await checkPage(page, 'pi-04-arendelista-markering')).toEqual([]);
    await page.goto(caseUrl);
    await page.getByTestId('fritext-undanhallen').waitFor();
    const log = page.getByTestId('atkomstlogg');
    await log.waitFor();
    const logText = (await log.textContent()) ?? '';
    expect(logText).toContain('Johan Berg');
    expect(logText).not.toContain('(enhetschef)');
    expect(logText).toContain('Utredning av fallet enligt rutin');
    expect(await page.getByText(NEEDLE).count()).toBe(0);
    expect(await checkPage(page, 'pi-05-atkomstlogg-kvalitet')).toEqual([]);
  });
});
