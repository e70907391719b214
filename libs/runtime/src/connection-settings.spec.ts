import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigurationError, validateConfig } from './validate-config';
import {
  refineTemporalConnection,
  temporalConnectionFromEnv,
  temporalConnectionSettings,
  temporalConnectionVariables,
} from './temporal-connection';
import {
  kafkaConnectionVariables,
  kafkaSecurity,
  kafkaTopicSettings,
  kafkaTopicVariables,
  refineKafkaConnection,
  refineKafkaTopics,
} from './kafka-connection';
import {
  databaseTls,
  databaseTlsFromEnv,
  databaseTlsVariables,
  refineDatabaseTls,
} from './database-connection';

// Issue 20, "Configuration for real clusters": every variable accepted when good and refused naming
// itself when bad, and the options each helper builds from them.

let dir: string;
let pem: string;
let notPem: string;
const missing = '/nonexistent/kvalitet/cert.pem';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kvalitet-conn-'));
  pem = join(dir, 'cert.pem');
  notPem = join(dir, 'cert.txt');
  writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  writeFileSync(notPem, 'not a certificate');
  chmodSync(pem, 0o600);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = z
  .object({
    ...temporalConnectionVariables,
    ...kafkaConnectionVariables,
    ...kafkaTopicVariables,
    ...databaseTlsVariables,
    DATABASE_URL: z.string().optional(),
  })
  .superRefine((config, ctx) => {
    refineTemporalConnection(config, ctx);
    refineKafkaConnection(config, ctx);
    refineKafkaTopics(config, ctx);
    refineDatabaseTls(config, ctx);
  });

