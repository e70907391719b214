import { ConfigurationError, validateConfig } from '@kvalitet/runtime';
import { apiConfigSchema } from './api-config.schema';

// Issue 20: the api's schema carries the Temporal, Kafka and Postgres connection settings and their
// cross-field checks (each problem names its variable, in Swedish and English).
const BASE = {
  AUTH_MODE: 'dev',
  DATABASE_URL: 'postgres://kvalitet@127.0.0.1:5432/kvalitet',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateConfig(apiConfigSchema, { ...BASE, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

describe('api configuration for real clusters (issue 20)', () => {
  it('accepts Temporal Cloud (API key), SASL SCRAM over SSL and Postgres verify-full', () => {
    const config = validateConfig(apiConfigSchema, {
      ...BASE,
      TEMPORAL_ADDRESS: 'kommun.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'kommun.a1b2c',
      TEMPORAL_API_KEY: 'nyckel',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'kvalitet',
      KAFKA_SASL_PASSWORD: 'hemligt',
      DATABASE_SSL: 'verify-full',
    });
    expect(config).toMatchObject({
      TEMPORAL_API_KEY: 'nyckel',
      KAFKA_SSL: 'true',
      DATABASE_SSL: 'verify-full',
    });
  });

  it.each([
    [{ TEMPORAL_TLS: 'false', TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' }, /^TEMPORAL_TLS: är false men/],
    [{ KAFKA_SASL_PASSWORD: 'hemligt' }, /^KAFKA_SASL_MECHANISM: krävs när KAFKA_SASL_PASSWORD är satt/],
    [
      { DATABASE_SSL: 'require', DATABASE_URL: 'postgres://k@db/k?sslmode=require' },
      /^DATABASE_URL: har sslmode=/,
    ],
    [
      { TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/nonexistent/ca.pem' },
      /^TEMPORAL_TLS_SERVER_CA_CERT_PATH: filen finns inte/,
    ],
  ])('refuses %j naming the variable', (env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });
});
