import {
  base64UrlEncode,
  buildAuthorizationUrl,
  checkIdTokenClaims,
  codeChallengeOf,
  OidcError,
  parseCallback,
} from './oidc';

const client = {
  issuer: 'https://idp.example.se/realms/kommun',
  clientId: 'kvalitet-web',
  scope: 'openid profile',
};
const pending = { state: 'st-123', nonce: 'n-456', codeVerifier: 'v', returnTo: '/uppgifter' };

function jwt(payload: Record<string, unknown>): string {
  const enc = (o: unknown) => base64UrlEncode(new TextEncoder().encode(JSON.stringify(o)));
  return `${enc({ alg: 'RS256' })}.${enc(payload)}.sig`;
}

describe('OIDC authorization code + PKCE (ADR 0005)', () => {
  it('computes the S256 challenge: base64url(SHA-256(verifier)) without padding', async () => {
    // Expected value computed independently: printf %s <verifier> | openssl dgst -sha256 -binary | base64url
    expect(await codeChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r7wW1gFWFOEjXk')).toBe(
      'bwWFMyPfdG9qreDhH2lmftFx_dFeLDalzcT1gb_j68g',
    );
  });

  it('builds the authorization URL with code, PKCE S256, state and nonce, keeping the endpoint query', () => {
    const url = new URL(
      buildAuthorizationUrl({ authorizationEndpoint: 'https://idp.example.se/auth?kc_idp_hint=ad' }, client, {
        redirectUri: 'https://kvalitet.example.se/oidc/callback',
        state: 'st-123',
        nonce: 'n-456',
        codeChallenge: 'chal',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://idp.example.se/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      kc_idp_hint: 'ad',
      response_type: 'code',
      client_id: 'kvalitet-web',
      redirect_uri: 'https://kvalitet.example.se/oidc/callback',
      scope: 'openid profile',
      state: 'st-123',
      nonce: 'n-456',
      code_challenge: 'chal',
      code_challenge_method: 'S256',
    });
  });

  it('adds openid to a scope that lacks it', () => {
    const url = new URL(
      buildAuthorizationUrl(
        { authorizationEndpoint: 'https://idp/auth' },
        { ...client, scope: 'profile' },
        {
          redirectUri: 'r',
          state: 's',
          nonce: 'n',
          codeChallenge: 'c',
        },
      ),
    );
    expect(url.searchParams.get('scope')).toBe('openid profile');
  });

  it('accepts a callback with our state and a code', () => {
    expect(parseCallback('?code=abc&state=st-123', pending)).toBe('abc');
  });

  it.each([
    ['?code=abc&state=other', pending, /hörde inte till/],
    ['?code=abc&state=st-123', null, /ingen pågående inloggning/],
    ['?state=st-123', pending, /saknar kod/],
    ['?error=access_denied&state=st-123', pending, /avbröts eller nekades/],
    ['?error=server_error&error_description=boom&state=st-123', pending, /server_error: boom/],
  ])('refuses the callback %s', (search, p, message) => {
    expect(() => parseCallback(search, p)).toThrow(OidcError);
    expect(() => parseCallback(search, p)).toThrow(message);
  });

  it('refuses an error answer that does not carry our state (no injected messages)', () => {
    expect(() => parseCallback('?error=access_denied&state=x', pending)).toThrow(/hörde inte till/);
  });

  describe('ID token claims', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const good = { iss: client.issuer, aud: 'kvalitet-web', nonce: 'n-456', exp: now / 1000 + 300 };
    const expected = { issuer: client.issuer, clientId: 'kvalitet-web', nonce: 'n-456', now };

    it('accepts matching issuer (trailing slash ignored), audience (array) and nonce', () => {
      expect(checkIdTokenClaims(jwt(good), expected)).toMatchObject({ nonce: 'n-456' });
      expect(() =>
        checkIdTokenClaims(jwt({ ...good, iss: `${client.issuer}/`, aud: ['x', 'kvalitet-web'] }), expected),
      ).not.toThrow();
    });

    it.each([
      [{ iss: 'https://evil.example' }, /fel utfärdare/],
      [{ aud: 'someone-else' }, /inte utfärdad för den här tjänsten/],
      [{ nonce: 'replayed' }, /hör inte till den här inloggningen/],
      [{ exp: now / 1000 - 3600 }, /gått ut/],
    ])('refuses %j', (change, message) => {
      expect(() => checkIdTokenClaims(jwt({ ...good, ...change }), expected)).toThrow(message);
    });

    it('refuses a token that is not a JWT', () => {
      expect(() => checkIdTokenClaims('nonsense', expected)).toThrow(OidcError);
    });
  });
});
