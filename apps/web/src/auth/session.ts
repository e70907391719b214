/**
 * The signed-in session in the browser. AUTH_MODE=dev: the dev access token, kept in memory and in
 * sessionStorage (gone when the tab closes; never localStorage, issue 9). AUTH_MODE=oidc: the api
 * holds the session (ADR 0043) behind an httpOnly cookie; the browser keeps only the CSRF token, in
 * memory, and never a token of the identity provider.
 */
const KEY = 'kvalitet.session';

export interface StoredSession {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

let current: StoredSession | null = null;
let cookieSessionCsrfToken: string | null = null;
let lastActivityAt = Date.now();
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function loadSession(now = Date.now()): StoredSession | null {
  if (current && current.expiresAt > now) return current;
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (
      typeof parsed.accessToken === 'string' &&
      typeof parsed.expiresAt === 'number' &&
      parsed.expiresAt > now
    ) {
      current = { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt };
      return current;
    }
  } catch {
    // a damaged entry is the same as none
  }
  storage()?.removeItem(KEY);
  return null;
}

export function saveSession(session: StoredSession): void {
  current = session;
  storage()?.setItem(KEY, JSON.stringify(session));
  listeners.forEach((l) => l());
}

/** The api's cookie session is open; its CSRF token goes with every state-changing request. */
export function acceptCookieSession(csrfToken: string): void {
  const changed = cookieSessionCsrfToken !== csrfToken;
  cookieSessionCsrfToken = csrfToken;
  if (changed) listeners.forEach((l) => l());
}

export function hasCookieSession(): boolean {
  return cookieSessionCsrfToken !== null;
}

export function clearSession(): void {
  current = null;
  cookieSessionCsrfToken = null;
  storage()?.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A click or key press: the person is at the PC (polling alone does not keep a session open). */
export function noteActivity(now = Date.now()): void {
  lastActivityAt = now;
}

/** The headers that carry the session: the dev token, or the CSRF token and the idle time. */
export function sessionHeaders(method: string, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {};
  const session = loadSession(now);
  if (session) headers['Authorization'] = `Bearer ${session.accessToken}`;
  if (cookieSessionCsrfToken) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()))
      headers['X-CSRF-Token'] = cookieSessionCsrfToken;
    headers['X-Idle-Seconds'] = String(Math.max(0, Math.floor((now - lastActivityAt) / 1000)));
  }
  return headers;
}
