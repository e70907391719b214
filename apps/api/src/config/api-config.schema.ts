import { sessionConfigProblem, sessionConfigVariables } from '../auth/session/session-config';
import { z } from 'zod';
import {
  databaseTlsProblems,
  databaseTlsVariables,
  kafkaConnectionProblems,
  kafkaConnectionVariables,
  temporalConnectionProblems,
  temporalConnectionVariables,
  temporalPayloadKeyVariables,
} from '@kvalitet/runtime';
import {
  acceptedYearRangeProblem,
  acceptedYearRangeVariables,
} from '../common/validation/accepted-year-range';
import { attachmentConfigVariables, attachmentStorageProblem } from '../attachments/attachments.config';
import { isLoopbackHost } from './loopback-host';

/** Every variable the api reads; a missing or malformed one stops the process naming it. */
export const apiConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'måste vara en postgres://-adress'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    /** The tables' owner, for MIGRATE_ON_START only; DATABASE_URL is then the runtime role it grants to (issue 24). */
    DATABASE_OWNER_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'måste vara en postgres://-adress')
      .optional(),
    ...databaseTlsVariables,
    /** Address, namespace, TLS and API key of Temporal (issue 20, ADR 0046). */
    ...temporalConnectionVariables,
    /** Keys of the Temporal payload codec (ADR 0028); unset outside production: the dev key in .infra/. */
    ...temporalPayloadKeyVariables,
    KAFKA_BROKERS: z.string().regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'måste vara värd:port[,värd:port]'),
    ...kafkaConnectionVariables,
    KAFKA_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'gemener, siffror och bindestreck')
      .default('kvalitet'),
    /**
     * No default (issue 24): `oidc` in production, `dev` only on this machine. `npm start` and the
     * test harnesses set `dev` explicitly; unset stops the process naming the variable.
     */
    AUTH_MODE: z.enum(['dev', 'oidc']).optional(),
    /** `1` lets AUTH_MODE=dev listen on a HOST other than loopback (logged as a warning at start). */
    ALLOW_DEV_AUTH_ON_NETWORK: z.enum(['0', '1']).default('0'),
    /** Longest accepted token lifetime (`exp` − `iat`, or `exp` − now); dev tokens are issued no longer. */
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(12 * 3600),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_AUDIENCE: z.string().optional(),
    /** Overrides the JWKS address found through the issuer's discovery document. */
    OIDC_JWKS_URI: z.string().url().optional(),
    /** Claims (dotted paths allowed, e.g. `realm_access.roles`) that carry the caller's identity. */
    OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
    OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
    OIDC_UNITS_CLAIM: z.string().min(1).default('units'),
    /** The web app's public OIDC client (authorization code + PKCE) and the scopes it asks for. */
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_SCOPE: z.string().min(1).default('openid profile'),
    /** The built web app served at `/` (ADR 0005); default apps/web/dist. */
    WEB_DIST_DIR: z.string().min(1).optional(),
    /**
     * AUTH_MODE=dev signing secret. Unset: generated once per installation into DEV_AUTH_SECRET_FILE
     * (default `.infra/dev-auth-secret`, mode 0600) and reused by every api process.
     */
    DEV_AUTH_SECRET: z.string().min(32, 'minst 32 tecken / at least 32 characters').optional(),
    DEV_AUTH_SECRET_FILE: z.string().min(1).optional(),
    /** The old name: refused, so that a secret meant for the api is not silently ignored. */
    DEV_TOKEN_SECRET: z.string().optional(),
    /** Comma-separated origins allowed by CORS; nothing else gets CORS headers. */
    CORS_ORIGIN: z.string().default('http://127.0.0.1:5173'),
    /** Honour X-Forwarded-For from one proxy in front of the api (the client address for rate limits). */
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    /** Requests per minute and client address to `POST /public/feedback`. */
    PUBLIC_FEEDBACK_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(10),
    /** How long an Idempotency-Key claim holds unless its request renews it (a crashed holder's runs out). */
    IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().min(0.5).max(3600).default(10),
    /** Largest accepted JSON body in bytes. */
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10485760).default(262144),
    /** Deepest accepted nesting of objects and arrays in a JSON body; deeper is 400 before any validation. */
    BODY_MAX_DEPTH: z.coerce.number().int().min(2).max(1000).default(64),
    /** Longest time to receive a whole request (headers and body), and its headers; then 408 and closed. */
    HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().min(0.5).max(3600).default(30),
    HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().min(0.5).max(3600).default(20),
    /** Bearer token for `/metrics` and the details of `/health/ready`; unset: `/metrics` is 404. */
    METRICS_TOKEN: z.string().min(16, 'minst 16 tecken').optional(),
    /** Prefix of the report schedules' ids (the schedule CLI's default); tests use their own. */
    REPORT_SCHEDULE_PREFIX: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'gemener, siffror och bindestreck')
      .default('kvalitet-report'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
    /** Api processes sharing the port (Node cluster, ADR 0013); 1 runs the api in this process. */
    API_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    /** Years (inclusive) every date and timestamp in a body or query must lie in; else 400 OUT_OF_RANGE (issue 23). */
    ...acceptedYearRangeVariables,
    ...attachmentConfigVariables,
    ...sessionConfigVariables,
  })
  .transform((config, ctx) => {
    const { AUTH_MODE: authMode, DEV_TOKEN_SECRET: oldSecret, ...rest } = config;
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (!authMode) {
      problem(
        'AUTH_MODE',
        'saknas: sätt AUTH_MODE=oidc (med OIDC_ISSUER), eller AUTH_MODE=dev bara för utveckling på den här datorn / ' +
          'is not set: set AUTH_MODE=oidc (with OIDC_ISSUER), or AUTH_MODE=dev for development on this machine only',
      );
    }
    if (authMode === 'dev' && config.NODE_ENV === 'production') {
      problem(
        'AUTH_MODE',
        'AUTH_MODE=dev är inte tillåtet när NODE_ENV=production / AUTH_MODE=dev is not allowed when NODE_ENV=production',
      );
    } else if (
      authMode === 'dev' &&
      !isLoopbackHost(config.HOST) &&
      config.ALLOW_DEV_AUTH_ON_NETWORK !== '1'
    ) {
      problem(
        'AUTH_MODE',
        `AUTH_MODE=dev kräver att HOST är loopback (127.0.0.1, ::1, localhost), inte ${config.HOST}: vem som helst ` +
          'som når porten kan hämta en token för vilken demoanvändare som helst; sätt ALLOW_DEV_AUTH_ON_NETWORK=1 ' +
          'om det verkligen är meningen / AUTH_MODE=dev needs HOST on loopback (127.0.0.1, ::1, localhost), not ' +
          `${config.HOST}: anyone reaching the port can get a token for any demo user; set ALLOW_DEV_AUTH_ON_NETWORK=1 ` +
          'if that is really intended',
      );
    }
    if (oldSecret !== undefined) {
      problem(
        'DEV_TOKEN_SECRET',
        'heter nu DEV_AUTH_SECRET (minst 32 tecken) / renamed to DEV_AUTH_SECRET (at least 32 characters)',
      );
    }
    const years = acceptedYearRangeProblem(config.ACCEPTED_YEAR_MIN, config.ACCEPTED_YEAR_MAX);
    if (years) problem('ACCEPTED_YEAR_MIN', years);
    if (authMode === 'oidc' && !config.OIDC_ISSUER) problem('OIDC_ISSUER', 'krävs när AUTH_MODE=oidc');
    for (const connection of [
      ...temporalConnectionProblems(config),
      ...kafkaConnectionProblems(config),
      ...databaseTlsProblems(config),
    ])
      problem(connection.variable, connection.message);
    const session = sessionConfigProblem(config);
    if (session) problem(session.variable, session.message);
    const attachmentStorage = attachmentStorageProblem(config);
    if (attachmentStorage) problem(attachmentStorage.variable, attachmentStorage.message);
    if (!authMode) return z.NEVER;
    return { ...rest, AUTH_MODE: authMode };
  });

export type ApiConfig = z.infer<typeof apiConfigSchema>;
