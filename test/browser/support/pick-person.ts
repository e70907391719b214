import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';

const ORGANISATION = JSON.parse(
  readFileSync(resolve(__dirname, '../../../config/organisation.json'), 'utf8'),
) as { users: { username: string; name: string }[] };

/** The demo person's name, as the pickers and pages show it (issue 21, "People"). */
export function personName(username: string): string {
  const user = ORGANISATION.users.find((u) => u.username === username);
  if (!user) throw new Error(`okänd demoanvändare ${username}`);
  return user.name;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The `UserPicker` labelled `label` (the whole label; a required field's asterisk aside). */
export function personPicker(page: Page, label: string | RegExp): Locator {
  return page.getByRole('combobox', {
    name: typeof label === 'string' ? new RegExp(`^${escaped(label)}( \\*)?$`) : label,
  });
}

/**
 * Chooses a person in a `UserPicker` (the searchable select of the user directory): types the name
 * and clicks the person among the options, which show names, never usernames.
 */
export async function pickPerson(page: Page, label: string | RegExp, username: string): Promise<void> {
  const name = personName(username);
  const input = personPicker(page, label);
  await input.click();
  await input.fill(name);
  await page.getByRole('option', { name: new RegExp(`^${escaped(name)}( –|$)`) }).click();
}

/** Waits until the picker shows the person chosen for it (a form's default is looked up by username). */
export async function pickedPerson(page: Page, label: string | RegExp, username: string): Promise<void> {
  const input = personPicker(page, label);
  const name = personName(username);
  const until = Date.now() + 30_000;
  while (!(await input.inputValue()).startsWith(name)) {
    if (Date.now() > until) throw new Error(`${String(label)} visar inte ${name}`);
    await page.waitForTimeout(250);
  }
}