function problems(env: Record<string, string>): string[] {
  try {
    validateConfig(schema, { TEMPORAL_ADDRESS: '127.0.0.1:7233', ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

describe('every new variable: a good value passes, a bad one is refused naming the variable', () => {
  const cases: [variable: string, good: () => string, bad: () => string][] = [
    ['TEMPORAL_ADDRESS', () => 'temporal.example.se:7233', () => 'temporal.example.se'],
    ['TEMPORAL_API_KEY', () => 'secret-key', () => ''],
    ['TEMPORAL_TLS', () => 'true', () => 'yes'],
    ['TEMPORAL_TLS_SERVER_CA_CERT_PATH', () => pem, () => missing],
    ['TEMPORAL_TLS_SERVER_NAME', () => 'temporal.internal', () => ''],
    ['KAFKA_SSL', () => 'true', () => '1'],
    ['KAFKA_SSL_CA_PATH', () => pem, () => notPem],
    ['KAFKA_SSL_SERVER_NAME', () => 'kafka.internal', () => ''],
    ['KAFKA_REPLICATION_FACTOR', () => '3', () => '0'],
    ['KAFKA_MIN_INSYNC_REPLICAS', () => '1', () => 'two'],
    ['KAFKA_RETENTION_MS', () => '604800000', () => '-2'],
    ['KAFKA_TOPIC_RETENTION_MS', () => 'case=-1,risk=86400000', () => 'cases=1000'],
    ['DATABASE_SSL', () => 'verify-full', () => 'prefer'],
  ];
  it.each(cases)('%s', (variable, good, bad) => {
    expect(problems({ [variable]: good() })).toEqual([]);
    const refused = problems({ [variable]: bad() });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(new RegExp(`^${variable}[: ]`));
  });

  it('refuses a file that cannot be read and a file that is no PEM, naming the variable', () => {
    expect(problems({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: missing })).toEqual([
      'TEMPORAL_TLS_SERVER_CA_CERT_PATH: filen finns inte eller går inte att läsa / the file does not exist or cannot be read',
    ]);
    expect(problems({ DATABASE_SSL: 'require', DATABASE_SSL_CA_PATH: notPem })).toEqual([
      'DATABASE_SSL_CA_PATH: är ingen PEM-fil (-----BEGIN …-----) / is not a PEM file',
    ]);
  });
});

describe('combinations refused at start', () => {
  it.each([
    [
      { TEMPORAL_TLS_CLIENT_CERT_PATH: 'pem' },
      'TEMPORAL_TLS_CLIENT_KEY_PATH: krävs när TEMPORAL_TLS_CLIENT_CERT_PATH',
    ],
    [
      { TEMPORAL_TLS_CLIENT_KEY_PATH: 'pem' },
      'TEMPORAL_TLS_CLIENT_CERT_PATH: krävs när TEMPORAL_TLS_CLIENT_KEY_PATH',
    ],
    [{ TEMPORAL_TLS: 'false', TEMPORAL_TLS_SERVER_CA_CERT_PATH: 'pem' }, 'TEMPORAL_TLS: är false men'],
    [
      { KAFKA_SSL_CLIENT_CERT_PATH: 'pem' },
      'KAFKA_SSL_CLIENT_KEY_PATH: krävs när KAFKA_SSL_CLIENT_CERT_PATH',
    ],
    [{ KAFKA_SSL: 'false', KAFKA_SSL_CA_PATH: 'pem' }, 'KAFKA_SSL: är false men KAFKA_SSL_CA_PATH'],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_PASSWORD: krävs när'],
    [{ KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_MECHANISM: krävs när KAFKA_SASL_USERNAME'],
    [
      { KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
      'KAFKA_SASL_MECHANISM: en av',
    ],
    [
      { KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '2' },
      'KAFKA_MIN_INSYNC_REPLICAS: 2 är fler än',
    ],
    [{ DATABASE_SSL_CA_PATH: 'pem' }, 'DATABASE_SSL: måste vara require eller verify-full'],
    [
      { DATABASE_SSL: 'require', DATABASE_URL: 'postgres://h/db?sslmode=disable' },
      'DATABASE_URL: har sslmode=',
    ],
  ])('%j', (env, expected) => {
    const withFiles = Object.fromEntries(
      Object.entries(env).map(([name, value]) => [name, value === 'pem' ? pem : value]),
    );
    const refused = problems(withFiles);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(expected);
  });
});

describe('temporalConnectionSettings', () => {
  const read = (path: string) => Buffer.from(`contents of ${path}`);
  const settings = (env: Record<string, string>) => temporalConnectionSettings((name) => env[name], read);

  it('is a plain connection to the address without TLS or key (the embedded dev server)', () => {
    expect(settings({ TEMPORAL_ADDRESS: '127.0.0.1:7233' })).toEqual({
      namespace: 'default',
      connection: { address: '127.0.0.1:7233', tls: false },
    });
  });

  it('mutual TLS with CA and server name from the files', () => {
    expect(
      settings({
        TEMPORAL_ADDRESS: '10.0.0.5:7233',
        TEMPORAL_NAMESPACE: 'kommun',
        TEMPORAL_TLS_CLIENT_CERT_PATH: '/run/secrets/client.pem',
        TEMPORAL_TLS_CLIENT_KEY_PATH: '/run/secrets/client.key',
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/run/secrets/ca.pem',
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    ).toEqual({
      namespace: 'kommun',
      connection: {
        address: '10.0.0.5:7233',
        tls: {
          serverNameOverride: 'temporal.internal',
          serverRootCACertificate: read('/run/secrets/ca.pem'),
          clientCertPair: { crt: read('/run/secrets/client.pem'), key: read('/run/secrets/client.key') },
        },
      },
    });
  });

  it('an API key switches TLS on (Temporal Cloud) unless TEMPORAL_TLS=false', () => {
    expect(settings({ TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233', TEMPORAL_API_KEY: 'k' }).connection).toEqual({
      address: 'ns.tmprl.cloud:7233',
      tls: {},
      apiKey: 'k',
    });
    expect(
      settings({ TEMPORAL_ADDRESS: 'proxy:7233', TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).connection,
    ).toEqual({ address: 'proxy:7233', tls: false, apiKey: 'k' });
  });

  it('the command-line tools read the environment through the same checks', () => {
    expect(
      temporalConnectionFromEnv({ TEMPORAL_ADDRESS: 'h:1', TEMPORAL_TLS: 'true' }).connection.tls,
    ).toEqual({});
    expect(() => temporalConnectionFromEnv({})).toThrow('TEMPORAL_ADDRESS saknas');
    expect(() =>
      temporalConnectionFromEnv({ TEMPORAL_ADDRESS: 'h:1', TEMPORAL_TLS_CLIENT_CERT_PATH: pem }),
    ).toThrow('TEMPORAL_TLS_CLIENT_KEY_PATH: krävs');
  });
});

describe('kafkaSecurity and kafkaTopicSettings', () => {
  const read = (path: string) => Buffer.from(`contents of ${path}`);

  it('nothing set: plaintext, no SASL (the embedded broker)', () => {
    expect(kafkaSecurity(() => undefined, read)).toEqual({});
  });

  it('SSL with CA, client certificate and server name; SASL SCRAM', () => {
    const env: Record<string, string> = {
      KAFKA_SSL_CA_PATH: '/ca.pem',
      KAFKA_SSL_CLIENT_CERT_PATH: '/c.pem',
      KAFKA_SSL_CLIENT_KEY_PATH: '/c.key',
      KAFKA_SSL_SERVER_NAME: 'kafka.internal',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'kvalitet',
      KAFKA_SASL_PASSWORD: 'hemligt',
    };
    expect(kafkaSecurity((name) => env[name], read)).toEqual({
      ssl: { ca: [read('/ca.pem')], cert: read('/c.pem'), key: read('/c.key'), servername: 'kafka.internal' },
      sasl: { mechanism: 'scram-sha-512', username: 'kvalitet', password: 'hemligt' },
    });
  });

  it('KAFKA_SSL=true alone trusts the system CAs; SASL PLAIN without SSL is passed as given', () => {
    expect(kafkaSecurity((name) => ({ KAFKA_SSL: 'true' })[name as string], read)).toEqual({ ssl: true });
    const plain: Record<string, string> = {
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
    };
    expect(kafkaSecurity((name) => plain[name], read)).toEqual({
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
    });
  });

  it('replication factor, min.insync.replicas and retention, per aggregate type before the default', () => {
    const config = validateConfig(z.object(kafkaTopicVariables), {
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
      KAFKA_RETENTION_MS: '604800000',
      KAFKA_TOPIC_RETENTION_MS: 'case=2592000000, risk=-1',
    });
    const topics = kafkaTopicSettings((name) => config[name]);
    expect(topics.replicationFactor).toBe(3);
    expect(topics.configFor('kvalitet.case.events.v1')).toEqual([
      { name: 'min.insync.replicas', value: '2' },
      { name: 'retention.ms', value: '2592000000' },
    ]);
    expect(topics.configFor('kvalitet.risk.events.v1')).toContainEqual({ name: 'retention.ms', value: '-1' });
    expect(topics.configFor('kvalitet.risk_assessment.events.v1')).toContainEqual({
      name: 'retention.ms',
      value: '604800000',
    });
  });

  it('defaults: one replica and the broker’s own topic settings', () => {
    const config = validateConfig(z.object(kafkaTopicVariables), {});
    const topics = kafkaTopicSettings((name) => config[name]);
    expect(topics.replicationFactor).toBe(1);
    expect(topics.configFor('kvalitet.case.events.v1')).toEqual([]);
  });
});

describe('databaseTls', () => {
  const read = (path: string) => Buffer.from(`contents of ${path}`);
  const tls = (env: Record<string, string>) => databaseTls((name) => env[name], read);

  it('unset leaves it to the address; disable is off', () => {
    expect(tls({})).toBeUndefined();
    expect(tls({ DATABASE_SSL: 'disable' })).toBe(false);
  });

  it('require encrypts without checking; with a CA it checks the chain but not the name', () => {
    expect(tls({ DATABASE_SSL: 'require' })).toEqual({ rejectUnauthorized: false });
    const withCa = tls({ DATABASE_SSL: 'require', DATABASE_SSL_CA_PATH: '/ca.pem' });
    expect(withCa).toMatchObject({ rejectUnauthorized: true, ca: [read('/ca.pem')] });
    expect(withCa && withCa.checkServerIdentity?.()).toBeUndefined();
  });

  it('verify-full checks chain and host name', () => {
    expect(tls({ DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_PATH: '/ca.pem' })).toEqual({
      rejectUnauthorized: true,
      ca: [read('/ca.pem')],
    });
  });

  it('the command-line tools read the environment through the same checks', () => {
    expect(databaseTlsFromEnv({ DATABASE_SSL: 'require' })).toEqual({ rejectUnauthorized: false });
    expect(() => databaseTlsFromEnv({ DATABASE_SSL: 'on' })).toThrow('DATABASE_SSL: en av');
  });
});
