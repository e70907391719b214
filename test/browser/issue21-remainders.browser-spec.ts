import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { checkPage, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

/**
 * Issue 21's remainders in one walk as enhetschef: an improvement proposal's task in "Mina uppgifter"
 * opens the improvement page, where it is assessed and then marked as done (IMP-2, IMP-8); and a case
 * is classified as "Annat" with the words for it, which the case then shows (DATA-5).
 */
describe('improvement page and "Annat" in a real browser (issue 21)', () => {
  const system = useSystemInBrowser();
  let page: Page;

  it('enhetschef opens the proposal from the inbox, assesses it, marks it done and classifies a case as Annat', async () => {
    const staff = await devToken(system.baseUrl, 'medarbetare');
    const title = `Checklista vid nattens överlämning ${Date.now()}`;
    const proposal = await postJson<{ id: string; reference: string }>(
      system.baseUrl,
      staff,
      '/improvement-proposals',
      {
        unitId: 'solgarden',
        title,
        description: 'Nattpersonalen missar ibland information om nya ordinationer.',
        expectedEffect: 'Färre missade ordinationer',
      },
    );
    const deviation = await postJson<{ id: string }>(system.baseUrl, staff, '/cases', {
      type: 'deviation',
      unitId: 'solgarden',
      description: 'Överlämningen till nattpatrullen uteblev.',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      channel: 'staff_form',
    });

    page = await system.newPage();
    await signIn(page, 'enhetschef');
    await page.goto('/uppgifter');
    const link = page.getByRole('link', { name: proposal.reference });
    await link.first().waitFor({ timeout: 60_000 });
    await link.first().click();
    await page.waitForURL(`**/forbattringar/${proposal.id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByLabel('Återkoppling till den som lämnade förslaget').fill('Bra förslag, vi inför det.');
    await page
      .getByLabel('Klart senast')
      .fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('Förväntad effekt').fill('Inga missade ordinationer vid överlämning');
    expect(await checkPage(page, 'forbattring-1-bedom')).toEqual([]);
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await page.getByRole('button', { name: 'Markera som genomförd' }).waitFor();
    await page.getByLabel('Vad som gjordes').fill('Checklistan används från och med måndag.');
    await page.getByRole('button', { name: 'Markera som genomförd' }).click();
    await page.getByText('Genomfört, effekten följs upp').waitFor();
    expect(await page.getByText('Förslaget antogs').count()).toBe(1);
    expect(await checkPage(page, 'forbattring-2-genomford')).toEqual([]);

    await page.goto(`/arenden/${deviation.id}`);
    await page.getByRole('button', { name: 'Klassificera' }).first().click();
    const form = page.getByTestId('kommandoformular');
    await form.getByLabel('Kategori').selectOption('annat');
    await form.getByLabel('Beskriv kategorin').fill('Brister i överlämningen till nattpatrullen');
    expect(await checkPage(page, 'annat-1-klassificera')).toEqual([]);
    await form.getByRole('button', { name: 'Klassificera' }).click();
    // The case's classification, exactly; the event history repeats it as "kategori Annat: …".
    await page.getByText('Annat: Brister i överlämningen till nattpatrullen', { exact: true }).waitFor();
    expect(await checkPage(page, 'annat-2-arendet')).toEqual([]);
  });
});
