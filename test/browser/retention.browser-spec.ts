import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { checkPage, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

const TWO_YEARS_AGO = new Date(Date.now() - 2 * 366 * 86_400_000).toISOString();

/**
 * Gallring in the browser (DATA-2, DATA-7; api.md v1.1 "Records and gallring"): kvalitet sets a rule
 * under Inställningar → Gallring and places a legal hold on a case; after a gallring run the erased
 * case shows "Gallrad … enligt regel …" instead of its free text, and dataskydd finds it in the log.
 */
describe('gallring in a real browser: rules, legal hold, the erased case and the log', () => {
  const system = useSystemInBrowser();
  let page: Page;

  async function closedPraise(token: string, kvalitet: string, text: string) {
    const reported = await postJson<{ id: string; caseNumber: string }>(system.baseUrl, token, '/cases', {
      type: 'praise',
      unitId: 'solgarden',
      description: text,
      reportedAt: TWO_YEARS_AGO,
      channel: 'staff_form',
    });
    await postJson(system.baseUrl, kvalitet, `/cases/${reported.id}/close`, { summary: 'Tackat personalen' });
    return reported;
  }

  it('kvalitet edits the rules and holds a case; the erased case says so; dataskydd reads the log', async () => {
    const staff = await devToken(system.baseUrl, 'medarbetare');
    const kvalitet = await devToken(system.baseUrl, 'kvalitet');
    const erased = await closedPraise(staff, kvalitet, 'Tack till Hedvig Hallonberg för omtanken.');
    const held = await closedPraise(staff, kvalitet, 'Tack till Ingvar Isberg för tålamodet.');

    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto('/installningar');
    await page.getByRole('tab', { name: 'Gallring' }).click();
    const praise = page.getByTestId('gallringsregel').filter({ hasText: 'Beröm' });
    await praise.getByLabel('Beröm: antal år').fill('1');
    await praise.getByLabel('Beröm: räknat från').selectOption('reported');
    // A type without a rule is never erased: the page says so.
    await page.getByLabel('Extern granskning/signal: gallras').uncheck();
    expect(
      await page.getByTestId('gallringsregel').filter({ hasText: 'Extern granskning' }).textContent(),
    ).toContain('gallras aldrig');
    await page.getByLabel('Extern granskning/signal: gallras').check();
    await page.getByRole('button', { name: 'Spara gallringsreglerna' }).click();
    await page.getByRole('status').filter({ hasText: 'sparade som version 2' }).waitFor();
    expect(await checkPage(page, 'gallring-1-installningar')).toEqual([]);

    await page.goto(`/arenden/${held.id}`);
    await page.getByTestId('steg').waitFor();
    await page.getByLabel('Skäl till spärren').fill('Anhörig har anmält kommunen till JO.');
    await page.getByRole('button', { name: 'Spärra mot gallring' }).click();
    await page.getByText('Spärrat mot gallring').waitFor();
    expect(await page.getByTestId('spärr-mot-gallring').textContent()).toContain('Anhörig har anmält');
    expect(await checkPage(page, 'gallring-2-sparr')).toEqual([]);

    // The nightly run, now: the read model must have both cases closed first (the projector).
    const deadline = Date.now() + 120_000;
    for (;;) {
      const run = await postJson<{ erased: { caseId: string }[] }>(
        system.baseUrl,
        kvalitet,
        '/retention/run',
        {},
      );
      if (run.erased.some((e) => e.caseId === erased.id)) break;
      if (Date.now() > deadline) throw new Error('gallringen hittade aldrig ärendet');
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }

    await page.goto(`/arenden/${erased.id}`);
    const banner = page.getByTestId('gallrad');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /Gallrad \d{4}-\d{2}-\d{2} enligt regel Beröm: 1 år från anmälan/,
    );
    expect(await page.getByText('Hallonberg').count()).toBe(0);
    expect(await page.getByTestId('arendenummer').textContent()).toBe(erased.caseNumber);
    expect(await checkPage(page, 'gallring-3-gallrat-arende')).toEqual([]);

    await page.goto('/arenden');
    const listed = page.getByRole('row').filter({ hasText: erased.caseNumber });
    await listed.getByTestId('gallrad-i-listan').waitFor();
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: held.caseNumber })
        .getByTestId('gallrad-i-listan')
        .count(),
    ).toBe(0);

    await page.goto(`/arenden/${held.id}`);
    await page.getByText('Spärrat mot gallring').waitFor();
    expect(await page.getByTestId('gallrad').count()).toBe(0);

    const dpo = await system.newPage();
    await signIn(dpo, 'dataskydd');
    await dpo.getByRole('link', { name: 'Gallring' }).click();
    await dpo.getByRole('tab', { name: 'Gallringslogg' }).click();
    const row = dpo.getByTestId('gallringslogg-rad').filter({ hasText: erased.caseNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain('Beröm: 1 år från anmälan');
    expect(await dpo.getByTestId('gallringslogg-rad').filter({ hasText: held.caseNumber }).count()).toBe(0);
    expect(await checkPage(dpo, 'gallring-4-logg')).toEqual([]);
  });
});
