import { ConfigurationError, validateConfig } from '@kvalitet/runtime';
import { apiConfigSchema } from '../../config/api-config.schema';

const OIDC = {
  DATABASE_URL: 'postgres://kvalitet@127.0.0.1:5432/kvalitet',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: 'https://login.example.se/realms/kommun',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateConfig(apiConfigSchema, { ...OIDC, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

describe('api configuration: the sign-in session (issue 21, ADR 0043)', () => {
  it('defaults to 30 minutes idle (a shared PC) and 10 hours in all', () => {
    const config = validateConfig(apiConfigSchema, OIDC);
    expect(config.SESSION_IDLE_TIMEOUT_SECONDS).toBe(1800);
    expect(config.SESSION_MAX_LIFETIME_SECONDS).toBe(36_000);
  });

  it('names the variable of a wrong value, in Swedish and English', () => {
    expect(problemsOf({ SESSION_IDLE_TIMEOUT_SECONDS: '5' })).toEqual([
      expect.stringMatching(/^SESSION_IDLE_TIMEOUT_SECONDS: /),
    ]);
    expect(problemsOf({ SESSION_SECRET: 'kort' })).toEqual([
      expect.stringMatching(/^SESSION_SECRET: minst 32 tecken \/ at least 32 characters/),
    ]);
    expect(
      problemsOf({ SESSION_IDLE_TIMEOUT_SECONDS: '7200', SESSION_MAX_LIFETIME_SECONDS: '3600' }),
    ).toEqual([
      expect.stringMatching(/^SESSION_IDLE_TIMEOUT_SECONDS: får inte vara längre .* \/ must not be longer/),
    ]);
  });
});
