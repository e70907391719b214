import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { screenshot } from './support/browser';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';
import { pickPerson } from './support/pick-person';

jest.setTimeout(300_000);

/**
 * Händelseanalys and risk observations in the browser (RA-11, IMP-5, CT-14, RA-12, IMP-8; ADR 0040):
 * SAS starts an analysis from a case over two cases in two units (a missing title refused field by
 * field), adds a timeline entry (a wrong moment refused), a root cause by category, an improvement
 * action against it, and completes it; a staff member reports a risk, the unit manager opens it from
 * Mina uppgifter and triages it ("ingen åtgärd" without a rationale refused), and the reporter reads
 * the outcome. Every page: axe (no serious/critical), no console errors, a screenshot.
 */
describe('händelseanalys and risk observations in a real browser', () => {
  const system = useSystemInBrowser();
  let page: Page;
  const cases: { id: string; caseNumber: string }[] = [];

  const expectNoCodes = async () => {
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/RA-1\d|IMP-\d|CT-14|overlamning|contributing|no_action|\d{4}-\d{2}-\d{2}T/);
  };

  beforeAll(async () => {
    const staff = await devToken(system.baseUrl, 'medarbetare');
    for (const unitId of ['solgarden', 'ekbacken'])
      cases.push(
        await postJson<{ id: string; caseNumber: string }>(system.baseUrl, staff, '/cases', {
          type: 'deviation',
          unitId,
          description: `Brukare föll vid förflyttning på ${unitId}`,
          occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        }),
      );
  });

  it('SAS runs a händelseanalys over two cases: form, timeline, cause, action, completion', async () => {
    page = await system.newPage();
    await signIn(page, 'sas');
    await page.goto(`/arenden/${cases[0]!.id}`);
    await page.getByRole('heading', { name: 'Händelseanalys', level: 3 }).waitFor();
    await page.getByRole('link', { name: 'Starta händelseanalys' }).click();
    await page.getByRole('heading', { name: 'Starta en händelseanalys' }).waitFor();
    const caseField = page.getByRole('textbox', { name: 'Ärenden' });
    expect(await caseField.inputValue()).toBe(cases[0]!.caseNumber);
    await caseField.fill(`${cases[0]!.caseNumber} ${cases[1]!.caseNumber}`);
    await page
      .getByRole('textbox', { name: 'Analysteam' })
      .fill('Sara Lind, Sjuksköterska\nOmar Berg, Undersköterska');
    await page.getByRole('button', { name: 'Starta analysen' }).click();
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await page.getByRole('textbox', { name: 'Rubrik' }).getAttribute('aria-invalid')).toBe('true');
    expect(await checkPage(page, 'ha-01-nytt-fel')).toEqual([]);
    await page.getByRole('textbox', { name: 'Rubrik' }).fill('Fall vid förflyttning');
    await page.getByRole('button', { name: 'Starta analysen' }).click();
    await page.getByRole('heading', { name: 'Fall vid förflyttning', level: 2 }).waitFor();
    await page.getByText('Sara Lind, Sjuksköterska').waitFor();

    await page.getByRole('button', { name: 'Lägg till i tidslinjen' }).click();
    await page.getByRole('textbox', { name: 'När' }).fill('igår kväll');
    await page.getByRole('textbox', { name: 'Vem (roll)' }).fill('Undersköterska');
    await page
      .getByRole('textbox', { name: 'Vad hände' })
      .fill('Brukaren föll vid förflyttning till rullstol');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByText('Tidpunkten måste vara ett datum').first().waitFor();
    await screenshot(page, 'ha-02-tidslinje-fel');
    await page.getByRole('textbox', { name: 'När' }).fill('2026-02-10 14:30');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByRole('table', { name: 'Tidslinje' }).getByText('10 februari 2026 kl. 14:30').waitFor();

    await page.getByRole('button', { name: 'Lägg till en orsak' }).click();
    await page.getByRole('combobox', { name: 'Kategori' }).selectOption({ label: 'Rutin' });
    await page.getByRole('radio', { name: 'Grundorsak' }).check();
    await page.getByRole('textbox', { name: 'Beskrivning' }).fill('Rutin för förflyttning med lift saknas');
    await page.getByRole('button', { name: 'Lägg till orsaken' }).click();
    await page.getByRole('table', { name: 'Orsaker' }).getByText('Grundorsak').waitFor();

    // Actions are decided by kvalitet or the unit's manager, on the same page.
    const analysisUrl = page.url();
    page = await system.newPage();
    await signIn(page, 'kvalitet');
    await page.goto(analysisUrl);
    await page.getByRole('button', { name: 'Besluta en åtgärd' }).click();
    await page.getByRole('textbox', { name: 'Åtgärd' }).fill('Skriv rutin för förflyttning med lift');
    await page.getByRole('checkbox', { name: /Rutin för förflyttning med lift saknas/ }).check();
    await pickPerson(page, 'Ansvarig', 'enhetschef');
    await page.getByRole('textbox', { name: 'Förväntad effekt' }).fill('Inga fall vid förflyttning');
    await page.getByRole('button', { name: 'Spara åtgärden' }).click();
    await screenshot(page, 'ha-03-atgard-sparad');
    const actionRow = page
      .getByRole('table', { name: 'Åtgärder' })
      .getByText('Skriv rutin för förflyttning med lift');
    await reloadUntil(page, async () => (await actionRow.count()) > 0, 60_000);
    expect(await checkPage(page, 'ha-03-analys')).toEqual([]);
    await expectNoCodes();

    await page.getByRole('button', { name: 'Avsluta analysen' }).click();
    await page.getByRole('textbox', { name: 'Sammanfattning' }).fill('En saknad rutin ledde till fallet.');
    await page.getByRole('button', { name: 'Avsluta analysen' }).click();
    await page.getByText('En saknad rutin ledde till fallet.').waitFor();
    await page.getByText('Avslutad', { exact: true }).first().waitFor();
    await screenshot(page, 'ha-04-avslutad');

    await page.getByRole('link', { name: '← Händelseanalyser' }).click();
    await page.getByRole('table', { name: 'Händelseanalyser' }).getByText('Fall vid förflyttning').waitFor();
    expect(await checkPage(page, 'ha-05-lista')).toEqual([]);
  });

  it('a staff risk observation is triaged by the unit manager from Mina uppgifter; the reporter reads the outcome', async () => {
    page = await system.newPage();
    await signIn(page, 'medarbetare');
    await page.goto('/rapportera');
    await page.getByRole('link', { name: /Rapportera en risk du har upptäckt/ }).click();
    await page.getByRole('button', { name: 'Rapportera en risk jag har upptäckt' }).click();
    await page.getByRole('combobox', { name: 'Enhet' }).selectOption('solgarden');
    await page.getByRole('textbox', { name: 'Rubrik' }).fill('Lös matta vid entrén');
    await page.getByRole('textbox', { name: /Vad har du sett/ }).fill('Mattan glider när man går på den.');
    await page.getByRole('button', { name: 'Skicka till chefen' }).click();
    await screenshot(page, 'ro-00-skickad');
    await page.getByText('Din observation ”Lös matta vid entrén” är skickad till chefen').waitFor();
    const reportedRow = page
      .getByRole('table', { name: 'Riskobservationer' })
      .getByText('Lös matta vid entrén');
    // The list is the registers' read model, written by the projector a moment later.
    await reloadUntil(page, async () => (await reportedRow.count()) > 0, 60_000);
    expect(await checkPage(page, 'ro-01-rapporterad')).toEqual([]);

    const manager = await system.newPage();
    page = manager;
    await signIn(page, 'enhetschef');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Mina uppgifter' })
      .click();
    const task = page
      .getByRole('row')
      .filter({ hasText: 'Ta ställning till riskobservation' })
      .getByRole('link');
    await reloadUntil(page, async () => (await task.count()) > 0);
    await task.first().click();
    await page.getByRole('heading', { name: 'Ta ställning' }).waitFor();
    await page.getByRole('radio', { name: 'Ingen åtgärd' }).check();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Motivera varför ingen åtgärd behövs').first().waitFor();
    expect(await checkPage(page, 'ro-02-triage-fel')).toEqual([]);
    await page.getByRole('textbox', { name: 'Motivering' }).fill('Mattan är bortplockad.');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Ingen åtgärd: Mattan är bortplockad.').waitFor();
    await expectNoCodes();

    page = await system.newPage();
    await signIn(page, 'medarbetare');
    await page.goto('/ledningssystem/riskobservationer');
    await page.getByRole('button', { name: 'Lös matta vid entrén' }).click();
    await page.getByText('Ingen åtgärd: Mattan är bortplockad.').waitFor();
    expect(await checkPage(page, 'ro-03-aterkoppling')).toEqual([]);
  });
});
