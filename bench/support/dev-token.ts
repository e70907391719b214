/** The running system under `npm start` (API_URL overrides). */
export const API = process.env.API_URL ?? 'http://127.0.0.1:3000';

/** A demo user's token from the api's dev sign-in (AUTH_MODE=dev, as `npm start` runs it). */
export async function devToken(username: string): Promise<string> {
  const response = await fetch(`${API}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`dev-token ${username}: ${response.status} (körs npm start?)`);
  return ((await response.json()) as { access_token: string }).access_token;
}
