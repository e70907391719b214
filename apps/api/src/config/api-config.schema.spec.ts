import { ConfigurationError, validateConfig } from '@kvalitet/runtime';
import { apiConfigSchema } from './api-config.schema';
import { isLoopbackHost } from './loopback-host';

const BASE = {
  DATABASE_URL: 'postgres://kvalitet@127.0.0.1:5432/kvalitet',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

/** The problems validateConfig reports for `env` (what the api logs before it exits), [] if none. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    validateConfig(apiConfigSchema, { ...BASE, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

describe('api configuration: authentication (issue 24)', () => {
  it.each<Record<string, string>>([
    {},
    { HOST: '127.0.0.1' },
    { HOST: '0.0.0.0' },
    { NODE_ENV: 'production' },
    { NODE_ENV: 'test' },
  ])('refuses to start without AUTH_MODE, in Swedish and English naming it (%j)', (env) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_MODE: saknas: .* \/ is not set: set AUTH_MODE=oidc/);
  });

  it('has no AUTH_MODE default: the parsed value is what was set', () => {
    expect(validateConfig(apiConfigSchema, { ...BASE, AUTH_MODE: 'dev' }).AUTH_MODE).toBe('dev');
    expect(
      validateConfig(apiConfigSchema, { ...BASE, AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://login.example.se' })
        .AUTH_MODE,
    ).toBe('oidc');
  });

  it.each(['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])(
    'allows dev mode on loopback %s',
    (HOST) => {
      expect(problemsOf({ AUTH_MODE: 'dev', HOST })).toEqual([]);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', 'kvalitet.exempelkommun.se'])(
    'refuses dev mode on the network address %s, naming HOST and the way out',
    (HOST) => {
      const problems = problemsOf({ AUTH_MODE: 'dev', HOST });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^AUTH_MODE: AUTH_MODE=dev kräver att HOST är loopback/);
      expect(problems[0]).toContain(`inte ${HOST}`);
      expect(problems[0]).toContain('ALLOW_DEV_AUTH_ON_NETWORK=1');
      expect(problems[0]).toContain('AUTH_MODE=dev needs HOST on loopback');
    },
  );

  it('allows dev mode on a network address only with ALLOW_DEV_AUTH_ON_NETWORK=1', () => {
    expect(problemsOf({ AUTH_MODE: 'dev', HOST: '0.0.0.0', ALLOW_DEV_AUTH_ON_NETWORK: '1' })).toEqual([]);
    expect(problemsOf({ AUTH_MODE: 'dev', HOST: '0.0.0.0', ALLOW_DEV_AUTH_ON_NETWORK: '0' })).toHaveLength(1);
    expect(problemsOf({ AUTH_MODE: 'dev', ALLOW_DEV_AUTH_ON_NETWORK: 'true' })).toEqual([
      expect.stringMatching(/^ALLOW_DEV_AUTH_ON_NETWORK: /),
    ]);
  });

  it.each<Record<string, string>>([
    {},
    { HOST: '0.0.0.0', ALLOW_DEV_AUTH_ON_NETWORK: '1' },
    { HOST: '127.0.0.1' },
  ])('always refuses dev mode with NODE_ENV=production (%j)', (env) => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_MODE: 'dev', ...env })).toEqual([
      'AUTH_MODE: AUTH_MODE=dev är inte tillåtet när NODE_ENV=production / AUTH_MODE=dev is not allowed when NODE_ENV=production',
    ]);
  });

  it('allows oidc on any address and in production, with an issuer', () => {
    expect(
      problemsOf({
        NODE_ENV: 'production',
        AUTH_MODE: 'oidc',
        HOST: '0.0.0.0',
        OIDC_ISSUER: 'https://login.example.se',
      }),
    ).toEqual([]);
    expect(problemsOf({ AUTH_MODE: 'oidc' })).toEqual(['OIDC_ISSUER: krävs när AUTH_MODE=oidc']);
  });

  it('has no built-in dev secret: DEV_AUTH_SECRET is optional, at least 32 characters; the old name is refused', () => {
    const config = validateConfig(apiConfigSchema, { ...BASE, AUTH_MODE: 'dev' });
    expect(config.DEV_AUTH_SECRET).toBeUndefined();
    expect(Object.values(config)).not.toContainEqual(expect.stringMatching(/secret/i));
    expect(problemsOf({ AUTH_MODE: 'dev', DEV_AUTH_SECRET: 'för-kort' })).toEqual([
      'DEV_AUTH_SECRET: minst 32 tecken / at least 32 characters',
    ]);
    expect(problemsOf({ AUTH_MODE: 'dev', DEV_AUTH_SECRET: 'x'.repeat(32) })).toEqual([]);
    expect(problemsOf({ AUTH_MODE: 'dev', DEV_TOKEN_SECRET: 'x'.repeat(32) })).toEqual([
      expect.stringMatching(/^DEV_TOKEN_SECRET: heter nu DEV_AUTH_SECRET/),
    ]);
  });

  it('caps token lifetimes at 12 hours unless configured, within 1 minute and 7 days', () => {
    expect(
      validateConfig(apiConfigSchema, { ...BASE, AUTH_MODE: 'dev' }).AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    ).toBe(43200);
    expect(problemsOf({ AUTH_MODE: 'dev', AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' })).toEqual([]);
    expect(problemsOf({ AUTH_MODE: 'dev', AUTH_MAX_TOKEN_LIFETIME_SECONDS: '30' })).toHaveLength(1);
    expect(problemsOf({ AUTH_MODE: 'dev', AUTH_MAX_TOKEN_LIFETIME_SECONDS: '31536000' })).toHaveLength(1);
  });

  it('reports the other problems together with a missing AUTH_MODE', () => {
    expect(problemsOf({ ACCEPTED_YEAR_MIN: '2100', ACCEPTED_YEAR_MAX: '1900' })).toEqual([
      expect.stringMatching(/^AUTH_MODE: saknas/),
      expect.stringMatching(/^ACCEPTED_YEAR_MIN: /),
    ]);
  });
});

describe('loopback host', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['128.0.0.1', false],
    ['10.0.0.5', false],
    ['localhost.example.se', false],
    ['', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
