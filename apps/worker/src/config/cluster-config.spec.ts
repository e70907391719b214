import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, validateConfig } from '@kvalitet/runtime';
import { workerConfigSchema } from './worker-config.schema';

// Issue 20: the worker's schema carries the Temporal and Postgres connection settings and their checks.
const base = { DATABASE_URL: 'postgres://u:p@db:5432/kvalitet', TEMPORAL_ADDRESS: 'temporal:7233' };

let dir: string;
let key: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kvalitet-worker-conf-'));
  key = join(dir, 'client.key');
  writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(env: Record<string, string>): string[] {
  try {
    validateConfig(workerConfigSchema, { ...base, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

describe('worker configuration for real clusters', () => {
  it('accepts an API key, TLS and Postgres TLS', () => {
    expect(problems({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'true', DATABASE_SSL: 'verify-full' })).toEqual(
      [],
    );
  });

  it('refuses half a client certificate and a bad TLS mode, naming the variables', () => {
    expect(problems({ DATABASE_SSL: 'on' })).toEqual([expect.stringMatching(/^DATABASE_SSL: en av/)]);
    expect(problems({ TEMPORAL_TLS_CLIENT_KEY_PATH: key })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_CLIENT_CERT_PATH: krävs när TEMPORAL_TLS_CLIENT_KEY_PATH är satt/),
    ]);
    expect(
      problems({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent.pem', TEMPORAL_TLS_CLIENT_KEY_PATH: key }),
    ).toEqual([expect.stringMatching(/^TEMPORAL_TLS_CLIENT_CERT_PATH: filen finns inte/)]);
  });
});
