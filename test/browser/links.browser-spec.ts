import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { checkPage, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

/**
 * Linked cases in the browser (api.md v1.1 `link`, LC-2): a unit manager escalates a deviation to
 * lex Sarah from the case page, lands on the new case, and both cases show the link; a third case is
 * linked by its number.
 */
describe('linked cases in a real browser: escalate a deviation to lex Sarah, link by case number', () => {
  const system = useSystemInBrowser();
  let page: Page;

  it('enhetschef escalates a deviation; the lex Sarah case follows from it; a complaint is linked by number', async () => {
    const staff = await devToken(system.baseUrl, 'medarbetare');
    const report = (type: string, description: string) =>
      postJson<{ id: string; caseNumber: string }>(system.baseUrl, staff, '/cases', {
        type,
        unitId: 'solgarden',
        occurredAt: new Date(Date.now() - 5 * 3600_000).toISOString(),
        description,
        channel: 'staff_form',
      });
    const deviation = await report(
      'deviation',
      'En brukare blev utan tillsyn under natten trots beslut om tillsyn varje timme.',
    );
    const complaint = await report('complaint', 'Anhörig klagar på att tillsynen uteblev under natten.');

    page = await system.newPage();
    await signIn(page, 'enhetschef');
    await page.goto(`/arenden/${deviation.id}`);
    await page.getByTestId('steg').waitFor();
    expect(await page.getByText('Inga länkade ärenden.').count()).toBe(1);

    await page.getByRole('button', { name: 'Eskalera till lex Sarah', exact: true }).click();
    await page
      .getByLabel('Motivering')
      .fill('Tillsynen uteblev flera timmar: risk för ett allvarligt missförhållande.');
    expect(await checkPage(page, 'lk-01-eskalera-avvikelse')).toEqual([]);
    await page
      .getByTestId('kommandoformular')
      .getByRole('button', { name: 'Skapa lex Sarah-ärende' })
      .click();

    // The new case opens: a lex Sarah case that follows from the deviation.
    await page.getByTestId('arendenummer').filter({ hasText: /^LS-/ }).waitFor();
    const lexSarahNumber = (await page.getByTestId('arendenummer').textContent())!;
    expect(page.url()).not.toContain(deviation.id);
    const follows = page.getByTestId('lankat-arende');
    expect(await follows.count()).toBe(1);
    expect(await follows.textContent()).toContain('Följer av');
    expect(await follows.getByRole('link', { name: deviation.caseNumber }).count()).toBe(1);
    expect(await follows.textContent()).toContain('risk för ett allvarligt missförhållande');
    expect(await page.getByTestId('frist').count()).toBeGreaterThan(0);
    expect(await checkPage(page, 'lk-02-lex-sarah-fran-avvikelse')).toEqual([]);

    // Back on the deviation: it led to the lex Sarah case and is otherwise as it was.
    await follows.getByRole('link', { name: deviation.caseNumber }).click();
    await page.getByTestId('arendenummer').filter({ hasText: deviation.caseNumber }).waitFor();
    const ledTo = page.getByTestId('lankat-arende');
    expect(await ledTo.textContent()).toContain('Ledde till');
    expect(await ledTo.textContent()).toContain(lexSarahNumber);
    expect(await ledTo.textContent()).toContain('eskalerat till Lex Sarah');
    expect(await page.getByTestId('steg').textContent()).toBe('Rapporterad');

    // Link the complaint by its number (the case list knows it once the read model has it).
    await page.getByRole('button', { name: 'Länka ärende', exact: true }).click();
    const form = page.getByTestId('kommandoformular');
    await form.getByLabel('Ärendenummer eller id').fill(complaint.caseNumber);
    await form.getByLabel('Hur hänger ärendena ihop?').selectOption('same_event');
    const deadline = Date.now() + 60_000;
    for (;;) {
      await form.getByRole('button', { name: 'Länka', exact: true }).click();
      const linked = page.getByTestId('lankat-arende').filter({ hasText: complaint.caseNumber });
      const notYet = form.getByText('Hittade inget ärende med numret');
      await Promise.race([linked.waitFor(), notYet.waitFor()]);
      if ((await linked.count()) > 0) break;
      if (Date.now() > deadline) throw new Error('the complaint never reached the case list');
      await page.waitForTimeout(1500);
    }
    expect(
      await page.getByTestId('lankat-arende').filter({ hasText: complaint.caseNumber }).textContent(),
    ).toContain('Samma händelse');
    expect(await checkPage(page, 'lk-03-avvikelse-lankad')).toEqual([]);
  });
});
