import { checkPage, signIn } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

const WARNING = /Texten verkar innehålla ett personnummer\. Skriv inte personnummer här/;

/**
 * Issue 21, "Personnummer": the staff report form and the citizen form warn as soon as the text holds
 * a personnummer (a real date and check digit, not a phone number), and sending is still possible.
 */
describe('personnummer in a real browser: the reporter is warned before sending', () => {
  const system = useSystemInBrowser();

  it('the report form and the citizen form warn; a phone number does not; the report is still sent', async () => {
    const page = await system.newPage();
    await signIn(page, 'medarbetare');
    await page.goto(`${system.baseUrl}/rapportera`);
    const description = page.getByLabel('Vad hände?');
    await description.fill('Brukaren föll. Anhörig nås på 070-123 45 69.');
    expect(await page.getByTestId('personnummer-varning').count()).toBe(0);
    await description.fill('Brukaren 19121212-1212 föll i badrummet.');
    const warning = page.getByTestId('personnummer-varning');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(WARNING);
    expect(await checkPage(page, 'personnummer-1-rapportera-varning')).toEqual([]);
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    await page.getByTestId('arendenummer').waitFor();

    await page.goto(`${system.baseUrl}/lamna-synpunkt`);
    await page.getByLabel('Ditt meddelande').fill('Min pappa 121212-1212 fick fel medicin.');
    await page.getByTestId('personnummer-varning').waitFor();
    expect(await page.getByTestId('personnummer-varning').textContent()).toMatch(WARNING);
    expect(await checkPage(page, 'personnummer-2-synpunkt-varning')).toEqual([]);
  });
});
