import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectProblem, startApi, type TestApi } from './support/api-harness';

/** A tiny OIDC issuer: discovery document and JWKS over HTTP, RS256 tokens signed in the test. */
class FakeIssuer {
  readonly keyId = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  private server: Server | null = null;
  url = '';
  jwksRequests = 0;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: this.keyId, alg: 'RS256', use: 'sig' };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realms/socialtjanst/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: this.url, jwks_uri: `${this.url}/protocol/openid-connect/certs` }));
      } else if (req.url === '/realms/socialtjanst/protocol/openid-connect/certs') {
        this.jwksRequests++;
        res.end(JSON.stringify({ keys: [this.publicJwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/realms/socialtjanst`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  sign(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(
      JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? this.keyId }),
    ).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: this.url, aud: 'kvalitetsledning', iat: now, exp: now + 300, ...claims }),
    ).toString('base64url');
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${payload}`)
      .sign(options.key ?? this.privateKey)
      .toString('base64url');
    return `${header}.${payload}.${signature}`;
  }
}

describe('OIDC bearer tokens (e2e, AUTH_MODE=oidc)', () => {
  const issuer = new FakeIssuer();
  let api: TestApi;

  beforeAll(async () => {
    await issuer.start();
    api = await startApi({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: 'kvalitetsledning',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_UNITS_CLAIM: 'kvalitet_units',
    });
  });
  afterAll(async () => {
    await api?.close();
    await issuer.stop();
  });

  const claims = {
    preferred_username: 'anna.chef',
    name: 'Anna Chef',
    realm_access: { roles: ['unit_manager', 'offline_access'] },
    kvalitet_units: ['solgarden'],
  };

  it('verifies the token against the issuer’s JWKS and takes roles and units from the configured claims', async () => {
    const me = await api.call('GET', '/api/v1/me', { token: issuer.sign(claims) });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      username: 'anna.chef',
      name: 'Anna Chef',
      roles: ['unit_manager'],
      unitIds: ['solgarden'],
    });
    const again = await api.call('GET', '/api/v1/me', { token: issuer.sign(claims) });
    expect(again.status).toBe(200);
    expect(issuer.jwksRequests).toBe(1);
  });

  it('applies the same access rules to OIDC users', async () => {
    const token = issuer.sign(claims);
    const created = await api.call<{ id: string }>('POST', '/api/v1/cases', {
      token,
      body: { type: 'complaint', unitId: 'solgarden', description: 'Via OIDC' },
    });
    expect(created.status).toBe(201);
    expect((await api.call('GET', `/api/v1/cases/${created.body.id}`, { token })).status).toBe(200);
    const elsewhere = issuer.sign({ ...claims, preferred_username: 'bo.chef', kvalitet_units: ['ekbacken'] });
    expect((await api.call('GET', `/api/v1/cases/${created.body.id}`, { token: elsewhere })).status).toBe(
      404,
    );
  });

  it.each([
    ['another issuer', { iss: 'https://annan.example.se' }],
    ['another audience', { aud: 'annat-system' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['no usable username', { preferred_username: 'har mellanslag', sub: undefined }],
    // issue 24: the issuer is the directory, and no token lives for ever
    ['a token without exp', { exp: undefined }],
    [
      'a lifetime over AUTH_MAX_TOKEN_LIFETIME_SECONDS (12 h)',
      { exp: Math.floor(Date.now() / 1000) + 13 * 3600 },
    ],
    ['a user with no role of this application', { realm_access: { roles: ['offline_access'] } }],
  ])('refuses %s with 401', async (_what, override) => {
    expectProblem(
      await api.call('GET', '/api/v1/me', { token: issuer.sign({ ...claims, ...override }) }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('refuses a token signed with another key, and an HS256 dev token', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expectProblem(
      await api.call('GET', '/api/v1/me', { token: issuer.sign(claims, { key: privateKey }) }),
      401,
      'UNAUTHENTICATED',
    );
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: issuer.url, aud: 'kvalitetsledning', preferred_username: 'x', exp: 9999999999 }),
    ).toString('base64url');
    expectProblem(
      await api.call('GET', '/api/v1/me', { token: `${header}.${payload}.AAAA` }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('has no dev tokens in OIDC mode', async () => {
    expectProblem(
      await api.call('POST', '/api/v1/auth/dev-token', { body: { username: 'kvalitet' } }),
      404,
      'NOT_FOUND',
    );
  });
});
