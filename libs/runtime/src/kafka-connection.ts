import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { z } from 'zod';
import { AGGREGATE_TYPES } from '@kvalitet/contracts';
import { validateConfig } from './validate-config';
import { pairProblems, pemFile, reportProblems, trueOrFalse, type VariableProblem } from './connection-files';

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof SASL_MECHANISMS)[number];

/** How every process reaches Kafka (issue 20): TLS and SASL as the brokers' listener asks. */
export const kafkaConnectionVariables = {
  /** `true` for TLS with the system's CAs; implied by any of the KAFKA_SSL_* files or the server name. */
  KAFKA_SSL: trueOrFalse.optional(),
  KAFKA_SSL_CA_PATH: pemFile.optional(),
  KAFKA_SSL_CLIENT_CERT_PATH: pemFile.optional(),
  KAFKA_SSL_CLIENT_KEY_PATH: pemFile.optional(),
  KAFKA_SSL_SERVER_NAME: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z
    .enum(SASL_MECHANISMS, {
      errorMap: () => ({ message: `en av / one of ${SASL_MECHANISMS.join(', ')}` }),
    })
    .optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
};
export type KafkaConnectionVariable = keyof typeof kafkaConnectionVariables;
export const KAFKA_CONNECTION_VARIABLES = Object.keys(kafkaConnectionVariables) as KafkaConnectionVariable[];
type KafkaConnectionConfig = z.infer<z.ZodObject<typeof kafkaConnectionVariables>>;

const SSL_SETTINGS = [
  'KAFKA_SSL_CA_PATH',
  'KAFKA_SSL_CLIENT_CERT_PATH',
  'KAFKA_SSL_CLIENT_KEY_PATH',
  'KAFKA_SSL_SERVER_NAME',
] as const;

export function kafkaConnectionProblems(config: Partial<KafkaConnectionConfig>): VariableProblem[] {
  const problems = pairProblems(config, 'KAFKA_SSL_CLIENT_CERT_PATH', 'KAFKA_SSL_CLIENT_KEY_PATH');
  const sslSettings = SSL_SETTINGS.filter((name) => config[name] !== undefined);
  if (config.KAFKA_SSL === 'false' && sslSettings.length > 0)
    problems.push({
      variable: 'KAFKA_SSL',
      message: `är false men ${sslSettings.join(', ')} är satt / is false but ${sslSettings.join(', ')} is set`,
    });
  if (config.KAFKA_SASL_MECHANISM) {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const)
      if (config[variable] === undefined)
        problems.push({
          variable,
          message: `krävs när KAFKA_SASL_MECHANISM är satt / is required when KAFKA_SASL_MECHANISM is set`,
        });
  } else {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const)
      if (config[variable] !== undefined)
        problems.push({
          variable: 'KAFKA_SASL_MECHANISM',
          message: `krävs när ${variable} är satt (plain, scram-sha-256 eller scram-sha-512) / is required when ${variable} is set`,
        });
  }
  return problems;
}

export function refineKafkaConnection(config: Partial<KafkaConnectionConfig>, ctx: z.RefinementCtx): void {
  reportProblems(kafkaConnectionProblems(config), ctx);
}

/** The `ssl` and `sasl` of kafkajs's KafkaConfig (structurally; kafkajs is not imported here). */
export interface KafkaSecurity {
  ssl?: true | ConnectionOptions;
  sasl?: {
    [M in KafkaSaslMechanism]: { mechanism: M; username: string; password: string };
  }[KafkaSaslMechanism];
}

export function kafkaSecurity(
  value: (name: KafkaConnectionVariable) => unknown,
  read: (path: string) => Buffer = (path) => readFileSync(path),
): KafkaSecurity {
  const config = Object.fromEntries(
    KAFKA_CONNECTION_VARIABLES.map((name) => [name, value(name) ?? undefined]),
  ) as Partial<KafkaConnectionConfig>;
  const security: KafkaSecurity = {};
  const sslWanted =
    config.KAFKA_SSL === 'true' ||
    (config.KAFKA_SSL !== 'false' && SSL_SETTINGS.some((name) => config[name] !== undefined));
  if (sslWanted) {
    const tls: ConnectionOptions = {};
    if (config.KAFKA_SSL_CA_PATH) tls.ca = [read(config.KAFKA_SSL_CA_PATH)];
    if (config.KAFKA_SSL_CLIENT_CERT_PATH) tls.cert = read(config.KAFKA_SSL_CLIENT_CERT_PATH);
    if (config.KAFKA_SSL_CLIENT_KEY_PATH) tls.key = read(config.KAFKA_SSL_CLIENT_KEY_PATH);
    if (config.KAFKA_SSL_SERVER_NAME) tls.servername = config.KAFKA_SSL_SERVER_NAME;
    security.ssl = Object.keys(tls).length === 0 ? true : tls;
  }
  if (config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD)
    security.sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME,
      password: config.KAFKA_SASL_PASSWORD,
    };
  return security;
}

