import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

/**
 * A personuppgiftsincident in the browser (DL-14, api.md v1.1): the data protection officer finds
 * the IMY task in the inbox, sees the hours left on the case, and records that the breach need not
 * be notified, which meets the deadline.
 */
describe('data breach in a real browser: dataskydd and the 72 hours to IMY', () => {
  const system = useSystemInBrowser();
  let page: Page;

  it('dataskydd opens the task, sees the hours left, assesses the breach as not notifiable and the deadline is met', async () => {
    const staff = await devToken(system.baseUrl, 'medarbetare');
    const reported = await postJson<{ id: string; caseNumber: string }>(system.baseUrl, staff, '/cases', {
      type: 'data_breach',
      unitId: 'solgarden',
      occurredAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      awareAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
      description: 'En lista med brukares namn skickades med e-post till fel mottagare.',
      channel: 'staff_form',
    });

    page = await system.newPage();
    await signIn(page, 'dataskydd');
    const row = page.getByTestId('uppgift').filter({ hasText: reported.caseNumber });
    await reloadUntil(page, async () => (await row.count()) > 0);
    expect(await row.first().textContent()).toContain('Bedöm personuppgiftsincidenten och anmäl till IMY');
    expect(await checkPage(page, '40-mina-uppgifter-dataskydd')).toEqual([]);

    await row.first().getByRole('link', { name: reported.caseNumber }).click();
    await page.getByTestId('steg').waitFor();
    const imy = page.getByTestId('frist').filter({ hasText: 'Anmälan till IMY' });
    expect(await imy.textContent()).toMatch(/om 70 timmar/);
    expect(await checkPage(page, '41-personuppgiftsincident')).toEqual([]);

    await page.getByRole('button', { name: 'Bedöm personuppgiftsincidenten', exact: true }).click();
    await page.getByLabel('Ska incidenten anmälas till IMY?').selectOption('nej');
    await page
      .getByLabel('Motivering')
      .fill(
        'Mottagaren är en kollega i samma förvaltning som raderat brevet; ingen risk för de registrerade.',
      );
    await page.getByTestId('kommandoformular').getByRole('button', { name: 'Spara bedömningen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Bedöm personuppgiftsincidenten är registrerat' })
      .waitFor();
    await imy.filter({ hasText: 'Uppfylld' }).waitFor();
    expect(await page.getByText('Behöver inte anmälas till IMY').count()).toBe(1);
    expect(await checkPage(page, '42-personuppgiftsincident-bedomd')).toEqual([]);
  });
});
