import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { pickPerson } from './support/pick-person';
import { checkPage, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

/**
 * People instead of usernames (issue 21, "People"): the enhetschef picks the investigator by name in
 * the user directory's picker, and the case page shows the name, not the username.
 */
describe('people in a real browser: the investigator picked by name', () => {
  const system = useSystemInBrowser();
  let page: Page;

  it('the enhetschef assigns a Solgården case to Eva Holm with the picker and sees her name on the case', async () => {
    const staff = await devToken(system.baseUrl, 'medarbetare');
    const reported = await postJson<{ id: string; caseNumber: string }>(system.baseUrl, staff, '/cases', {
      type: 'deviation',
      unitId: 'solgarden',
      description: 'Larmet på avdelning 2 hördes inte i korridoren.',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    });

    page = await system.newPage();
    await signIn(page, 'enhetschef');
    await page.goto(`/arenden/${reported.id}`);
    await page.getByTestId('steg').waitFor();
    await page.getByRole('button', { name: 'Utse utredare' }).click();
    const picker = page.getByRole('combobox', { name: 'Utredare eller handläggare' });
    await picker.click();
    await picker.fill('eva');
    const option = page.getByRole('option', { name: /^Eva Holm – / });
    await option.waitFor();
    expect(await option.textContent()).not.toContain('sas');
    expect(await checkPage(page, 'people-1-valj-utredare')).toEqual([]);
    await option.click();
    await page.getByRole('button', { name: 'Utse', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Utse utredare är registrerat' }).waitFor();
    const facts = await page.locator('main').textContent();
    expect(facts).toContain('Eva Holm');
    expect(facts).not.toMatch(/Utredare\s*sas\b/);
    expect(await checkPage(page, 'people-2-arende-med-utredare')).toEqual([]);

    // The picker offers only those who work for the case's unit: not the other nämnd's Sofia Wikström.
    await page.getByRole('button', { name: 'Utse utredare' }).click();
    const again = page.getByRole('combobox', { name: 'Utredare eller handläggare' });
    await again.click();
    await again.fill('Sofia');
    await page.getByText('Ingen person med det namnet').waitFor();
    await pickPerson(page, 'Utredare eller handläggare', 'forvaltningschef');
    expect(await again.inputValue()).toMatch(/^Per Andersson – Förvaltningschef/);
  });
});
