import type { Page } from 'playwright-core';
import { devToken, postJson } from './support/api';
import { checkPage, reloadUntil, signIn, signOut } from './support/session';
import { useSystemInBrowser } from './support/system-in-browser';

jest.setTimeout(300_000);

async function getJson<T>(baseUrl: string, bearer: string, path: string): Promise<T> {
  const r = await fetch(`${baseUrl}/api/v1${path}`, {
    headers: { Authorization: `Bearer ${bearer}` },
  });
  if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('väntade förgäves');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Answers and the outcome notice on the whole running system (api, projector, worker with the case
 * workflow): the unit manager answers a complaint with "Besvara", the workflow mails the answer to the
 * complainant; the staff member who reported a deviation sees how it ended when they sign in
 * (LC-4 step 7, IMP-8; api.md v1.1 `respond`).
 */
describe('answers and the outcome notice in a real browser', () => {
  const system = useSystemInBrowser();
  let page: Page;

  it('enhetschef answers a complaint with Besvara; the case shows the answer and the complainant gets the mail', async () => {
    const email = `klagande-${Date.now()}@example.se`;
    const receipt = await postJson<{ reference: string }>(system.baseUrl, '', '/public/feedback', {
      kind: 'complaint',
      unitId: 'solgarden',
      message: 'Min mamma fick vänta en timme på hjälp med att äta.',
      contact: { email },
      wantsAnswer: true,
    });
    const kvalitet = await devToken(system.baseUrl, 'kvalitet');
    const found = await eventually(async () =>
      (
        await getJson<{ items: { id: string; caseNumber: string }[] }>(
          system.baseUrl,
          kvalitet,
          '/cases?type=complaint&pageSize=200',
        )
      ).items.find((c) => c.caseNumber === receipt.reference),
    );

    page = await system.newPage();
    await signIn(page, 'enhetschef');
    await page.goto(`/arenden/${found.id}`);
    await page.getByTestId('steg').waitFor();
    const response = page.getByTestId('frist').filter({ hasText: 'Svar till klagande' });
    await reloadUntil(page, async () => (await response.count()) > 0);
    await page.getByRole('button', { name: 'Besvara', exact: true }).click();
    await page.getByLabel('Hur svaret lämnades').selectOption('email');
    await page
      .getByLabel('Vad svarade ni?')
      .fill('Vi har gått igenom bemanningen vid måltiderna och ändrat schemat.');
    await page.getByTestId('kommandoformular').getByRole('button', { name: 'Besvara' }).click();
    await page.getByRole('status').filter({ hasText: 'Besvara är registrerat' }).waitFor();
    await response.filter({ hasText: 'Uppfylld' }).waitFor();
    expect(await page.getByText('Vi har gått igenom bemanningen', { exact: false }).count()).toBeGreaterThan(
      0,
    );
    expect(await checkPage(page, '50-klagomal-besvarat')).toEqual([]);

    // The case workflow sends it (sendCaseNotice), once, to the address the complainant left.
    const mail = await eventually(async () => {
      const page = await getJson<{ items: { key: string; to: string[]; subject: string }[] }>(
        system.baseUrl,
        kvalitet,
        `/notifications/mail?to=${encodeURIComponent(email)}`,
      );
      return page.items.length > 0 ? page.items : undefined;
    });
    expect(mail).toEqual([
      expect.objectContaining({ to: [email], subject: `Svar på ditt klagomål (${receipt.reference})` }),
    ]);
    await signOut(page);
  });

  it('medarbetare sees how the deviation they reported was closed when they sign in', async () => {
    const staff = await devToken(system.baseUrl, 'medarbetare');
    const manager = await devToken(system.baseUrl, 'enhetschef');
    const reported = await postJson<{ id: string; caseNumber: string }>(system.baseUrl, staff, '/cases', {
      type: 'deviation',
      unitId: 'solgarden',
      occurredAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      description: 'Brukaren Greta fick fel kost vid lunchen.',
      channel: 'staff_form',
    });
    await postJson(system.baseUrl, manager, `/cases/${reported.id}/start-investigation`, {});
    await postJson(system.baseUrl, manager, `/cases/${reported.id}/record-investigation`, {
      summary: 'Kostlistan var inte uppdaterad.',
      causes: ['Rutin saknades'],
    });
    await postJson(system.baseUrl, manager, `/cases/${reported.id}/close`, { summary: 'Greta mår bra.' });

    page = await system.newPage();
    await signIn(page, 'medarbetare');
    const notice = page.getByTestId('meddelande').filter({ hasText: reported.caseNumber });
    await reloadUntil(page, async () => (await notice.count()) > 0);
    const text = (await notice.first().textContent()) ?? '';
    expect(text).toContain(`Avvikelsen ${reported.caseNumber} är avslutad`);
    expect(text).toContain('Klassificering: Kvalitetsavvikelse');
    expect(text).not.toContain('Greta');
    expect(await checkPage(page, '51-utfall-till-rapportoren')).toEqual([]);
  });
});
