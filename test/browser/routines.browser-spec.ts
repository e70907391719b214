import type { Browser, BrowserContext, Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { launchBrowser, newContext, screenshot, watchPage, type PageProblems } from './support/browser';
import { checkPage, reloadUntil, signIn } from './support/session';
import { startSystem, type RunningSystem } from './support/system';
import { personPicker, pickPerson } from './support/pick-person';

/**
 * Processer och rutiner in a real browser against the whole system: kvalitet creates a routine with
 * the form (and sees the api's field errors), adopts it, revises it, changes its owner and repeals it
 * (PR-1…PR-5, DL-32: overdue revisions first and in red); staff reach the unit's routines from the
 * report form in one click and see no forms (PR-7); the unit manager links a case to a routine and
 * asks for its review, which the routine's page shows (PR-8). Every page: axe, no console errors,
 * a screenshot.
 */
jest.setTimeout(300_000);

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

describe('Processer och rutiner in a real browser', () => {
  let system: RunningSystem | null = null;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  const suffix = String(Date.now() % 100000);
  const overdueCode = `RUT-FORF-${suffix}`;
  let overdueId = '';
  let caseId = '';
  let caseNumber = '';

  async function fresh(): Promise<void> {
    await context?.close();
    context = await newContext(browser, baseUrl);
    page = await context.newPage();
    problems = watchPage(page);
  }

  beforeAll(async () => {
    if (process.env.KVALITET_BROWSER_BASE_URL) baseUrl = process.env.KVALITET_BROWSER_BASE_URL;
    else {
      system = await startSystem();
      baseUrl = system.baseUrl;
    }
    browser = await launchBrowser();
    const kvalitet = await devToken(baseUrl, 'kvalitet');
    const staff = await devToken(baseUrl, 'medarbetare');
    const routine = await postJson<{ id: string }>(baseUrl, kvalitet, '/routines', {
      kind: 'routine',
      level: 3,
      code: overdueCode,
      title: 'Förflyttning med lift',
      unitId: 'solgarden',
      owner: 'enhetschef',
      revisionInterval: 'P1Y',
    });
    overdueId = routine.id;
    // Valid from 2024 with a yearly revision: its revision date has passed (PR-5).
    await postJson(baseUrl, kvalitet, `/routines/${routine.id}/adopt-version`, {
      version: '1.0',
      decision: { decidedBy: 'forvaltningschef', decidedOn: '2024-01-10', reference: 'FC 2024/1' },
      validFrom: '2024-02-01',
      changeNote: 'Första versionen',
    });
    const reported = await postJson<{ id: string; caseNumber: string }>(baseUrl, staff, '/cases', {
      type: 'deviation',
      unitId: 'solgarden',
      description: 'Brukaren föll vid förflyttning nattetid; liften stod i förrådet.',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString().replace('Z', '+00:00'),
    });
    caseId = reported.id;
    caseNumber = reported.caseNumber;
  }, 480_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await system?.close();
  });

  afterEach(() => {
    expect(problems.errors).toEqual([]);
  });

  it('kvalitet creates, adopts, revises, changes the owner of and repeals a routine', async () => {
    await fresh();
    await signIn(page, 'kvalitet');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Processer och rutiner' })
      .click();
    await page.getByRole('heading', { name: 'Processer och rutiner', level: 2 }).waitFor();
    // The list is a read model: the overdue routine arrives with the projector, first and in red.
    await reloadUntil(page, async () => (await page.getByTestId('rutin').count()) > 0);
    const first = page.getByTestId('rutin').first();
    expect(await first.textContent()).toContain(overdueCode);
    expect(await first.textContent()).toContain('revideringen är försenad');
    expect(await first.textContent()).toContain('Johan Berg');
    expect(await checkPage(page, 'rut-01-register')).toEqual([]);

    // The api's field errors are shown at the fields.
    await page.getByRole('button', { name: 'Ny process/rutin' }).click();
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('alert').filter({ hasText: 'Dokumentet kunde inte registreras' }).waitFor();
    const codeField = page.getByLabel('Dokument-id');
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');
    expect(await personPicker(page, 'Ägare').getAttribute('aria-invalid')).toBe('true');
    expect(await checkPage(page, 'rut-02-ny-valideringsfel')).toEqual([]);

    const code = `RUT-NATT-${suffix}`;
    await codeField.fill(code);
    const form = page.getByRole('form', { name: 'Ny process eller rutin' });
    await form.getByLabel('Titel').fill('Tillsyn nattetid');
    await form.getByRole('combobox', { name: /^Enhet/ }).selectOption('solgarden');
    await pickPerson(page, 'Ägare', 'enhetschef');
    await form.getByRole('combobox', { name: /^Revideras/ }).selectOption('P1Y');
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { name: `${code} Tillsyn nattetid` }).waitFor();
    expect(await page.getByText('Utkast').first().isVisible()).toBe(true);
    expect(await page.getByText('Ingen version är fastställd ännu').isVisible()).toBe(true);

    // Adopt the first version with its decision.
    await page.getByRole('button', { name: 'Fastställ version' }).click();
    expect(await page.getByRole('textbox', { name: /^Version/ }).inputValue()).toBe('1.0');
    await page.getByLabel('Beslutat av').selectOption('enhetschef');
    await page.getByLabel('Paragraf eller diarienummer').fill('EC 2026/5');
    await page.getByRole('button', { name: 'Fastställ versionen' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1.0 är fastställd.' }).waitFor();
    expect(await page.getByTestId('version').count()).toBe(1);
    expect(await checkPage(page, 'rut-03-faststalld')).toEqual([]);

    // Revise: a new version with its decision; both versions are kept (PR-4).
    await page.getByRole('button', { name: 'Revidera (ny version)' }).click();
    expect(await page.getByRole('textbox', { name: /^Version/ }).inputValue()).toBe('2.0');
    await page.getByLabel('Beslutat av').selectOption('forvaltningschef');
    await page.getByLabel('Paragraf eller diarienummer').fill('FC 2026/40');
    await page.getByLabel('Vad som ändrats').fill('Dubbelbemanning vid förflyttning nattetid');
    await screenshot(page, 'rut-04-revidera-formular');
    await page.getByRole('button', { name: 'Fastställ versionen' }).click();
    await page.getByRole('status').filter({ hasText: 'dokumentet är reviderat' }).waitFor();
    expect(await page.getByTestId('version').count()).toBe(2);
    expect(await page.getByTestId('version').first().textContent()).toContain(
      'Dubbelbemanning vid förflyttning nattetid',
    );

    // Change the owner: the name from the directory is shown.
    await page.getByRole('button', { name: 'Byt ägare' }).click();
    await pickPerson(page, 'Ägare', 'avdelningschef');
    await page.getByRole('button', { name: 'Byt ägare' }).last().click();
    await page.getByRole('status').filter({ hasText: 'Ägaren är bytt.' }).waitFor();
    expect(await page.getByText('Karin Nilsson', { exact: true }).first().isVisible()).toBe(true);
    expect(await checkPage(page, 'rut-05-reviderad')).toEqual([]);

    // Repeal with a decision; the versions stay readable and no more forms are offered.
    await page.getByRole('button', { name: 'Upphäv' }).click();
    await page.getByLabel('Beslutat av').selectOption('forvaltningschef');
    await page.getByLabel('Beslutsdatum').fill(today());
    await page.getByLabel('Paragraf eller diarienummer').fill('FC 2026/41');
    await page.getByLabel('Skäl').fill('Ersatt av den gemensamma rutinen för förflyttning');
    await page.getByRole('button', { name: 'Upphäv' }).last().click();
    await page.getByRole('alert').filter({ hasText: 'Dokumentet är upphävt' }).waitFor();
    expect(await page.getByTestId('version').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Revidera (ny version)' }).count()).toBe(0);
    expect(await checkPage(page, 'rut-06-upphavd')).toEqual([]);
  });

  it('staff reach the unit’s routine from the report form in one click, and see no forms', async () => {
    await fresh();
    await signIn(page, 'medarbetare');
    await page.goto('/rapportera');
    const panel = page.getByRole('region', { name: 'Rutiner för enheten' });
    await reloadUntil(
      page,
      async () => (await panel.getByRole('link', { name: new RegExp(overdueCode) }).count()) > 0,
    );
    expect(await checkPage(page, 'rut-07-rapportformular-rutiner')).toEqual([]);
    // One click: the routine opens in a new tab, so the report being written is kept.
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      panel.getByRole('link', { name: new RegExp(overdueCode) }).click(),
    ]);
    const tabProblems = watchPage(tab);
    await tab.getByRole('heading', { name: `${overdueCode} Förflyttning med lift` }).waitFor();
    expect(await tab.getByText('Du kan läsa dokumentet.').isVisible()).toBe(true);
    expect(await tab.getByRole('button', { name: /Revidera|Upphäv|Byt ägare|Fastställ/ }).count()).toBe(0);
    expect(await checkPage(tab, 'rut-08-rutin-som-medarbetare')).toEqual([]);
    expect(tabProblems.errors).toEqual([]);
  });

  it('the unit manager links the case to the routine and asks for its review', async () => {
    await fresh();
    await signIn(page, 'enhetschef');
    await page.goto(`/arenden/${caseId}`);
    await page.getByTestId('arendenummer').waitFor();
    await page.getByRole('button', { name: 'Koppla till rutin' }).click();
    // Without a choice the form says what is missing, and nothing is sent.
    await page.getByRole('button', { name: 'Koppla', exact: true }).click();
    await page.getByText('Välj en rutin eller process.').waitFor();
    await page
      .getByRole('combobox', { name: 'Rutin eller process' })
      .selectOption({ label: `${overdueCode} Förflyttning med lift` });
    await page.getByLabel('Vad ärendet visar om rutinen (valfritt)').fill('Liften stod i förrådet nattetid.');
    await page.getByRole('button', { name: 'Koppla', exact: true }).click();
    const linked = page.getByRole('list', { name: 'Kopplade rutiner' });
    await linked.getByRole('link', { name: new RegExp(overdueCode) }).waitFor();

    await page.getByRole('button', { name: `Begär översyn av ${overdueCode}` }).click();
    await page.getByRole('button', { name: 'Begär översyn', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Översyn kunde inte begäras' }).waitFor();
    await page.getByLabel(/inte ändamålsenlig/).fill('Rutinen säger inget om var liften ska stå nattetid.');
    await page.getByRole('button', { name: 'Begär översyn', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Översyn är begärd' }).waitFor();
    expect(await checkPage(page, 'rut-09-arende-kopplat')).toEqual([]);

    // Two clicks at most from the case to the routine (PR-7); it shows the case and the request.
    await linked.getByRole('link', { name: new RegExp(overdueCode) }).click();
    await page.getByRole('heading', { name: `${overdueCode} Förflyttning med lift` }).waitFor();
    expect(await page.getByTestId('kopplat-arende').first().textContent()).toContain(caseNumber);
    expect(await page.getByTestId('kopplat-arende').first().textContent()).toContain(
      'Liften stod i förrådet',
    );
    expect(await page.getByTestId('begard-oversyn').first().textContent()).toContain('Väntar på översyn');
    expect(page.url()).toContain(`/ledningssystem/rutiner/${overdueId}`);
    expect(await checkPage(page, 'rut-10-rutin-med-arende')).toEqual([]);
    // The review request is the owner's task (the duty workflow opened it), due in a month.
    await reloadUntil(
      page,
      async () => (await page.getByText(/Se över rutinen .* inte är ändamålsenlig/).count()) > 0,
    );

    // In Mina uppgifter the routine's tasks open the routine's page (taskHref).
    await page.goto('/uppgifter');
    const row = page.getByTestId('uppgift').filter({ hasText: overdueCode }).first();
    await reloadUntil(page, async () => (await row.count()) > 0);
    expect(await row.textContent()).toContain('Revidera rutin eller process');
    await row.getByRole('link', { name: overdueCode }).click();
    await page.getByRole('heading', { name: `${overdueCode} Förflyttning med lift` }).waitFor();
  });
});
