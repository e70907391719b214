import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { nowAsLocalInput } from '../../apps/web/src/lib/format';
import { pdfText } from '../../libs/reporting/test/pdf-text';
import { launchBrowser, newContext, screenshot, watchPage, type PageProblems } from './support/browser';
import { checkPage, reloadUntil, signIn, signOut } from './support/session';
import { startSystem, type RunningSystem } from './support/system';
import { pickPerson } from './support/pick-person';

/**
 * Issue 9 in a real browser (Debian's Chromium through playwright-core) against the whole system:
 * the api serving the built web app, the projector and the Temporal worker on the real Postgres,
 * Kafka and Temporal. Every page is checked with axe-core (no serious or critical WCAG 2.1 A/AA
 * violation), watched for console errors and CSP violations, and photographed under
 * test-artifacts/screenshots.
 */
// Under load (2 shared cores) workflows and projections take their time; each step below waits for them.
jest.setTimeout(300_000);

describe('web UI in a real browser (issue 9)', () => {
  let system: RunningSystem | null = null;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let caseNumber = '';
  let caseUrl = '';

  beforeAll(async () => {
    // KVALITET_BROWSER_BASE_URL runs the suite against an already running `npm start` instead.
    if (process.env.KVALITET_BROWSER_BASE_URL) baseUrl = process.env.KVALITET_BROWSER_BASE_URL;
    else {
      system = await startSystem();
      baseUrl = system.baseUrl;
    }
    browser = await launchBrowser();
  }, 480_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  async function fresh(viewport?: { width: number; height: number }): Promise<void> {
    await context?.close();
    context = await newContext(browser, baseUrl, viewport);
    page = await context.newPage();
    problems = watchPage(page);
  }

  afterEach(() => {
    expect(problems.errors).toEqual([]);
  });

  it('a staff member reports a lex Sarah case with the form, unit preselected, and gets the case number', async () => {
    await fresh();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Välj demoanvändare' }).waitFor();
    expect(await checkPage(page, '01-logga-in')).toEqual([]);
    await signIn(page, 'medarbetare');
    expect(new URL(page.url()).pathname).toBe('/rapportera');
    // The unit's select, not the "Rutiner för enheten" panel beside it (PR-7).
    const unit = page.getByRole('combobox', { name: 'Enhet' });
    await unit.waitFor();
    expect(await unit.inputValue()).toBe('solgarden');

    await page.getByLabel('Lex Sarah', { exact: true }).check();
    expect(await page.getByTestId('typhjalp').textContent()).toMatch(/missförhållande/);
    expect(await checkPage(page, '02-rapportera')).toEqual([]);

    // The api's validation message is what the form shows.
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    await page.getByRole('alert').filter({ hasText: 'Rapporten kunde inte skickas' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(
      /beskrivning|får inte vara tom|måste anges/i,
    );
    await screenshot(page, '03-rapportera-valideringsfel');

    await page.getByLabel('Vad hände?').fill('En brukare lämnades utan tillsyn i duschen under 40 minuter.');
    await page
      .getByLabel('Vad gjordes direkt?')
      .fill('Brukaren fick hjälp direkt, sjuksköterska tillkallades.');
    await page.getByLabel('Berörd person (valfritt)').fill('Brukare B');
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    const number = page.getByTestId('arendenummer');
    await number.waitFor();
    caseNumber = (await number.textContent()) ?? '';
    expect(caseNumber).toMatch(/^LS-\d{4}-\d{4,}$/);
    expect(await checkPage(page, '04-rapport-skickad')).toEqual([]);
    await page.getByRole('link', { name: 'Visa ärendet' }).click();
    await page.getByTestId('steg').waitFor();
    caseUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('steg').textContent()).toBe('Rapporterad');
    await signOut(page);
  });

  it('the enhetschef sees the task in the inbox, opens the case in one click, gives the receipt and assigns the SAS', async () => {
    await fresh();
    await signIn(page, 'enhetschef');
    expect(new URL(page.url()).pathname).toBe('/uppgifter');
    const row = page.getByTestId('uppgift').filter({ hasText: caseNumber });
    await reloadUntil(page, async () => (await row.count()) > 0);
    expect(await row.first().textContent()).toContain('Ge återkoppling');
    expect(await checkPage(page, '05-mina-uppgifter-enhetschef')).toEqual([]);

    await row.first().getByRole('link', { name: caseNumber }).click();
    await page.getByTestId('steg').waitFor();
    expect(new URL(page.url()).pathname).toBe(caseUrl);
    await page.getByRole('button', { name: 'Ge återkoppling' }).click();
    await page.getByLabel('Anteckning om återkopplingen').fill('Rapportören fick besked muntligt.');
    await page.getByRole('button', { name: 'Registrera återkoppling' }).click();
    await page.getByRole('status').filter({ hasText: 'Ge återkoppling är registrerat' }).waitFor();
    await page.getByRole('button', { name: 'Utse utredare' }).click();
    await pickPerson(page, 'Utredare eller handläggare', 'sas');
    await page.getByRole('button', { name: 'Utse', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Utse utredare är registrerat' }).waitFor();
    expect(await checkPage(page, '06-arende-enhetschef')).toEqual([]);

    await page.getByRole('link', { name: 'Ärenden' }).click();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(await checkPage(page, '07-arenden')).toEqual([]);
    // A search by the case's text finds it; the list shows no free text, and the search is logged (issue 24).
    await page.getByLabel('Sök', { exact: true }).fill('duschen');
    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/v1/cases?') && r.url().includes('q=duschen'),
    );
    await page.getByRole('button', { name: 'Visa' }).click();
    expect((await searched).status()).toBe(200);
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(await page.getByRole('table', { name: 'Ärenden' }).textContent()).not.toContain('duschen');
    await signOut(page);
  });

  it('the SAS investigates, decides serious, records the IVO reference, adds and follows up an action, and closes', async () => {
    await fresh();
    await signIn(page, 'sas');
    const row = page.getByTestId('uppgift').filter({ hasText: caseNumber });
    await reloadUntil(page, async () => (await row.filter({ hasText: 'Utred ärendet' }).count()) > 0);
    expect(await checkPage(page, '08-mina-uppgifter-sas')).toEqual([]);
    await row.first().getByRole('link', { name: caseNumber }).click();
    await page.getByTestId('steg').waitFor();

    const run = async (command: string, fill: () => Promise<void>, submit: string) => {
      await page.getByRole('button', { name: command, exact: true }).click();
      await fill();
      await page.getByTestId('kommandoformular').getByRole('button', { name: submit, exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${command} är registrerat` })
        .waitFor();
    };

    await run('Starta utredning', async () => undefined, 'Starta utredningen');
    expect(await page.getByTestId('steg').textContent()).toBe('Utreds');

    // A command the case is not ready for: the api's Swedish reason is shown in the form.
    await page.getByRole('button', { name: 'Avsluta ärendet', exact: true }).click();
    await page.getByLabel('Avslutande sammanfattning').fill('För tidigt');
    await page
      .getByTestId('kommandoformular')
      .getByRole('button', { name: 'Avsluta ärendet', exact: true })
      .click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Det gick inte att genomföra' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/utredningen/);
    await screenshot(page, '09-arende-api-vagrar');
    await page.getByRole('button', { name: 'Avbryt' }).click();

    await run(
      'Registrera utredning',
      async () => {
        await page
          .getByLabel('Utredningens sammanfattning')
          .fill('Bemanningen räckte inte; rutinen för tillsyn följdes inte.');
        await page.getByLabel('Orsaker').fill('bemanning\nrutin');
        await page.getByRole('radio', { name: 'Ja' }).check();
      },
      'Registrera utredningen',
    );
    await run(
      'Fatta beslut',
      async () => {
        await page.getByLabel('Bedömning').selectOption('allvarligt_missforhallande');
        await page.getByLabel('Motivering').fill('Brukarens säkerhet var allvarligt hotad.');
      },
      'Fatta beslut',
    );
    // The system prepares the content of the anmälan (api.md): a PDF with the case number and decision.
    const [anmalan] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ned förifyllt underlag för anmälan till IVO (PDF)' }).click(),
    ]);
    const anmalanPdf = readFileSync((await anmalan.path())!);
    expect(anmalanPdf.subarray(0, 5).toString()).toBe('%PDF-');
    const anmalanText = pdfText(anmalanPdf).text;
    expect(anmalanText).toContain(caseNumber);
    await run(
      'Registrera anmälan till IVO',
      async () => {
        await page.getByLabel('IVO:s diarienummer').fill('IVO 3.5.1-12345/2026');
      },
      'Registrera anmälan',
    );
    // api.md v1.1: a serious lex Sarah case closes only once the nämnd is informed (DL-6); today's meeting.
    await run(
      'Registrera att nämnden informerats',
      async () => undefined,
      'Registrera att nämnden informerats',
    );
    const due = nowAsLocalInput(new Date(Date.now() + 14 * 86_400_000));
    await run(
      'Lägg till åtgärd',
      async () => {
        await page
          .getByRole('textbox', { name: 'Åtgärd', exact: true })
          .fill('Ny rutin för tillsyn vid dusch');
        await pickPerson(page, 'Ansvarig', 'enhetschef');
        await page.getByLabel('Klar senast').fill(due);
      },
      'Lägg till åtgärden',
    );
    await page.getByTestId('atgard').filter({ hasText: 'Ny rutin för tillsyn vid dusch' }).waitFor();
    await run(
      'Markera åtgärd som genomförd',
      async () => {
        await page.getByLabel('Resultat').fill('Rutinen är beslutad och personalen informerad.');
      },
      'Markera som genomförd',
    );
    await run(
      'Följ upp åtgärder',
      async () => {
        await page.getByRole('radio', { name: 'Ja' }).check();
        await page
          .getByLabel('Underlag för bedömningen')
          .fill('Stickprov under tre veckor: ingen upprepning.');
      },
      'Registrera uppföljningen',
    );
    await run(
      'Avsluta ärendet',
      async () => {
        await page
          .getByLabel('Avslutande sammanfattning')
          .fill('Utrett, anmält till IVO, åtgärdat och uppföljt.');
      },
      'Avsluta ärendet',
    );
    expect(await page.getByTestId('steg').textContent()).toBe('Avslutad');
    await page.getByRole('button', { name: 'Uppdatera' }).click();
    const timeline = page.getByTestId('handelse');
    await page.getByTestId('handelse').filter({ hasText: 'Ärendet avslutades' }).waitFor();
    const events = await timeline.allTextContents();
    for (const what of [
      'Ärendet rapporterades',
      'Återkoppling gavs',
      'Utredningen startade',
      'Utredningen registrerades',
      'Beslut fattades',
      'Anmälan till IVO registrerades',
      'Åtgärd lades till',
      'Åtgärd genomfördes',
      'Uppföljning registrerades',
      'Ärendet avslutades',
    ])
      expect(events.some((e) => e.includes(what))).toBe(true);
    expect(events.join('\n')).toContain('IVO 3.5.1-12345/2026');
    const ivoDeadline = page.getByTestId('frist').filter({ hasText: 'Anmälan till IVO' });
    expect(await ivoDeadline.textContent()).toContain('Uppfylld');
    expect(await checkPage(page, '10-arende-avslutat')).toEqual([]);
  });

  it('a citizen sends a complaint from a phone without signing in or choosing a category and gets the reference', async () => {
    await fresh({ width: 390, height: 844 });
    await page.goto('/lamna-synpunkt');
    await page.getByRole('heading', { name: 'Lämna synpunkt, klagomål eller beröm' }).waitFor();
    expect(await checkPage(page, '11-lamna-synpunkt-mobil')).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('alert').filter({ hasText: 'Meddelandet kunde inte skickas' }).waitFor();

    await page
      .getByLabel('Ditt meddelande')
      .fill('Min mamma fick vänta på hjälp med maten i över en timme i går.');
    await page.getByRole('button', { name: 'Skicka' }).click();
    const reference = page.getByTestId('referens');
    await reference.waitFor();
    expect(await reference.textContent()).toMatch(/^KL-\d{4}-\d{4,}$/);
    expect(await checkPage(page, '12-lamna-synpunkt-kvitto-mobil')).toEqual([]);
    // Nothing of the citizen's message is kept in the browser.
    expect(
      await page.evaluate(
        'JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({}, sessionStorage))',
      ),
    ).toBe('{}{}');
  });

  it('the report form works on a phone too', async () => {
    await fresh({ width: 390, height: 844 });
    await signIn(page, 'medarbetare');
    await page.getByLabel('Vad hände?').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await checkPage(page, '13-rapportera-mobil')).toEqual([]);
    // Only the token is kept, and only in this tab's sessionStorage.
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual(['kvalitet.session']);
  });

  it('the ledningsgrupp opens the overview with the weekly digest and downloads it as PDF', async () => {
    await fresh();
    await signIn(page, 'ledning');
    expect(new URL(page.url()).pathname).toBe('/oversikt');
    await page.getByRole('heading', { name: 'Veckosammanställning till ledningsgruppen' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('link', { name: 'Ärenden' }).count()).toBe(0);
    const digestExists = await fetch(`${baseUrl}/api/v1/openapi.json`)
      .then((r) => r.json() as Promise<{ paths: Record<string, unknown> }>)
      .then((doc) => '/api/v1/reports/weekly-digest' in doc.paths);
    if (digestExists) {
      await reloadUntil(
        page,
        async () =>
          (await page.getByTestId('sammanstallningsrad').filter({ hasText: caseNumber }).count()) > 0,
      );
      expect(await checkPage(page, '14-oversikt')).toEqual([]);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Ladda ned PDF' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^veckosammanstallning-\d{4}-W\d{2}\.pdf$/);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const { text } = pdfText(bytes);
      expect(text).toContain(caseNumber);
      expect(text).not.toContain('Brukare B');
    } else {
      // The reports endpoint is not in this build: the page says so in Swedish instead of failing.
      await page.getByText('Den här sammanställningen finns inte i systemet ännu').first().waitFor();
      expect(await checkPage(page, '14-oversikt')).toEqual([]);
    }
  });

  it('kvalitet changes the deadline policy (validation from the api) and reviews the access log', async () => {
    await fresh();
    await signIn(page, 'kvalitet');
    await page.getByRole('link', { name: 'Inställningar' }).click();
    const followUp = page.getByLabel('Uppföljning efter genomförda åtgärder: längd');
    await followUp.waitFor();
    expect(await checkPage(page, '15-installningar-frister')).toEqual([]);

    await followUp.fill('nittio');
    await page.getByRole('button', { name: 'Spara ny version' }).click();
    await page.getByRole('alert').filter({ hasText: 'Policyn sparades inte' }).waitFor();
    await screenshot(page, '16-installningar-valideringsfel');

    await followUp.fill('60');
    await page.getByRole('button', { name: 'Spara ny version' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Fristpolicyn är sparad som version' });
    await saved.waitFor();
    expect(await page.getByText(/^Version \d+\./).textContent()).toContain(
      `Version ${/version (\d+)/.exec((await saved.textContent()) ?? '')![1]}.`,
    );
    expect(await page.getByText('60 dagar').count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Åtkomstlogg' }).click();
    await page.getByTestId('loggrad').first().waitFor();
    const rows = await page.getByTestId('loggrad').allTextContents();
    expect(rows.some((r) => r.includes('Eva Holm') && r.includes('Läste ärendet'))).toBe(true);
    expect(await checkPage(page, '17-installningar-atkomstlogg')).toEqual([]);
    // the enhetschef's search, with its query (issue 24)
    await page.getByLabel('Slag').selectOption('search');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    // The unfiltered list may already hold the search row: wait until the filtered answer is shown.
    const notSearches = page.getByTestId('loggrad').filter({ hasNotText: 'Sökte i ärendelistan' });
    await page.getByTestId('loggrad').filter({ hasText: 'duschen' }).first().waitFor();
    for (let i = 0; i < 100 && (await notSearches.count()) > 0; i++) await page.waitForTimeout(100);
    const searches = await page.getByTestId('loggrad').allTextContents();
    expect(searches.every((r) => r.includes('Sökte i ärendelistan'))).toBe(true);
    expect(searches.some((r) => r.includes('Johan Berg') && r.includes('duschen'))).toBe(true);
    await screenshot(page, '17b-installningar-atkomstlogg-sokningar');

    // Kvalitet's overview has the risk matrix as a heat map (4×4, RA-1) besides the reports.
    await page.getByRole('link', { name: 'Översikt' }).click();
    await page.getByRole('heading', { name: 'Riskmatris – värmekarta' }).waitFor();
    await page.getByTestId('riskcell').first().waitFor();
    expect(await page.getByTestId('riskcell').count()).toBe(16);
    expect(await checkPage(page, '18-oversikt-kvalitet')).toEqual([]);
  });

  it('is usable with the keyboard: skip link first, demo users and menu reachable by Tab', async () => {
    await fresh();
    await page.goto('/logga-in');
    await page.getByRole('heading', { name: 'Välj demoanvändare' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("data-username")')).toBe('medarbetare');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Hoppa till innehållet');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('huvudinnehall');
  });
});
