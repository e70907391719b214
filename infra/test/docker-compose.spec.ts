import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { ZodTypeAny } from 'zod';
import { apiConfigSchema } from '../../apps/api/src/config/api-config.schema';
import { projectorConfigSchema } from '../../apps/projector/src/config/projector-config.schema';
import { workerConfigSchema } from '../../apps/worker/src/config/worker-config.schema';

interface ComposeService {
  environment?: Record<string, string>;
  build?: { dockerfile: string };
  command?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}

const compose = parse(readFileSync(resolve(__dirname, '../../docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};

function keysOf(schema: ZodTypeAny): string[] {
  const inner = schema._def.typeName === 'ZodEffects' ? schema._def.schema : schema;
  return Object.keys(inner.shape as Record<string, unknown>);
}

// No Docker engine here: the compose file is checked against the schemas the apps validate at start.
describe.each([
  ['api', apiConfigSchema],
  ['worker', workerConfigSchema],
  ['projector', projectorConfigSchema],
] as const)('docker-compose service %s', (name, schema) => {
  const service = compose.services[name];

  it('exists, is built from its Dockerfile and passes the app configuration schema', () => {
    expect(service?.build?.dockerfile).toBe(`apps/${name}/Dockerfile`);
    const result = schema.safeParse(service?.environment ?? {});
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(
      [],
    );
  });

  it('sets no variable the app does not know', () => {
    const known = new Set(keysOf(schema));
    expect(Object.keys(service?.environment ?? {}).filter((key) => !known.has(key))).toEqual([]);
  });

  it('points at the compose services, not at loopback', () => {
    for (const value of Object.values(service?.environment ?? {}))
      expect(value).not.toMatch(/127\.0\.0\.1|localhost/);
  });
});

describe('docker-compose infrastructure', () => {
  it('has Postgres, Temporal with Postgres persistence and a KRaft Kafka', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-db', 'kafka']),
    );
    expect(compose.services.temporal?.environment?.DB).toBe('postgres12');
    expect(compose.services.kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });
});

// Issue 24: the tables' owner migrates in a one-shot step; the processes get the runtime role only.
describe('docker-compose database roles', () => {
  const userOf = (url: string | undefined) => (url ? decodeURIComponent(new URL(url).username) : undefined);
  const owner = compose.services.postgres?.environment?.POSTGRES_USER;

  it('migrates as the owner in a one-shot step that also names the runtime role', () => {
    const migrate = compose.services.migrate;
    expect(migrate?.command?.join(' ')).toContain('apps/api/src/migrate-cli.ts');
    expect(userOf(migrate?.environment?.DATABASE_OWNER_URL)).toBe(owner);
    expect(userOf(migrate?.environment?.DATABASE_URL)).toBe('kvalitet_app');
    expect(compose.services.api?.depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
    });
    expect(compose.services.api?.environment?.MIGRATE_ON_START).toBe('false');
  });

  it.each(['api', 'worker', 'projector'])(
    '%s connects as the runtime role and never sees the owner',
    (name) => {
      const environment = compose.services[name]?.environment ?? {};
      expect(userOf(environment.DATABASE_URL)).toBe('kvalitet_app');
      expect(userOf(environment.DATABASE_URL)).not.toBe(owner);
      expect(Object.values(environment).join('\n')).not.toContain(`//${owner}:`);
      expect(environment.DATABASE_OWNER_URL).toBeUndefined();
    },
  );
});
