import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { postJson } from './support/api';
import { launchBrowser, newContext, screenshot, watchPage, type PageProblems } from './support/browser';
import { checkPage, reloadUntil } from './support/session';
import { startSystem, type RunningSystem } from './support/system';

jest.setTimeout(300_000);

const KEYCLOAK_PORT = process.env.KVALITET_KEYCLOAK_PORT ?? '18080';
const ISSUER = `http://127.0.0.1:${KEYCLOAK_PORT}/realms/kvalitet`;
/** The realm's client gives 10-second access tokens; the api refreshes them 5 seconds early. */
const PAST_REFRESH_MS = 7_000;
const IDLE_TIMEOUT_SECONDS = 15;
const KEYCLOAK_SCRIPT = resolve(__dirname, '../../infra/keycloak.sh');

function keycloakRunning(): boolean {
  try {
    execFileSync('bash', [KEYCLOAK_SCRIPT, 'status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Sign-in against a real identity provider (issue 21, ADR 0043): Keycloak from infra/keycloak.sh,
 * the whole system with AUTH_MODE=oidc and the api's cookie session. Two people sign in one after
 * the other on the same browser and each sees only their own unit's cases; the session outlives the
 * access token (refresh), a state-changing request without the CSRF token is refused, signing out
 * ends Keycloak's session too, and a session nobody uses ends after the idle timeout.
 */
describe('sign-in with Keycloak: the api session on a shared PC', () => {
  let system: RunningSystem;
  let browser: Browser;
  let context: BrowserContext;
  let problems: PageProblems;
  let page: Page;

  let keycloakStartedHere = false;

  beforeAll(async () => {
    // Keycloak is left as found: one already running (npm start, a previous suite) is used and kept.
    keycloakStartedHere = !keycloakRunning();
    if (keycloakStartedHere) execFileSync('bash', [KEYCLOAK_SCRIPT, 'start'], { stdio: 'inherit' });
    system = await startSystem({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: 'kvalitetsledning',
      OIDC_CLIENT_ID: 'kvalitetsledning',
      OIDC_CLIENT_SECRET: 'kvalitetsledning-dev-secret',
      SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_TIMEOUT_SECONDS),
      ...(process.env.KVALITET_BROWSER_WEB_DIST
        ? { WEB_DIST_DIR: process.env.KVALITET_BROWSER_WEB_DIST }
        : {}),
    });
    browser = await launchBrowser();
    context = await newContext(browser, system.baseUrl);
    page = await context.newPage();
    problems = watchPage(page);
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await system?.close();
    if (keycloakStartedHere) execFileSync('bash', [KEYCLOAK_SCRIPT, 'stop'], { stdio: 'inherit' });
  });

  async function complaint(unitId: string, message: string): Promise<string> {
    const receipt = await postJson<{ reference: string }>(system.baseUrl, '', '/public/feedback', {
      kind: 'complaint',
      unitId,
      message,
    });
    return receipt.reference;
  }

  async function signInOnKeycloak(username: string, name: string) {
    await page.goto('/logga-in');
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(ISSUER));
    await page.locator('#username').fill(username);
    await page.locator('#password').fill('demo');
    await page.locator('#kc-login').click();
    try {
      await page.getByTestId('inloggad-som').filter({ hasText: name }).waitFor();
    } catch (error) {
      await screenshot(page, `inloggning-misslyckades-${username}`);
      throw new Error(`${String(error)}\nsidan: ${page.url()}\napi:\n${system.api.output.join('')}`);
    }
  }

  async function sessionRows(): Promise<{ username: string; access_expires_at: Date }[]> {
    return system.db.dataSource.query(`SELECT username, access_expires_at FROM auth_sessions`);
  }

  async function seesOnlyCase(own: string, other: string) {
    await page.goto('/arenden');
    await reloadUntil(page, async () => (await page.getByText(own).count()) > 0);
    expect(await page.getByText(other).count()).toBe(0);
  }

  it('two people one after the other; refresh, CSRF, sign-out at Keycloak and the idle timeout', async () => {
    const solgarden = await complaint('solgarden', 'Maten på Solgården var kall i tisdags.');
    const linden = await complaint('linden', 'Ingen svarade i telefon på Linden i helgen.');

    // Person 1: Johan Berg, unit manager of Solgården.
    await signInOnKeycloak('enhetschef', 'Johan Berg');
    await seesOnlyCase(solgarden, linden);
    expect(await checkPage(page, 'inloggning-1-enhetschef-arenden')).toEqual([]);
    // No token of any kind in the browser's storage, and the session cookie is out of the page's reach.
    const stored = await page.evaluate<string>(
      'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })',
    );
    expect(stored).not.toMatch(/eyJ|kvalitet_session|kvalitet\.session/);
    const cookie = (await context.cookies()).find((c) => c.name === 'kvalitet_session');
    expect(cookie).toEqual(expect.objectContaining({ httpOnly: true, sameSite: 'Lax' }));

    // The access token runs out; the api refreshes it and the person stays signed in.
    const [before] = await sessionRows();
    await page.waitForTimeout(PAST_REFRESH_MS);
    await page.reload();
    await page.getByTestId('inloggad-som').filter({ hasText: 'Johan Berg' }).waitFor();
    await page.getByText(solgarden).waitFor();
    const [after] = await sessionRows();
    expect(after!.access_expires_at.getTime()).toBeGreaterThan(before!.access_expires_at.getTime());

    // A state-changing request with the cookie but without the CSRF token: refused, nothing done.
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/v1/cases', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'deviation', unitId: 'solgarden', description: 'Förfalskad' }),
      });
      return { status: response.status, body: (await response.json()) as { code: string; detail: string } };
    });
    expect(refused).toEqual({
      status: 403,
      body: expect.objectContaining({ code: 'CSRF_FAILED', detail: expect.stringContaining('Begäran') }),
    });

    // Signing out ends Keycloak's session too: "Logga in" shows Keycloak's form again.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((url) => url.pathname === '/logga-in');
    await page.getByRole('button', { name: 'Logga in', exact: true }).waitFor();
    expect(await checkPage(page, 'inloggning-2-utloggad')).toEqual([]);
    expect(await sessionRows()).toEqual([]);

    // Person 2 on the same browser: Sofia Wikström of Linden sees Linden's case, not Solgården's.
    await signInOnKeycloak('enhetschef.linden', 'Sofia Wikström');
    await seesOnlyCase(linden, solgarden);
    expect(await checkPage(page, 'inloggning-3-enhetschef-linden')).toEqual([]);

    // Nobody uses the page: the session ends and the next visit asks for sign-in.
    await page.waitForTimeout(IDLE_TIMEOUT_SECONDS * 1000 + 1000);
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/logga-in');
    await page.getByRole('button', { name: 'Logga in', exact: true }).waitFor();
    expect(await sessionRows()).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
