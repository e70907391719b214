import type { Browser } from 'playwright-core';
import { jpegWithLocation } from '../support/photo-with-location';
import { launchBrowser, screenshot, watchPage } from './support/browser';
import { checkPage, signIn } from './support/session';
import { startSystem, type RunningSystem } from './support/system';

/**
 * Attachments (issue 21) on a phone in a real browser against the whole system: a member of staff
 * attaches a photo on the report form (the file input the camera button opens), sends the report,
 * and the photo is on the case with its size, who and when, and downloads under its name; a citizen
 * attaches a letter on the public form without login. Every page:
 * axe (no serious/critical), no console errors, a screenshot.
 */
jest.setTimeout(300_000);

const PHONE = { width: 390, height: 844 };

describe('attachments on a phone', () => {
  let system: RunningSystem | null = null;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    if (process.env.KVALITET_BROWSER_BASE_URL) baseUrl = process.env.KVALITET_BROWSER_BASE_URL;
    else {
      const webDist = process.env.KVALITET_BROWSER_WEB_DIST;
      system = await startSystem(webDist ? { WEB_DIST_DIR: webDist } : {});
      baseUrl = system.baseUrl;
    }
    browser = await launchBrowser();
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it('a photo attached on the report form shows on the case and downloads', async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await signIn(page, 'medarbetare');
      await page.goto('/rapportera');
      await page.getByLabel('Vad hände?').fill('Läkemedelslistan i rum 12 var fel ifylld, se foto.');
      await page.getByRole('button', { name: 'Ta ett foto' }).waitFor();
      await page.getByTestId('bilaga-fil').setInputFiles({
        name: 'lakemedelslista.jpg',
        mimeType: 'image/jpeg',
        buffer: jpegWithLocation(),
      });
      await page.getByTestId('bifogad-fil').filter({ hasText: 'lakemedelslista.jpg' }).waitFor();
      await page.getByTestId('bifogad-fil').scrollIntoViewIfNeeded();
      expect(await checkPage(page, 'bilagor-01-rapport-telefon')).toEqual([]);

      await page.getByRole('button', { name: 'Skicka rapporten' }).click();
      await page.getByTestId('arendenummer').waitFor();
      await page.getByRole('link', { name: 'Visa ärendet' }).click();

      const row = page.getByTestId('bilaga').filter({ hasText: 'lakemedelslista.jpg' });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/Rapport/);
      await page.getByRole('heading', { name: 'Bilagor' }).scrollIntoViewIfNeeded();
      expect(await checkPage(page, 'bilagor-02-arende-telefon')).toEqual([]);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Hämta lakemedelslista.jpg' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('lakemedelslista.jpg');
      await screenshot(page, 'bilagor-03-hamtad');

      // The citizen form, without login: a scanned letter attached the same way.
      await page.goto('/lamna-synpunkt');
      await page.getByTestId('bilaga-fil').setInputFiles({
        name: 'brev.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      });
      await page.getByTestId('bifogad-fil').filter({ hasText: 'brev.pdf' }).waitFor();
      await page.getByTestId('bifogad-fil').scrollIntoViewIfNeeded();
      expect(await checkPage(page, 'bilagor-04-medborgare-telefon')).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
