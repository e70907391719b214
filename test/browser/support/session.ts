import type { Page } from 'playwright-core';
import { screenshot, seriousAxeViolations, type AxeViolation } from './browser';

/** Signs in through the demo users' picker, as a person would, and waits for the signed-in frame. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/logga-in');
  await page.locator(`[data-username="${username}"]`).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('heading', { name: 'Välj demoanvändare' }).waitFor();
}

/** What every page visit checks: no serious/critical axe violation; a screenshot to look at. */
export async function checkPage(page: Page, name: string): Promise<AxeViolation[]> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  return seriousAxeViolations(page);
}

/** Reloads until `check` finds what it looks for (read models and workflows are asynchronous). */
export async function reloadUntil(
  page: Page,
  check: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`väntade förgäves i ${timeoutMs} ms på ${page.url()}`);
    await page.waitForTimeout(1500);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
}
