import { z } from 'zod';
import {
  databaseTlsVariables,
  healthPort,
  kafkaConnectionVariables,
  kafkaTopicVariables,
  refineDatabaseTls,
  refineKafkaConnection,
  refineKafkaTopics,
  refineTemporalConnection,
  temporalConnectionVariables,
  temporalPayloadKeyVariables,
} from '@kvalitet/runtime';

export const projectorConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'måste vara en postgres://-adress'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    ...databaseTlsVariables,
    KAFKA_BROKERS: z.string().regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'måste vara värd:port[,värd:port]'),
    ...kafkaConnectionVariables,
    /** Replication, min.insync.replicas and retention of the event topics the projector creates. */
    ...kafkaTopicVariables,
    /** Address, namespace, TLS and API key of Temporal (issue 20, ADR 0046). */
    ...temporalConnectionVariables,
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('kvalitet-cases'),
    /** Keys of the Temporal payload codec (ADR 0028); unset outside production: the dev key in .infra/. */
    ...temporalPayloadKeyVariables,
    ORCHESTRATOR_ENABLED: z.enum(['true', 'false']).default('true'),
    KAFKA_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'gemener, siffror och bindestreck')
      .default('kvalitet'),
    RELAY_ENABLED: z.enum(['true', 'false']).default('true'),
    PROJECTIONS_ENABLED: z.enum(['true', 'false']).default('true'),
    /**
     * `/health/live`, `/health/ready` and `/metrics` of the projector (issue 20); 0 serves none. The
     * older name PROJECTOR_HTTP_PORT is still read when this one is unset; default 3001 (api 3000,
     * worker 3002).
     */
    PROJECTOR_HEALTH_PORT: healthPort.optional(),
    PROJECTOR_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    /** Where the health port listens: 0.0.0.0 in a container whose probes come from outside. */
    PROJECTOR_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  })
  .superRefine((config, ctx) => {
    refineTemporalConnection(config, ctx);
    refineKafkaConnection(config, ctx);
    refineKafkaTopics(config, ctx);
    refineDatabaseTls(config, ctx);
  });

export type ProjectorConfig = z.infer<typeof projectorConfigSchema>;
