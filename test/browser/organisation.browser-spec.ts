import type { Page } from 'playwright-core';
import { checkPage, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

/**
 * Inställningar → Organisation (ADR 0030; SC-3, PR-11, AUD-7): kvalitet sees both boards with their
 * legal areas and role holders, the units of each, and the unit outside the ledningssystem with its
 * recorded analysis; the report form's unit picker is grouped by board.
 */
describe('the organisation in a real browser', () => {
  const system = useSystemInBrowser();
  let page: Page;

  it('kvalitet reads the boards, their units and the excluded unit with its analysis; the unit picker is grouped by board', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto(`${system.baseUrl}/installningar`);
    await page.getByRole('tab', { name: 'Organisation' }).click();
    await page.getByRole('heading', { name: 'Vård- och omsorgsnämnden' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Socialnämnden' }).count()).toBe(1);
    expect(await page.getByText('Din nämnd').count()).toBe(1);
    const linden = page.getByRole('table', { name: 'Enheter i Vård- och omsorgsnämnden' });
    expect(await linden.getByText('Vård- och omsorgsboende Linden').count()).toBe(1);
    expect(
      await page.getByRole('table', { name: 'Enheter i Socialnämnden' }).getByText('Linden').count(),
    ).toBe(0);
    const excluded = page.getByTestId('undantag-dagverksamhet-asken');
    expect(await excluded.textContent()).toMatch(/ingår inte i ledningssystemet.*Beslutat 2026-09-15/s);
    expect(await page.getByText(/Medicinskt ansvarig sjuksköterska \(MAS\): Lena Ström/).count()).toBe(2);
    expect(await checkPage(page, '60-organisation')).toEqual([]);

    await page.goto(`${system.baseUrl}/rapportera`);
    const picker = page.getByLabel('Enhet');
    await picker.waitFor();
    const groups = await picker
      .locator('optgroup')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('label')));
    expect(groups).toEqual(['Socialnämnden', 'Vård- och omsorgsnämnden']);
  });
});
