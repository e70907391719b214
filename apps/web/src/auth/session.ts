/**
 * The signed-in session: the access token, kept in memory and in sessionStorage (gone when the tab
 * closes; never localStorage, no personal data beyond the session, issue 9).
 */
const KEY = 'kvalitet.session';

export interface StoredSession {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

let current: StoredSession | null = null;
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

export function clearSession(): void {
  current = null;
  storage()?.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
