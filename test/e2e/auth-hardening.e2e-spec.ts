import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { infraEnv } from '../support/infra-env';
import { expectProblem, freePort, startApi, type TestApi } from './support/api-harness';

/**
 * Issue 24, security review 2026-12-07 H-1 ("auth fails open"): AUTH_MODE has no default, dev tokens
 * only on loopback and never in production, no built-in dev secret, and tokens without exp, living
 * too long or naming a user the directory does not know are refused.
 */

const ROOT = resolve(__dirname, '../..');
/** The secret every installation shared before issue 24 — published in the review, so never valid again. */
const PUBLISHED_OLD_SECRET = 'kvalitetsledning-dev-secret-not-for-production';
const MAX_LIFETIME = 4 * 3600;

function signHs256(claims: Record<string, unknown>, secret: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** A dev token as the api issues it, for `username`, valid for `seconds` from now. */
function devClaims(username: string, seconds = 3600, extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'kvalitetsledning-dev',
    aud: 'kvalitetsledning',
    sub: username,
    preferred_username: username,
    iat: now,
    exp: now + seconds,
    ...extra,
  };
}

/**
 * Runs main.ts with exactly `env` on top of the inherited environment minus every auth variable
 * (so "unset" really is unset), until it exits; a process still running after `timeoutMs` is
 * stopped and reported as 'running'.
 */
async function runUntilExit(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | string; output: string }> {
  const inherited = { ...process.env };
  for (const name of ['AUTH_MODE', 'ALLOW_DEV_AUTH_ON_NETWORK', 'DEV_AUTH_SECRET', 'HOST', 'NODE_ENV'])
    delete inherited[name];
  const infra = infraEnv();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...inherited,
      DATABASE_URL: infra.DATABASE_URL,
      TEMPORAL_ADDRESS: infra.TEMPORAL_ADDRESS,
      KAFKA_BROKERS: infra.KAFKA_BROKERS,
      PORT: String(await freePort()),
      MIGRATE_ON_START: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | string>((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      done('running');
    }, timeoutMs);
    child.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      done(exitCode ?? signal ?? 'unknown');
    });
  });
  return { code, output };
}

