import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, type TestApi } from './support/api-harness';

/**
 * The api's sign-in session without a browser (issue 21, ADR 0043): the login redirect carries
 * PKCE, state and nonce and remembers them in an httpOnly cookie on the callback path only; a
 * callback that does not answer this browser's login makes no session; a missing or unknown
 * session cookie is 401, never a 500, and never stands in for a bearer token. The whole flow
 * against Keycloak is test/browser/sign-in.browser-spec.ts.
 */
describe('sign-in session endpoints (e2e, AUTH_MODE=oidc with a client secret)', () => {
  let issuerServer: Server;
  let issuer = '';
  let api: TestApi;

  beforeAll(async () => {
    issuerServer = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realms/kommun/.well-known/openid-configuration') {
        res.end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
            token_endpoint: `${issuer}/protocol/openid-connect/token`,
            end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
            jwks_uri: `${issuer}/protocol/openid-connect/certs`,
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}/realms/kommun`;
    api = await startApi({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'kvalitetsledning',
      OIDC_CLIENT_SECRET: 'e2e-client-secret',
    });
  });
  afterAll(async () => {
    await api?.close();
    await new Promise<void>((resolve) => issuerServer?.close(() => resolve()));
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${api.baseUrl}${path}`, { redirect: 'manual', headers });

  it('sends the person to the issuer with PKCE, state and nonce, and returns only to a path of the app', async () => {
    const response = await get('/api/v1/auth/login?tillbaka=%2F%2Fevil.example');
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/protocol/openid-connect/auth`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('client_id')).toBe('kvalitetsledning');
    expect(location.searchParams.get('redirect_uri')).toBe(`${api.baseUrl}/api/v1/auth/callback`);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kvalitet_login=[^;]+; Path=\/api\/v1\/auth\/callback; HttpOnly; SameSite=Lax/);
    // The remembered login is sealed: neither the verifier nor the return path can be read from it.
    expect(decodeURIComponent(cookie)).not.toContain('evil');
  });

  it('makes no session from a callback that does not answer this browser’s login', async () => {
    const login = await get('/api/v1/auth/login');
    const loginCookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const forged = await get('/api/v1/auth/callback?state=not-ours&code=stolen&session_state=x', {
      cookie: loginCookie,
    });
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toBe('/logga-in?inloggning=misslyckades');
    expect(forged.headers.get('set-cookie')).not.toMatch(/kvalitet_session=[^;]/);
    const noLogin = await get('/api/v1/auth/callback?state=x&code=y');
    expect(noLogin.headers.get('location')).toBe('/logga-in?inloggning=misslyckades');
  });

  it('answers 401 problem+json in Swedish for no or an unknown session, also on writes', async () => {
    const none = await api.call<{ code: string; detail: string }>('GET', '/api/v1/auth/session');
    expect(none.status).toBe(401);
    const unknown = await api.call<{ code: string }>('GET', '/api/v1/me', {
      headers: { cookie: 'kvalitet_session=gissat' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('UNAUTHENTICATED');
    const write = await api.call<{ code: string; detail: string }>('POST', '/api/v1/cases', {
      headers: { cookie: 'kvalitet_session=gissat' },
      body: { type: 'complaint', unitId: 'solgarden', description: 'x' },
    });
    expect(write.status).toBe(401);
    expect(write.body.detail).toMatch(/inloggad/);
  });
});