const milliseconds = z.coerce
  .number({ invalid_type_error: 'ett tal i millisekunder / a number of milliseconds' })
  .int('ett heltal / a whole number')
  .min(-1, '-1 (för alltid / forever) eller fler millisekunder / or more milliseconds');

/**
 * How the event topics are created (issue 20): replicated on a cluster (3 with
 * min.insync.replicas=2 on infra/cluster), 1 on the embedded single broker. Applied when a topic is
 * created; an existing topic keeps its settings (change those with the brokers' own tools).
 */
export const kafkaTopicVariables = {
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(32).default(1),
  /** Unset: the broker's default. With the producers' acks=all, a write needs this many replicas. */
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(32).optional(),
  /** retention.ms of every event topic; unset: the broker's default (Kafka: 7 days). -1 keeps forever. */
  KAFKA_RETENTION_MS: milliseconds.optional(),
  /** Per aggregate type, before KAFKA_RETENTION_MS: `case=2592000000,risk=604800000`. */
  KAFKA_TOPIC_RETENTION_MS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      for (const message of topicRetentionProblems(value))
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }),
};
export type KafkaTopicVariable = keyof typeof kafkaTopicVariables;
export const KAFKA_TOPIC_VARIABLES = Object.keys(kafkaTopicVariables) as KafkaTopicVariable[];

function topicRetentionEntries(value: string): [string, string][] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const equals = entry.indexOf('=');
      return equals < 0 ? [entry, ''] : [entry.slice(0, equals).trim(), entry.slice(equals + 1).trim()];
    });
}

function topicRetentionProblems(value: string): string[] {
  const problems: string[] = [];
  for (const [type, ms] of topicRetentionEntries(value)) {
    if (!(AGGREGATE_TYPES as readonly string[]).includes(type))
      problems.push(`"${type}" är ingen händelsetyp / is no aggregate type (${AGGREGATE_TYPES.join(', ')})`);
    else if (!milliseconds.safeParse(ms).success || ms === '')
      problems.push(
        `${type}: "${ms}" är inga millisekunder / is no number of milliseconds (-1 eller fler / or more)`,
      );
  }
  return problems;
}

export function kafkaTopicProblems(config: {
  KAFKA_REPLICATION_FACTOR?: number;
  KAFKA_MIN_INSYNC_REPLICAS?: number | undefined;
}): VariableProblem[] {
  const replicas = config.KAFKA_REPLICATION_FACTOR ?? 1;
  const minInsync = config.KAFKA_MIN_INSYNC_REPLICAS;
  if (minInsync !== undefined && minInsync > replicas)
    return [
      {
        variable: 'KAFKA_MIN_INSYNC_REPLICAS',
        message:
          `${minInsync} är fler än KAFKA_REPLICATION_FACTOR (${replicas}): ingen skrivning skulle lyckas / ` +
          `is more than KAFKA_REPLICATION_FACTOR (${replicas}): no write would succeed`,
      },
    ];
  return [];
}

export function refineKafkaTopics(
  config: { KAFKA_REPLICATION_FACTOR?: number; KAFKA_MIN_INSYNC_REPLICAS?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  reportProblems(kafkaTopicProblems(config), ctx);
}

/** What `ensureTopics` (@kvalitet/messaging) creates a topic with. */
export interface TopicSettings {
  replicationFactor: number;
  /** Topic configs (`retention.ms`, `min.insync.replicas`) for one topic. */
  configFor(topic: string): { name: string; value: string }[];
}

export function kafkaTopicSettings(value: (name: KafkaTopicVariable) => unknown): TopicSettings {
  const replicationFactor = Number(value('KAFKA_REPLICATION_FACTOR') ?? 1);
  const minInsync = value('KAFKA_MIN_INSYNC_REPLICAS');
  const retention = value('KAFKA_RETENTION_MS');
  const perType = new Map(topicRetentionEntries(String(value('KAFKA_TOPIC_RETENTION_MS') ?? '')));
  return {
    replicationFactor,
    configFor(topic) {
      const type = [...perType.keys()].find((candidate) => topic.includes(`.${candidate}.events.`));
      const retentionMs = type === undefined ? retention : perType.get(type);
      return [
        ...(minInsync === undefined || minInsync === null
          ? []
          : [{ name: 'min.insync.replicas', value: String(minInsync) }]),
        ...(retentionMs === undefined || retentionMs === null
          ? []
          : [{ name: 'retention.ms', value: String(retentionMs) }]),
      ];
    },
  };
}

/** For command-line tools reading the environment themselves; a bad variable stops them naming it. */
export function kafkaSecurityFromEnv(env: Record<string, string | undefined> = process.env): KafkaSecurity {
  const config = validateConfig(z.object(kafkaConnectionVariables).superRefine(refineKafkaConnection), env);
  return kafkaSecurity((name) => config[name]);
}
