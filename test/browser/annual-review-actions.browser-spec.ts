import { REVIEW_CHECKLIST } from '@kvalitet/domain';
import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { screenshot } from './support/browser';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';
import { personPicker, pickPerson } from './support/pick-person';

jest.setTimeout(300_000);

const stockholmDate = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });

/**
 * The March review's decided improvements as owned actions in a real browser (REP-13, IMP-10, DL-24):
 * kvalitet enters each improvement with an owner and a last day, sees the api's messages at the row's
 * fields (a missing owner, an unknown one), removes a row, records the decision, and the page lists the
 * actions with owner, last day and where they stand; the owner finds the action in "Mina uppgifter".
 */
describe("the March review's decided improvements become owned actions, in a real browser", () => {
  const system = useSystemInBrowser();
  let page: Page;
  const yesterday = stockholmDate(-1);
  const dueOn = stockholmDate(120);

  beforeAll(async () => {
    const kvalitet = await devToken(system.baseUrl, 'kvalitet');
    await postJson(system.baseUrl, kvalitet, '/ledningssystem', {
      title: 'Ledningssystem för systematiskt kvalitetsarbete',
      owner: 'forvaltningschef',
    });
    await postJson(system.baseUrl, kvalitet, '/ledningssystem/versions', {
      version: '1.0',
      validFrom: '2025-02-13',
      changeNote: 'Nytt ledningssystem',
      revisionRule: 'Vartannat år',
      followUpRule: 'Årligen i mars',
      decision: { decidedBy: 'namnd', decidedOn: '2025-02-12', reference: 'SN 2025-02-12 § 9' },
    });
    for (const item of REVIEW_CHECKLIST)
      await postJson(
        system.baseUrl,
        kvalitet,
        '/ledningssystem/reviews/2026/items',
        item.key === 'forordnanden'
          ? { key: item.key, done: false, note: 'Verksamhetschef HSL är inte utsedd' }
          : { key: item.key, done: true },
      );
  });

  it('kvalitet enters the decided improvements with owner and last day; errors at the fields; the actions are listed', async () => {
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto('/ledningssystem/arlig-genomgang/2026');
    await page.getByRole('heading', { name: 'Nämndens beslut om genomgången' }).waitFor();
    expect(await page.getByLabel('Förbättringsåtgärder beslutas').isChecked()).toBe(true);
    await screenshot(page, 'c2-00-genomgang-formular');

    await page
      .getByRole('textbox', { name: 'Åtgärd 1', exact: true })
      .fill('Nämnden utser verksamhetschef HSL');
    await pickPerson(page, 'Ansvarig för åtgärd 1', 'forvaltningschef');
    await page.getByLabel('Klar senast, åtgärd 1').fill(dueOn);
    await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
    await page.getByRole('textbox', { name: 'Åtgärd 2', exact: true }).fill('Avvikelserutinen revideras');
    await page.getByLabel('Klar senast, åtgärd 2').fill(dueOn);
    await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
    await page.getByRole('textbox', { name: 'Åtgärd 3', exact: true }).fill('Tas bort');
    await page.getByRole('button', { name: 'Ta bort åtgärd 3' }).click();
    expect(await page.getByTestId('atgard-rad').count()).toBe(2);
    await page.getByLabel('Nämndens beslutsdatum').fill(yesterday);
    await page.getByLabel('Paragraf').fill(`SN ${yesterday} § 22`);

    // No owner on the second row: the api's message at that field, nothing saved.
    await page.getByRole('button', { name: 'Spara nämndens beslut' }).click();
    await page.getByRole('alert').filter({ hasText: 'Beslutet sparades inte' }).waitFor();
    expect(await personPicker(page, 'Ansvarig för åtgärd 2').getAttribute('aria-invalid')).toBe('true');
    expect(await personPicker(page, 'Ansvarig för åtgärd 1').getAttribute('aria-invalid')).not.toBe('true');
    await screenshot(page, 'c2-01-genomgang-ansvarig-saknas');

    // A person of the other nämnd cannot own the nämnd's action (issue 21, "People").
    await pickPerson(page, 'Ansvarig för åtgärd 2', 'enhetschef.linden');
    await page.getByRole('button', { name: 'Spara nämndens beslut' }).click();
    await page.getByText('Sofia Wikström (enhetschef.linden) arbetar inte för').first().waitFor();
    expect(await personPicker(page, 'Ansvarig för åtgärd 2').getAttribute('aria-invalid')).toBe('true');
    expect(await checkPage(page, 'c2-02-genomgang-okand-ansvarig')).toEqual([]);

    await pickPerson(page, 'Ansvarig för åtgärd 2', 'enhetschef');
    await page.getByRole('button', { name: 'Spara nämndens beslut' }).click();
    await page.getByTestId('genomgang-klar').waitFor();
    const table = page.getByTestId('genomgang-atgarder');
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Nämnden utser verksamhetschef HSL');
    expect(rows[0]).toContain('Per Andersson');
    expect(rows[0]).toContain(dueOn);
    expect(rows[1]).toContain('Johan Berg');
    expect(rows[1]).toContain('Planerad, inte genomförd');
    expect(await page.locator('main').textContent()).not.toMatch(/\b(IMP|REP|DL)-\d/);
    expect(await checkPage(page, 'c2-03-genomgang-atgarder')).toEqual([]);
  });

  it('the owner finds the action in "Mina uppgifter"', async () => {
    page = await system.newPage();
    await signIn(page, 'enhetschef');
    await page.goto('/uppgifter');
    await screenshot(page, 'c2-04a-uppgifter');
    await reloadUntil(page, async () => (await page.getByText('Genomför förbättring').count()) > 0);
    expect(await checkPage(page, 'c2-04-uppgifter-enhetschef')).toEqual([]);
  });
});