describe('authentication cannot fail open (issue 24, e2e)', () => {
  describe('refusing to start', () => {
    it.each([['0.0.0.0'], ['127.0.0.1']])(
      'AUTH_MODE unset (HOST=%s): exits with a Swedish and English message naming AUTH_MODE',
      async (HOST) => {
        const { code, output } = await runUntilExit({ HOST });
        expect(code).toBe(78);
        expect(output).toContain('api startar inte: AUTH_MODE: saknas: sätt AUTH_MODE=oidc');
        expect(output).toContain('is not set: set AUTH_MODE=oidc');
        expect(output).not.toMatch(/\n\s+at /);
      },
    );

    it('AUTH_MODE=dev with HOST=0.0.0.0: refuses, naming the host and ALLOW_DEV_AUTH_ON_NETWORK', async () => {
      const { code, output } = await runUntilExit({ AUTH_MODE: 'dev', HOST: '0.0.0.0' });
      expect(code).toBe(78);
      expect(output).toContain('AUTH_MODE=dev kräver att HOST är loopback');
      expect(output).toContain('inte 0.0.0.0');
      expect(output).toContain('ALLOW_DEV_AUTH_ON_NETWORK=1');
    });

    it.each([
      ['on loopback', { HOST: '127.0.0.1' }],
      ['even with ALLOW_DEV_AUTH_ON_NETWORK=1', { HOST: '0.0.0.0', ALLOW_DEV_AUTH_ON_NETWORK: '1' }],
    ])('NODE_ENV=production with AUTH_MODE=dev: refuses %s', async (_how, env) => {
      const { code, output } = await runUntilExit({ NODE_ENV: 'production', AUTH_MODE: 'dev', ...env });
      expect(code).toBe(78);
      expect(output).toContain('AUTH_MODE=dev är inte tillåtet när NODE_ENV=production');
    });
  });

  describe('tokens (AUTH_MODE=dev on loopback, AUTH_MAX_TOKEN_LIFETIME_SECONDS=4 h)', () => {
    let api: TestApi;
    let secret: string;
    beforeAll(async () => {
      api = await startApi({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(MAX_LIFETIME) });
      secret = api.devAuthSecret!;
    });
    afterAll(async () => {
      await api?.close();
    });

    const me = (token: string) => api.call<Record<string, unknown>>('GET', '/api/v1/me', { token });

    it('a dev token from /auth/dev-token still works, and lives no longer than the maximum', async () => {
      const issued = await api.call<{ access_token: string; expires_in: number }>(
        'POST',
        '/api/v1/auth/dev-token',
        {
          body: { username: 'forvaltningschef' },
        },
      );
      expect(issued.status).toBe(200);
      expect(issued.body.expires_in).toBe(MAX_LIFETIME);
      const payload = JSON.parse(
        Buffer.from(issued.body.access_token.split('.')[1]!, 'base64url').toString(),
      ) as { iat: number; exp: number };
      expect(payload.exp - payload.iat).toBe(MAX_LIFETIME);
      const response = await me(issued.body.access_token);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ username: 'forvaltningschef', roles: ['director'] });
    });

    it('accepts a token this test signs with the installation’s secret (the control for the refusals below)', async () => {
      const response = await me(signHs256(devClaims('forvaltningschef', 3 * 3600), secret));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ username: 'forvaltningschef', roles: ['director'] });
    });

    it('refuses a token signed with the old built-in secret', async () => {
      const body = expectProblem(
        await me(signHs256(devClaims('forvaltningschef'), PUBLISHED_OLD_SECRET)),
        401,
        'UNAUTHENTICATED',
      );
      expect(body.detail).toBe('Token är ogiltig eller har gått ut.');
    });

    it('refuses the review’s forged token: user ghost, role director, no exp, old secret', async () => {
      const forged = signHs256(
        {
          iss: 'kvalitetsledning-dev',
          aud: 'kvalitetsledning',
          sub: 'ghost',
          preferred_username: 'ghost',
          roles: ['director'],
          units: ['forvaltning'],
        },
        PUBLISHED_OLD_SECRET,
      );
      expectProblem(await me(forged), 401, 'UNAUTHENTICATED');
    });

    it('refuses a token without exp', async () => {
      const { exp: _exp, ...claims } = devClaims('forvaltningschef');
      const response = await me(signHs256(claims, secret));
      expect(expectProblem(response, 401, 'UNAUTHENTICATED').detail).toBe(
        'Token saknar giltighetstid (exp).',
      );
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    });

    it.each([
      ['exp − iat over the maximum', devClaims('forvaltningschef', MAX_LIFETIME + 3600)],
      [
        'no iat and exp − now over the maximum',
        { ...devClaims('forvaltningschef', 30 * 86400), iat: undefined },
      ],
      [
        'an iat in the future hiding a long validity',
        devClaims('forvaltningschef', 365 * 86400, { iat: Math.floor(Date.now() / 1000) + 365 * 86400 - 60 }),
      ],
    ])('refuses a token whose lifetime is too long: %s', async (_what, claims) => {
      const body = expectProblem(await me(signHs256(claims, secret)), 401, 'UNAUTHENTICATED');
      expect(body.detail).toBe(`Token gäller för länge (högst ${MAX_LIFETIME} sekunder är tillåtet).`);
    });

    it('refuses a token for a user the directory does not know (kalle.anka, director)', async () => {
      const token = signHs256(
        devClaims('kalle.anka', 3600, { roles: ['director'], units: ['forvaltning'], name: 'Kalle Anka' }),
        secret,
      );
      const body = expectProblem(await me(token), 401, 'UNAUTHENTICATED');
      expect(body.detail).toBe('Användaren finns inte i katalogen (demoorganisationen).');
      expectProblem(await api.call('GET', '/api/v1/cases', { token }), 401, 'UNAUTHENTICATED');
    });

    it('takes a known user’s roles and units from the directory, not from the token', async () => {
      const token = signHs256(
        devClaims('medarbetare', 3600, {
          roles: ['director', 'staff'],
          units: ['forvaltning'],
          name: 'Chefen',
        }),
        secret,
      );
      const response = await me(token);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        username: 'medarbetare',
        name: 'Sara Lindqvist',
        roles: ['staff'],
        unitIds: ['solgarden'],
      });
    });
  });

  describe('ALLOW_DEV_AUTH_ON_NETWORK=1, two api processes, the secret generated into a file', () => {
    let api: TestApi;
    let dir: string;
    let file: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'auth-hardening-'));
      file = join(dir, 'dev-auth-secret');
      api = await startApi({
        HOST: '0.0.0.0',
        ALLOW_DEV_AUTH_ON_NETWORK: '1',
        API_WORKERS: '2',
        DATABASE_POOL_SIZE: '5',
        DEV_AUTH_SECRET_FILE: file,
      });
    });
    afterAll(async () => {
      await api?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('starts, and warns loudly that anyone reaching the port can get a token', () => {
      expect(api.devAuthSecret).toBeUndefined();
      const warnings = api.process.text.split('\n').filter((line) => line.includes('VARNING / WARNING'));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 'warn', host: '0.0.0.0' });
      expect(warnings[0]).toContain('AUTH_MODE=dev på 0.0.0.0 (ALLOW_DEV_AUTH_ON_NETWORK=1)');
    });

    it('generated the secret once, readable only by its owner, and every process uses it', async () => {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const generated = readFileSync(file, 'utf8').trim();
      expect(Buffer.from(generated, 'base64url')).toHaveLength(32);
      // New connections go round-robin to the two workers: a token from one must hold at the other.
      const tokens = await Promise.all(
        ['sas', 'kvalitet', 'mas', 'ledning', 'enhetschef', 'medarbetare'].map(async (username) => {
          const issued = await fetch(`${api.baseUrl}/api/v1/auth/dev-token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', connection: 'close' },
            body: JSON.stringify({ username }),
          });
          expect(issued.status).toBe(200);
          return ((await issued.json()) as { access_token: string }).access_token;
        }),
      );
      tokens.push(signHs256(devClaims('sas'), generated));
      const statuses = await Promise.all(
        [...tokens, ...tokens].map(async (token) => {
          const response = await fetch(`${api.baseUrl}/api/v1/me`, {
            headers: { authorization: `Bearer ${token}`, connection: 'close' },
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      expect(statuses).toEqual(statuses.map(() => 200));
    });
  });
});
