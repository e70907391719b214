import { existsSync } from 'node:fs';
import { z } from 'zod';
import {
  databaseTlsVariables,
  healthPort,
  refineDatabaseTls,
  refineTemporalConnection,
  temporalConnectionVariables,
  temporalPayloadKeyVariables,
} from '@kvalitet/runtime';

export const workerConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'måste vara en postgres://-adress'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    ...databaseTlsVariables,
    /** Address, namespace, TLS and API key of Temporal (issue 20, ADR 0046). */
    ...temporalConnectionVariables,
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('kvalitet-cases'),
    /** Keys of the Temporal payload codec (ADR 0028); unset outside production: the dev key in .infra/. */
    ...temporalPayloadKeyVariables,
    /** Topic namespace of the events the activities append (outbox topic), as in the projector. */
    KAFKA_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'gemener, siffror och bindestreck')
      .default('kvalitet'),
    /** A workflow bundle built by `npm run build:workflows`; absent: bundled from source at start. */
    WORKFLOW_BUNDLE_PATH: z
      .string()
      .min(1)
      .refine((path) => existsSync(path), 'filen finns inte / file not found')
      .optional(),
    WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(50),
    /** Workflow tasks run at once (SDK default when absent); tuning for many timers due together. */
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1000).optional(),
    /** Workflows kept in the sticky cache (SDK default from memory when absent); evicted ones replay. */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100000).optional(),
    /** `/health/live`, `/health/ready` and `/metrics` of the worker (issue 20); 0 serves none (api 3000, projector 3001). */
    WORKER_HEALTH_PORT: healthPort.default(3002),
    /** Where the health port listens: 0.0.0.0 in a container whose probes come from outside. */
    WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  })
  .superRefine((config, ctx) => {
    refineTemporalConnection(config, ctx);
    refineDatabaseTls(config, ctx);
  });

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
