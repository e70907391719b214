import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface InfraEnv {
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  KAFKA_BROKERS: string;
  TEMPORAL_TEST_SERVER_PATH?: string;
}

/**
 * Addresses of the real servers: the environment wins (external servers, CI), else the file that
 * `infra/up.sh` writes. Tests never start servers themselves and never fall back to mocks.
 */
function readEnvFile(): Record<string, string> {
  const file = resolve(__dirname, '../../.infra/env');
  const fromFile: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (match) fromFile[match[1]!] = match[2]!.replace(/^'(.*)'$/, '$1');
    }
  }
  return fromFile;
}

/**
 * The tables' owner on the same server (issue 24): may create databases, owns what it migrates.
 * `DATABASE_URL` is the runtime role on the local default; without an owner address (an external
 * server given as one `DATABASE_URL`) that one address does everything, as before. Not part of
 * infraEnv(), which tests spread into the environment of the processes they start.
 */
export function ownerDatabaseUrl(): string {
  const fromFile = readEnvFile();
  const owner = process.env.DATABASE_URL
    ? process.env.DATABASE_OWNER_URL
    : (process.env.DATABASE_OWNER_URL ?? fromFile.DATABASE_OWNER_URL);
  return owner || infraEnv().DATABASE_URL;
}

export function infraEnv(): InfraEnv {
  const fromFile = readEnvFile();
  const pick = (name: keyof InfraEnv) => process.env[name] ?? fromFile[name];
  const env = {
    DATABASE_URL: pick('DATABASE_URL'),
    TEMPORAL_ADDRESS: pick('TEMPORAL_ADDRESS'),
    KAFKA_BROKERS: pick('KAFKA_BROKERS'),
    TEMPORAL_TEST_SERVER_PATH: pick('TEMPORAL_TEST_SERVER_PATH'),
  };
  const missing = (['DATABASE_URL', 'TEMPORAL_ADDRESS', 'KAFKA_BROKERS'] as const).filter(
    (name) => !env[name],
  );
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} saknas: starta servrarna med 'bash infra/up.sh' (skriver .infra/env) eller sätt variablerna.`,
    );
  }
  return env as InfraEnv;
}
