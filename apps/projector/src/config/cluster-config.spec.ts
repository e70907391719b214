import { ConfigurationError, validateConfig } from '@kvalitet/runtime';
import { projectorConfigSchema } from './projector-config.schema';

// Issue 20: the projector's schema carries the Temporal, Kafka (security and topics) and Postgres
// connection settings and their checks.
const base = {
  DATABASE_URL: 'postgres://u:p@db:5432/kvalitet',
  TEMPORAL_ADDRESS: 'temporal:7233',
  KAFKA_BROKERS: 'k1:9092,k2:9092,k3:9092',
};

function problems(env: Record<string, string>): string[] {
  try {
    validateConfig(projectorConfigSchema, { ...base, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

describe('projector configuration for real clusters', () => {
  it('accepts replicated topics, SASL SCRAM over SSL, Temporal TLS and Postgres TLS', () => {
    expect(
      problems({
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        KAFKA_RETENTION_MS: '604800000',
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'kvalitet',
        KAFKA_SASL_PASSWORD: 'hemligt',
        TEMPORAL_TLS: 'true',
        DATABASE_SSL: 'require',
      }),
    ).toEqual([]);
  });

  it('defaults to one replica', () => {
    expect(validateConfig(projectorConfigSchema, base).KAFKA_REPLICATION_FACTOR).toBe(1);
  });

  it('refuses what no cluster could honour, naming the variables', () => {
    expect(problems({ KAFKA_MIN_INSYNC_REPLICAS: '2' })).toEqual([
      expect.stringMatching(/^KAFKA_MIN_INSYNC_REPLICAS: 2 är fler än KAFKA_REPLICATION_FACTOR \(1\)/),
    ]);
    expect(problems({ KAFKA_SASL_MECHANISM: 'plain' }).sort()).toEqual([
      expect.stringMatching(/^KAFKA_SASL_PASSWORD: krävs/),
      expect.stringMatching(/^KAFKA_SASL_USERNAME: krävs/),
    ]);
    expect(problems({ KAFKA_TOPIC_RETENTION_MS: 'case=soon' })).toEqual([
      expect.stringMatching(/^KAFKA_TOPIC_RETENTION_MS: case: "soon" är inga millisekunder/),
    ]);
  });
});
