import { z } from 'zod';
import { acceptedYearRangeProblem, acceptedYearRangeVariables } from '../common/validation/accepted-year-range';

/** Every variable the api reads; a missing or malformed one stops the process naming it. */
export const apiConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'måste vara en postgres://-adress'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'måste vara värd:port'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    KAFKA_BROKERS: z.string().regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'måste vara värd:port[,värd:port]'),
    KAFKA_NAMESPACE: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'gemener, siffror och bindestreck').default('kvalitet'),
    AUTH_MODE: z.enum(['dev', 'oidc']).default('dev'),
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
    DEV_TOKEN_SECRET: z.string().min(16).default('kvalitetsledning-dev-secret-not-for-production'),
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
    /** Prefix of the report schedules' ids (the schedule CLI's default); tests use their own. */
    REPORT_SCHEDULE_PREFIX: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'gemener, siffror och bindestreck').default('kvalitet-report'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
    /** Api processes sharing the port (Node cluster, ADR 0013); 1 runs the api in this process. */
    API_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    /** Years (inclusive) every date and timestamp in a body or query must lie in; else 400 OUT_OF_RANGE (issue 23). */
    ...acceptedYearRangeVariables,
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && config.AUTH_MODE === 'dev') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AUTH_MODE'],
        message: 'AUTH_MODE=dev är inte tillåtet när NODE_ENV=production',
      });
    }
    const years = acceptedYearRangeProblem(config.ACCEPTED_YEAR_MIN, config.ACCEPTED_YEAR_MAX);
    if (years) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ACCEPTED_YEAR_MIN'], message: years });
    if (config.AUTH_MODE === 'oidc' && !config.OIDC_ISSUER) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['OIDC_ISSUER'],
        message: 'krävs när AUTH_MODE=oidc',
      });
    }
  });

export type ApiConfig = z.infer<typeof apiConfigSchema>;
