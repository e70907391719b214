import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { pemFile, reportProblems, type VariableProblem } from './connection-files';
import { validateConfig } from './validate-config';

const SSL_MODES = ['disable', 'require', 'verify-full'] as const;

/**
 * Postgres over TLS (issue 20), with libpq's meanings: `require` encrypts without checking the
 * server (with DATABASE_SSL_CA_PATH: checks the chain, not the name, as libpq's verify-ca),
 * `verify-full` checks chain and host name (the system's CAs unless DATABASE_SSL_CA_PATH).
 */
export const databaseTlsVariables = {
  DATABASE_SSL: z
    .enum(SSL_MODES, { errorMap: () => ({ message: `en av / one of ${SSL_MODES.join(', ')}` }) })
    .optional(),
  DATABASE_SSL_CA_PATH: pemFile.optional(),
};
export type DatabaseTlsVariable = keyof typeof databaseTlsVariables;
export const DATABASE_TLS_VARIABLES = Object.keys(databaseTlsVariables) as DatabaseTlsVariable[];

/** The `ssl` of node-postgres: undefined leaves it to `sslmode=` in the address (or none). */
export type DatabaseTls =
  false | { rejectUnauthorized: boolean; ca?: Buffer[]; checkServerIdentity?: () => undefined } | undefined;

export function databaseTlsProblems(config: {
  DATABASE_SSL?: string | undefined;
  DATABASE_SSL_CA_PATH?: string | undefined;
  DATABASE_URL?: string | undefined;
  DATABASE_OWNER_URL?: string | undefined;
}): VariableProblem[] {
  const problems: VariableProblem[] = [];
  if (config.DATABASE_SSL_CA_PATH !== undefined && (config.DATABASE_SSL ?? 'disable') === 'disable')
    problems.push({
      variable: 'DATABASE_SSL',
      message:
        'måste vara require eller verify-full när DATABASE_SSL_CA_PATH är satt / ' +
        'must be require or verify-full when DATABASE_SSL_CA_PATH is set',
    });
  // node-postgres lets sslmode= in the address win over its ssl option: two settings, one silently lost.
  if (config.DATABASE_SSL !== undefined)
    for (const variable of ['DATABASE_URL', 'DATABASE_OWNER_URL'] as const)
      if (/[?&]sslmode=/.test(config[variable] ?? ''))
        problems.push({
          variable,
          message:
            'har sslmode= och DATABASE_SSL är satt: ange bara det ena / ' +
            'has sslmode= while DATABASE_SSL is set: give only one of them',
        });
  return problems;
}

export function refineDatabaseTls(
  config: Parameters<typeof databaseTlsProblems>[0],
  ctx: z.RefinementCtx,
): void {
  reportProblems(databaseTlsProblems(config), ctx);
}

export function databaseTls(
  value: (name: DatabaseTlsVariable) => unknown,
  read: (path: string) => Buffer = (path) => readFileSync(path),
): DatabaseTls {
  const mode = value('DATABASE_SSL') as (typeof SSL_MODES)[number] | undefined;
  const caPath = value('DATABASE_SSL_CA_PATH') as string | undefined;
  if (mode === undefined || mode === null) return undefined;
  if (mode === 'disable') return false;
  const ca = caPath ? { ca: [read(caPath)] } : {};
  if (mode === 'verify-full') return { rejectUnauthorized: true, ...ca };
  if (caPath) return { rejectUnauthorized: true, ...ca, checkServerIdentity: () => undefined };
  return { rejectUnauthorized: false };
}

/** For command-line tools reading the environment themselves; a bad variable stops them naming it. */
export function databaseTlsFromEnv(env: Record<string, string | undefined> = process.env): DatabaseTls {
  const config = validateConfig(
    z
      .object({
        ...databaseTlsVariables,
        DATABASE_URL: z.string().optional(),
        DATABASE_OWNER_URL: z.string().optional(),
      })
      .superRefine(refineDatabaseTls),
    env,
  );
  return databaseTls((name) => config[name]);
}
