import { jpegWithLocation } from '../support/photo-with-location';
import { screenshot } from './support/browser';
import { checkPage, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

/**
 * Attachments (issue 21) on a phone in a real browser against the whole system: a member of staff
 * attaches a photo on the report form (the file input the camera button opens), sends the report,
 * and the photo is on the case with its size, who and when, and downloads under its name; a citizen
 * attaches a letter on the public form without login. Every page:
 * axe (no serious/critical), no console errors, a screenshot.
 */
jest.setTimeout(300_000);

describe('attachments on a phone', () => {
  const system = useSystemInBrowser();

  it('a photo attached on the report form shows on the case and downloads', async () => {
    const page = await system.newPage({ phone: true });
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
  });
});
