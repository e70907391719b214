import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The pure decisions of the sign-in session (ADR 0043); unit-tested in session-rules.spec.ts. */

export const SESSION_COOKIE = 'kvalitet_session';
export const LOGIN_COOKIE = 'kvalitet_login';
export const CSRF_HEADER = 'x-csrf-token';
/** Seconds since the person last used the page (pointer, keys); polling alone does not keep a session alive. */
export const IDLE_HEADER = 'x-idle-seconds';
/** The access token is refreshed when it has less than this left. */
export const REFRESH_MARGIN_MS = 5_000;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** S256 code challenge (RFC 7636 §4.2). */
export function codeChallengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The session row is found by a hash of the cookie, so a leaked table does not give usable cookies. */
export function sessionKeyOf(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('hex');
}

/** CSRF token bound to the session (HMAC of the cookie value): nothing to store, nothing to guess. */
export function csrfTokenOf(cookieValue: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`csrf:${cookieValue}`).digest('base64url');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function needsCsrfToken(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function csrfTokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Epoch ms; a login not finished within 10 minutes is refused. */
  startedAt: number;
}

export const LOGIN_MAX_AGE_MS = 10 * 60_000;

/** Only a path of this app: never another site (open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : '/';
}

export function buildAuthorizationUrl(
  authorizationEndpoint: string,
  params: {
    clientId: string;
    redirectUri: string;
    scope: string;
    state: string;
    nonce: string;
    codeChallenge: string;
  },
): string {
  const url = new URL(authorizationEndpoint);
  const scopes = params.scope.split(/\s+/).filter(Boolean);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set(
    'scope',
    scopes.includes('openid') ? scopes.join(' ') : ['openid', ...scopes].join(' '),
  );
  url.searchParams.set('state', params.state);
  url.searchParams.set('nonce', params.nonce);
  url.searchParams.set('code_challenge', params.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export type CallbackCheck =
  | { ok: true; code: string }
  | { ok: false; reason: 'no_pending' | 'expired' | 'state' | 'denied' | 'no_code' };

/** The authorization code of the callback, if it answers the login this browser started. */
export function checkCallback(
  query: Record<string, unknown>,
  pending: PendingLogin | null,
  now: number,
): CallbackCheck {
  if (!pending) return { ok: false, reason: 'no_pending' };
  if (now - pending.startedAt > LOGIN_MAX_AGE_MS) return { ok: false, reason: 'expired' };
  if (typeof query['state'] !== 'string' || query['state'] !== pending.state)
    return { ok: false, reason: 'state' };
  if (typeof query['error'] === 'string') return { ok: false, reason: 'denied' };
  if (typeof query['code'] !== 'string' || query['code'].length === 0)
    return { ok: false, reason: 'no_code' };
  return { ok: true, code: query['code'] };
}

export function buildEndSessionUrl(
  endSessionEndpoint: string,
  params: { idTokenHint: string | null; postLogoutRedirectUri: string; clientId: string },
): string {
  const url = new URL(endSessionEndpoint);
  if (params.idTokenHint) url.searchParams.set('id_token_hint', params.idTokenHint);
  url.searchParams.set('post_logout_redirect_uri', params.postLogoutRedirectUri);
  url.searchParams.set('client_id', params.clientId);
  return url.toString();
}

export interface SessionTimes {
  createdAt: number;
  lastActivityAt: number;
  accessExpiresAt: number;
}

export interface SessionLimits {
  idleTimeoutMs: number;
  maxLifetimeMs: number;
}

export type SessionDecision = 'ended_idle' | 'ended_lifetime' | 'refresh' | 'valid';

/** What to do with a session at `now`: end it (idle, too old), refresh its access token, or use it. */
export function decideSession(times: SessionTimes, limits: SessionLimits, now: number): SessionDecision {
  if (now - times.createdAt >= limits.maxLifetimeMs) return 'ended_lifetime';
  if (now - times.lastActivityAt >= limits.idleTimeoutMs) return 'ended_idle';
  if (times.accessExpiresAt - now <= REFRESH_MARGIN_MS) return 'refresh';
  return 'valid';
}

/**
 * The moment of the person's last activity as the web app reports it (X-Idle-Seconds), never later
 * than now nor earlier than what is stored; a request without the header is activity now.
 */
export function activityAt(idleHeader: unknown, stored: number, now: number): number {
  const idleSeconds = typeof idleHeader === 'string' && /^\d{1,7}$/.test(idleHeader) ? Number(idleHeader) : 0;
  return Math.max(stored, now - idleSeconds * 1000);
}

/** Writing the activity on every request is wasteful: only when it moved by more than this. */
export function activityWriteThresholdMs(limits: SessionLimits): number {
  return Math.min(15_000, Math.floor(limits.idleTimeoutMs / 10));
}

export function parseCookies(header: unknown): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (typeof header !== 'string') return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (name && !(name in cookies)) {
      try {
        cookies[name] = decodeURIComponent(value);
      } catch {
        cookies[name] = value;
      }
    }
  }
  return cookies;
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds?: number;
  path?: string;
}

/** An httpOnly, SameSite=Lax cookie; Secure when the app is reached over https. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined)
    parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  return parts.join('; ');
}
