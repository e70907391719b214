/** Direct api calls a browser test sets its scene with (the system's dev sign-in, AUTH_MODE=dev). */
export async function devToken(baseUrl: string, username: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!r.ok) throw new Error(`dev-token ${username}: ${r.status}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

export async function postJson<T>(baseUrl: string, bearer: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
}
