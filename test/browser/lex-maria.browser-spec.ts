import type { Page } from 'playwright-core';
import { nowAsLocalInput } from '../../apps/web/src/lib/format';
import { devToken, postJson } from './support/api';
import { checkPage, reloadUntil, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

/**
 * A lex Maria case driven by the MAS from report to closed in a real browser (api.md v1.1; LC-8
 * steps 1–6, DL-6, DL-7, DL-9): every statutory step is recorded and shows on the checklist, and a
 * step whose prerequisite is missing is refused with the api's Swedish reason.
 */
describe('lex Maria in a real browser: the MAS works the statutory checklist', () => {
  const system = useSystemInBrowser();
  let page: Page;

  const step = (key: string) => page.getByTestId(`steg-${key}`);
  const statusOf = (key: string) => step(key).getAttribute('data-status');

  /** Runs a command from the case page: its button, its form, its submit; waits for the confirmation. */
  async function run(command: string, fill: () => Promise<void>, submit: string): Promise<void> {
    await page.getByRole('button', { name: command, exact: true }).click();
    await fill();
    await page.getByTestId('kommandoformular').getByRole('button', { name: submit, exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${command} är registrerat` })
      .waitFor();
  }

  /** Runs a command the case is not ready for: the api's reason is shown, and the form is closed again. */
  async function refused(command: string, fill: () => Promise<void>, submit: string): Promise<string> {
    await page.getByRole('button', { name: command, exact: true }).click();
    await fill();
    await page.getByTestId('kommandoformular').getByRole('button', { name: submit, exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Det gick inte att genomföra' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    await page.getByRole('button', { name: 'Avbryt' }).click();
    return text;
  }

  it('mas classifies, investigates, decides, informs the patient, reports to IVO, notes the journal, informs the nämnd and closes', async () => {
    const nurse = await devToken(system.baseUrl, 'medarbetare');
    const reported = await postJson<{ id: string; caseNumber: string }>(system.baseUrl, nurse, '/cases', {
      type: 'lex_maria',
      unitId: 'solgarden',
      occurredAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      description: 'Patienten fick tio gånger för hög dos insulin och fördes till akuten.',
      channel: 'staff_form',
    });

    page = await system.newPage();
    await signIn(page, 'mas');
    const row = page.getByTestId('uppgift').filter({ hasText: reported.caseNumber });
    await reloadUntil(page, async () => (await row.filter({ hasText: 'Klassificera ärendet' }).count()) > 0);
    expect(await row.filter({ hasText: 'Informera patient eller närstående' }).count()).toBe(1);
    await row.first().getByRole('link', { name: reported.caseNumber }).click();
    await page.getByTestId('steg').waitFor();

    // The checklist at report: the MAS's assessment and the patient's information are due at once.
    expect(await statusOf('mas_classification')).toBe('due');
    expect(await statusOf('patient_information')).toBe('due');
    expect(await statusOf('journal_note')).toBe('due');
    expect(await statusOf('ivo_report')).toBe('waiting');
    expect(await statusOf('board_information')).toBe('waiting');
    expect(await checkPage(page, '50-lex-maria-checklista')).toEqual([]);

    await run(
      'Klassificera',
      async () => {
        await page.getByLabel('Kategori').selectOption('läkemedel');
      },
      'Klassificera',
    );
    expect(await statusOf('mas_classification')).toBe('done');
    await run('Starta utredning', async () => undefined, 'Starta utredningen');
    await run(
      'Registrera utredning',
      async () => {
        await page
          .getByLabel('Utredningens sammanfattning')
          .fill('Ordinationen lästes fel vid överlämningen.');
        await page.getByLabel('Orsaker').fill('överlämning\ndubbelkontroll saknades');
      },
      'Registrera utredningen',
    );
    await run(
      'Fatta beslut',
      async () => {
        await page.getByLabel('Bedömning').selectOption('allvarlig_vardskada');
        await page.getByLabel('Motivering').fill('Patienten fick en allvarlig vårdskada.');
      },
      'Fatta beslut',
    );
    expect(await statusOf('ivo_report')).toBe('due');

    // IVO waits for the patient's information (DL-9): refused, nothing written.
    const ivoFirst = await refused(
      'Registrera anmälan till IVO',
      async () => {
        await page.getByLabel('IVO:s diarienummer').fill('IVO 3.5.1-777/2026');
      },
      'Registrera anmälan',
    );
    expect(ivoFirst).toMatch(/informationen till patienten/);

    await run(
      'Registrera information till patient/närstående',
      async () => {
        await page
          .getByLabel('När informationen gavs')
          .fill(nowAsLocalInput(new Date(Date.now() - 3600_000)));
        await page.getByLabel('Vem som informerades').selectOption('relative');
        await page.getByLabel('Hur', { exact: true }).selectOption('phone');
      },
      'Registrera informationen',
    );
    expect(await statusOf('patient_information')).toBe('done');
    expect(await step('patient_information').textContent()).toMatch(/Närstående per telefon.*Lena Ström/);

    await run(
      'Registrera anmälan till IVO',
      async () => {
        await page.getByLabel('IVO:s diarienummer').fill('IVO 3.5.1-777/2026');
      },
      'Registrera anmälan',
    );
    expect(await statusOf('ivo_report')).toBe('done');
    // The nämnd's next meeting is the deadline now (DL-6).
    expect(await statusOf('board_information')).toBe('due');
    expect(await step('board_information').textContent()).toMatch(/Senast/);

    // Closing needs the journal note and the nämnd (api.md v1.1 closing rules).
    const closeEarly = await refused(
      'Avsluta ärendet',
      async () => {
        await page.getByLabel('Avslutande sammanfattning').fill('För tidigt');
      },
      'Avsluta ärendet',
    );
    expect(closeEarly).toMatch(/journalanteckningen/);

    await run('Bekräfta journalanteckning', async () => undefined, 'Bekräfta journalanteckning');
    await run(
      'Registrera att nämnden informerats',
      async () => {
        await page.getByLabel('Paragraf i protokollet').fill('§ 141');
      },
      'Registrera att nämnden informerats',
    );
    for (const key of [
      'mas_classification',
      'investigation',
      'decision',
      'patient_information',
      'journal_note',
      'ivo_report',
      'board_information',
    ])
      expect([key, await statusOf(key)]).toEqual([key, 'done']);
    expect(await step('board_information').textContent()).toMatch(/§ 141/);

    await run(
      'Avsluta ärendet',
      async () => {
        await page
          .getByLabel('Avslutande sammanfattning')
          .fill('Utrett, anmält till IVO, nämnden informerad.');
      },
      'Avsluta ärendet',
    );
    expect(await page.getByTestId('steg').textContent()).toBe('Avslutad');
    expect(await checkPage(page, '51-lex-maria-avslutad')).toEqual([]);
  });
});
