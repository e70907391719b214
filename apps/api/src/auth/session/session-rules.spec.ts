import {
  activityAt,
  activityWriteThresholdMs,
  buildAuthorizationUrl,
  buildEndSessionUrl,
  checkCallback,
  codeChallengeOf,
  csrfTokenMatches,
  csrfTokenOf,
  decideSession,
  LOGIN_MAX_AGE_MS,
  needsCsrfToken,
  parseCookies,
  randomToken,
  safeReturnTo,
  serializeCookie,
  sessionKeyOf,
  type PendingLogin,
} from './session-rules';

// The pure decisions of the sign-in session (issue 21 "Sign-in", ADR 0043).

const pending: PendingLogin = {
  state: 'state-1',
  nonce: 'nonce-1',
  codeVerifier: 'v'.repeat(64),
  returnTo: '/uppgifter',
  startedAt: 1_000_000,
};

describe('PKCE, state and the callback', () => {
  it('makes the S256 challenge of RFC 7636 appendix B', () => {
    expect(codeChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('random tokens are long and never repeat', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(tokens.size).toBe(100);
    expect([...tokens][0]!.length).toBeGreaterThanOrEqual(43);
  });

  it('asks for code + PKCE + state + nonce and always for openid', () => {
    const url = new URL(
      buildAuthorizationUrl('https://idp.example/auth?kc_idp_hint=x', {
        clientId: 'kvalitetsledning',
        redirectUri: 'https://app.example/api/v1/auth/callback',
        scope: 'profile',
        state: 's',
        nonce: 'n',
        codeChallenge: 'c',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      kc_idp_hint: 'x',
      response_type: 'code',
      client_id: 'kvalitetsledning',
      redirect_uri: 'https://app.example/api/v1/auth/callback',
      scope: 'openid profile',
      state: 's',
      nonce: 'n',
      code_challenge: 'c',
      code_challenge_method: 'S256',
    });
  });

  it('takes the code only from the answer to this browser’s own, recent login', () => {
    const now = pending.startedAt + 1000;
    expect(checkCallback({ state: 'state-1', code: 'abc' }, pending, now)).toEqual({ ok: true, code: 'abc' });
    expect(checkCallback({ state: 'state-1', code: 'abc' }, null, now)).toEqual({
      ok: false,
      reason: 'no_pending',
    });
    expect(checkCallback({ state: 'other', code: 'abc' }, pending, now)).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(checkCallback({ code: 'abc' }, pending, now)).toEqual({ ok: false, reason: 'state' });
    expect(checkCallback({ state: 'state-1', error: 'access_denied' }, pending, now)).toEqual({
      ok: false,
      reason: 'denied',
    });
    expect(checkCallback({ state: 'state-1' }, pending, now)).toEqual({ ok: false, reason: 'no_code' });
    expect(
      checkCallback({ state: 'state-1', code: 'abc' }, pending, pending.startedAt + LOGIN_MAX_AGE_MS + 1),
    ).toEqual({ ok: false, reason: 'expired' });
  });

  it('returns only to a path of this app', () => {
    expect(safeReturnTo('/arenden/1?x=2')).toBe('/arenden/1?x=2');
    expect(safeReturnTo('//evil.example')).toBe('/');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('https://evil.example')).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(['/a'])).toBe('/');
  });

  it('ends the identity provider’s session with the id token as hint and the way back', () => {
    const url = new URL(
      buildEndSessionUrl('https://idp.example/logout', {
        idTokenHint: 'id.token.x',
        postLogoutRedirectUri: 'https://app.example/logga-in',
        clientId: 'kvalitetsledning',
      }),
    );
    expect(url.searchParams.get('id_token_hint')).toBe('id.token.x');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe('https://app.example/logga-in');
  });
});

describe('cookie and CSRF', () => {
  const secret = Buffer.alloc(32, 7);

  it('the CSRF token belongs to one session cookie and is checked in constant time', () => {
    const token = csrfTokenOf('cookie-a', secret);
    expect(token).toBe(csrfTokenOf('cookie-a', secret));
    expect(token).not.toBe(csrfTokenOf('cookie-b', secret));
    expect(csrfTokenMatches(token, token)).toBe(true);
    expect(csrfTokenMatches(`${token}x`, token)).toBe(false);
    expect(csrfTokenMatches(undefined, token)).toBe(false);
    expect(csrfTokenMatches(['a'], token)).toBe(false);
  });

  it('asks the CSRF token of every state-changing method', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(needsCsrfToken)).toEqual([false, false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(needsCsrfToken)).toEqual([true, true, true, true]);
  });

  it('keeps the session row under a hash of the cookie, not the cookie', () => {
    expect(sessionKeyOf('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionKeyOf('abc')).not.toContain('abc');
  });

  it('writes httpOnly SameSite=Lax cookies, Secure over https, and reads them back', () => {
    expect(serializeCookie('kvalitet_session', 'a b', { secure: false, maxAgeSeconds: 60 })).toBe(
      'kvalitet_session=a%20b; Path=/; HttpOnly; SameSite=Lax; Max-Age=60',
    );
    expect(serializeCookie('x', '', { secure: true, maxAgeSeconds: 0, path: '/api' })).toBe(
      'x=; Path=/api; HttpOnly; SameSite=Lax; Secure; Max-Age=0',
    );
    expect(parseCookies('a=1; kvalitet_session=a%20b; a=2; broken')).toEqual({
      a: '1',
      kvalitet_session: 'a b',
    });
    expect(parseCookies(undefined)).toEqual({});
  });
});

describe('idle timeout, lifetime and refresh', () => {
  const limits = { idleTimeoutMs: 30 * 60_000, maxLifetimeMs: 10 * 3600_000 };
  const times = { createdAt: 0, lastActivityAt: 0, accessExpiresAt: 60_000 };

  it('uses a fresh session, refreshes 5 seconds before the access token runs out', () => {
    expect(decideSession(times, limits, 10_000)).toBe('valid');
    expect(decideSession(times, limits, 55_000)).toBe('refresh');
    expect(decideSession(times, limits, 120_000)).toBe('refresh');
  });

  it('ends a session nobody used for the idle timeout, and any session after its lifetime', () => {
    expect(decideSession(times, limits, 30 * 60_000 - 1)).toBe('refresh');
    expect(decideSession(times, limits, 30 * 60_000)).toBe('ended_idle');
    expect(decideSession({ ...times, lastActivityAt: 10 * 3600_000 - 1 }, limits, 10 * 3600_000)).toBe(
      'ended_lifetime',
    );
  });

  it('counts the person’s activity, not the page polling in the background', () => {
    expect(activityAt('0', 1000, 50_000)).toBe(50_000);
    expect(activityAt('40', 1000, 50_000)).toBe(10_000);
    expect(activityAt('4000', 1000, 50_000)).toBe(1000);
    expect(activityAt(undefined, 1000, 50_000)).toBe(50_000);
    expect(activityAt('-5', 1000, 50_000)).toBe(50_000);
  });

  it('writes the activity at most every 15 seconds, more often for short timeouts', () => {
    expect(activityWriteThresholdMs(limits)).toBe(15_000);
    expect(activityWriteThresholdMs({ ...limits, idleTimeoutMs: 15_000 })).toBe(1500);
  });
});
