import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';
import { validateConfig } from './validate-config';
import { pairProblems, pemFile, reportProblems, trueOrFalse, type VariableProblem } from './connection-files';

/**
 * How every process reaches Temporal (issue 20, ADR 0046): the variable names of Temporal's own
 * environment configuration (the CLI and the SDKs' envconfig), read by this one helper so that the
 * config schema checks them at start. Certificates are files only (mounted secrets).
 */
export const temporalConnectionVariables = {
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'måste vara värd:port'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Sent as `Authorization: Bearer …` (Temporal Cloud); switches TLS on unless TEMPORAL_TLS=false. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /** `true` for TLS with the system's CAs; implied by any of the TLS files, the server name or an API key. */
  TEMPORAL_TLS: trueOrFalse.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: pemFile.optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: pemFile.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: pemFile.optional(),
  /** The name the server's certificate is checked against when it differs from the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
};

export const TEMPORAL_CONNECTION_VARIABLES = Object.keys(
  temporalConnectionVariables,
) as TemporalConnectionVariable[];
export type TemporalConnectionVariable = keyof typeof temporalConnectionVariables;

const temporalConnectionSchema = z.object(temporalConnectionVariables);
export type TemporalConnectionConfig = z.infer<typeof temporalConnectionSchema>;

const TLS_SETTINGS = [
  'TEMPORAL_TLS_CLIENT_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_KEY_PATH',
  'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
  'TEMPORAL_TLS_SERVER_NAME',
] as const;

/** Combinations the schema refuses: half a client certificate, TLS files with TEMPORAL_TLS=false. */
export function temporalConnectionProblems(config: Partial<TemporalConnectionConfig>): VariableProblem[] {
  const problems = pairProblems(config, 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH');
  const tlsSettings = TLS_SETTINGS.filter((name) => config[name] !== undefined);
  if (config.TEMPORAL_TLS === 'false' && tlsSettings.length > 0)
    problems.push({
      variable: 'TEMPORAL_TLS',
      message: `är false men ${tlsSettings.join(', ')} är satt / is false but ${tlsSettings.join(', ')} is set`,
    });
  return problems;
}

/** For a schema's `.superRefine`: the cross-field checks above, each under its variable. */
export function refineTemporalConnection(
  config: Partial<TemporalConnectionConfig>,
  ctx: z.RefinementCtx,
): void {
  reportProblems(temporalConnectionProblems(config), ctx);
}

/**
 * Options for `Connection.lazy`/`Connection.connect` (@temporalio/client) and
 * `NativeConnection.connect` (@temporalio/worker) alike. `tls: false` is explicit so that an API key
 * with TEMPORAL_TLS=false (a proxy that terminates TLS) does not switch TLS back on in the SDK.
 */
export interface TemporalConnectionOptions {
  address: string;
  tls: TLSConfig | false;
  apiKey?: string;
}

export interface TemporalConnectionSettings {
  connection: TemporalConnectionOptions;
  namespace: string;
}

/** Builds the connection from validated settings; `read` reads the certificate files (tests replace it). */
export function temporalConnectionSettings(
  value: (name: TemporalConnectionVariable) => unknown,
  read: (path: string) => Buffer = (path) => readFileSync(path),
): TemporalConnectionSettings {
  const config = Object.fromEntries(
    TEMPORAL_CONNECTION_VARIABLES.map((name) => [name, value(name) ?? undefined]),
  ) as Partial<TemporalConnectionConfig>;
  const apiKey = config.TEMPORAL_API_KEY;
  const tlsWanted =
    config.TEMPORAL_TLS === 'true' ||
    (config.TEMPORAL_TLS !== 'false' &&
      (apiKey !== undefined || TLS_SETTINGS.some((name) => config[name] !== undefined)));
  let tls: TLSConfig | false = false;
  if (tlsWanted) {
    tls = {};
    if (config.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = config.TEMPORAL_TLS_SERVER_NAME;
    if (config.TEMPORAL_TLS_SERVER_CA_CERT_PATH)
      tls.serverRootCACertificate = read(config.TEMPORAL_TLS_SERVER_CA_CERT_PATH);
    if (config.TEMPORAL_TLS_CLIENT_CERT_PATH && config.TEMPORAL_TLS_CLIENT_KEY_PATH)
      tls.clientCertPair = {
        crt: read(config.TEMPORAL_TLS_CLIENT_CERT_PATH),
        key: read(config.TEMPORAL_TLS_CLIENT_KEY_PATH),
      };
  }
  return {
    namespace: config.TEMPORAL_NAMESPACE ?? 'default',
    connection: {
      address: String(config.TEMPORAL_ADDRESS ?? ''),
      tls,
      ...(apiKey === undefined ? {} : { apiKey }),
    },
  };
}

/**
 * For the command-line tools that read the environment themselves (schedules, dead letters,
 * restore, seed): validated like a process's schema, so a bad variable stops them naming it.
 */
export function temporalConnectionFromEnv(
  env: Record<string, string | undefined> = process.env,
): TemporalConnectionSettings {
  const config = validateConfig(temporalConnectionSchema.superRefine(refineTemporalConnection), env);
  return temporalConnectionSettings((name) => config[name]);
}
