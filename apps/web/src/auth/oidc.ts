/**
 * OIDC sign-in for production (ADR 0005): authorization code flow with PKCE (RFC 7636, S256) against
 * the configured issuer, as a public client. The pieces that decide security — the authorization
 * URL, the callback check (state, error, code) and the ID token claims (iss, aud, nonce, exp) — are
 * pure functions so that they are unit-tested; `beginOidcLogin`/`completeOidcLogin` only wire them
 * to the browser.
 */

export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

export interface OidcEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  endSessionEndpoint?: string;
}

/** What the browser keeps between the redirect and the callback (sessionStorage, this tab only). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export class OidcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcError';
  }
}

const PENDING_KEY = 'kvalitet.oidc.pending';

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomToken(byteLength = 32): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** S256 code challenge of a verifier (RFC 7636 §4.2). */
export async function codeChallengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

export function buildAuthorizationUrl(
  endpoints: Pick<OidcEndpoints, 'authorizationEndpoint'>,
  client: OidcClientConfig,
  params: { redirectUri: string; state: string; nonce: string; codeChallenge: string },
): string {
  const url = new URL(endpoints.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set(
    'scope',
    client.scope.split(/\s+/).includes('openid') ? client.scope : `openid ${client.scope}`,
  );
  url.searchParams.set('state', params.state);
  url.searchParams.set('nonce', params.nonce);
  url.searchParams.set('code_challenge', params.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** The authorization code from the callback's query, after checking it answers our own request. */
export function parseCallback(search: string, pending: PendingLogin | null): string {
  const query = new URLSearchParams(search);
  if (!pending)
    throw new OidcError('Inloggningen kunde inte slutföras: ingen pågående inloggning i den här fliken.');
  if (query.get('state') !== pending.state)
    throw new OidcError('Inloggningen kunde inte slutföras: svaret hörde inte till den här inloggningen.');
  const error = query.get('error');
  if (error) {
    const description = query.get('error_description');
    throw new OidcError(
      error === 'access_denied'
        ? 'Inloggningen avbröts eller nekades.'
        : `Inloggningstjänsten svarade med ett fel (${error}${description ? `: ${description}` : ''}).`,
    );
  }
  const code = query.get('code');
  if (!code) throw new OidcError('Inloggningen kunde inte slutföras: svaret saknar kod.');
  return code;
}

function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new OidcError('ID-token är felformaterad.');
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  const payload: unknown = JSON.parse(json);
  if (typeof payload !== 'object' || payload === null) throw new OidcError('ID-token är felformaterad.');
  return payload as Record<string, unknown>;
}

/**
 * Checks the ID token's claims (OIDC Core §3.1.3.7). It came straight from the token endpoint over
 * TLS, which the spec accepts instead of a signature check in the client; the api verifies every
 * access token's signature against the issuer's JWKS anyway.
 */
export function checkIdTokenClaims(
  idToken: string,
  expected: { issuer: string; clientId: string; nonce: string; now?: number },
): Record<string, unknown> {
  const claims = decodeJwtPayload(idToken);
  const normalise = (s: string) => s.replace(/\/$/, '');
  if (typeof claims['iss'] !== 'string' || normalise(claims['iss']) !== normalise(expected.issuer))
    throw new OidcError('ID-token kommer från fel utfärdare.');
  const aud = claims['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expected.clientId))
    throw new OidcError('ID-token är inte utfärdad för den här tjänsten.');
  if (claims['nonce'] !== expected.nonce) throw new OidcError('ID-token hör inte till den här inloggningen.');
  const now = (expected.now ?? Date.now()) / 1000;
  if (typeof claims['exp'] !== 'number' || claims['exp'] < now - 60)
    throw new OidcError('ID-token har gått ut.');
  return claims;
}

async function discoverEndpoints(issuer: string): Promise<OidcEndpoints> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new OidcError('Inloggningstjänsten svarar inte. Försök igen om en stund.');
  const doc = (await response.json()) as Record<string, unknown>;
  if (typeof doc['authorization_endpoint'] !== 'string' || typeof doc['token_endpoint'] !== 'string')
    throw new OidcError('Inloggningstjänstens konfiguration är ofullständig.');
  return {
    authorizationEndpoint: doc['authorization_endpoint'],
    tokenEndpoint: doc['token_endpoint'],
    endSessionEndpoint:
      typeof doc['end_session_endpoint'] === 'string' ? doc['end_session_endpoint'] : undefined,
  };
}

function redirectUri(origin = window.location.origin): string {
  return `${origin}/oidc/callback`;
}

export async function beginOidcLogin(client: OidcClientConfig, returnTo: string): Promise<void> {
  const endpoints = await discoverEndpoints(client.issuer);
  const pending: PendingLogin = {
    state: randomToken(),
    nonce: randomToken(),
    codeVerifier: randomToken(48),
    returnTo,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(
    buildAuthorizationUrl(endpoints, client, {
      redirectUri: redirectUri(),
      state: pending.state,
      nonce: pending.nonce,
      codeChallenge: await codeChallengeOf(pending.codeVerifier),
    }),
  );
}

function takePending(): PendingLogin | null {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as PendingLogin;
  } catch {
    return null;
  }
}

export async function completeOidcLogin(
  client: OidcClientConfig,
  search: string,
): Promise<{ accessToken: string; expiresAt: number; returnTo: string }> {
  const pending = takePending();
  const code = parseCallback(search, pending);
  const endpoints = await discoverEndpoints(client.issuer);
  const response = await fetch(endpoints.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: client.clientId,
      code_verifier: pending!.codeVerifier,
    }),
  });
  if (!response.ok) throw new OidcError('Inloggningstjänsten godtog inte inloggningen. Försök igen.');
  const tokens = (await response.json()) as { access_token?: string; id_token?: string; expires_in?: number };
  if (!tokens.access_token) throw new OidcError('Inloggningstjänsten lämnade ingen åtkomsttoken.');
  if (tokens.id_token)
    checkIdTokenClaims(tokens.id_token, {
      issuer: client.issuer,
      clientId: client.clientId,
      nonce: pending!.nonce,
    });
  return {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in ?? 3600) * 1000,
    returnTo:
      pending!.returnTo.startsWith('/') && !pending!.returnTo.startsWith('//') ? pending!.returnTo : '/',
  };
}
