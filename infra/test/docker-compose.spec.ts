import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { ZodTypeAny } from 'zod';
import { apiConfigSchema } from '../../apps/api/src/config/api-config.schema';
import { projectorConfigSchema } from '../../apps/projector/src/config/projector-config.schema';
import { workerConfigSchema } from '../../apps/worker/src/config/worker-config.schema';

interface ComposeService {
  image?: string;
  environment?: Record<string, string>;
  build?: { dockerfile: string };
  command?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  restart?: string;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
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

// Issue 20: the file had never run — apps raced Temporal's schema setup, nothing restarted, Kafka
// wrote outside its volume, the web app was never built, schedules were made by the demo script only.
describe('docker-compose start order and health (issue 20)', () => {
  const services = compose.services;
  const oneOffJobs = ['migrate', 'schedules'];
  const longRunning = Object.keys(services).filter((name) => !oneOffJobs.includes(name));
  const dependencies = (name: string) =>
    (services[name]?.depends_on ?? {}) as Record<string, { condition: string }>;
  const dockerfile = (name: string) =>
    readFileSync(resolve(__dirname, `../../apps/${name}/Dockerfile`), 'utf8');

  it.each(longRunning)('%s restarts unless stopped and has a healthcheck', (name) => {
    expect(services[name]?.restart).toBe('unless-stopped');
    expect(services[name]?.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it.each(oneOffJobs)('%s is a one-off job that is not restarted', (name) => {
    expect(services[name]?.restart).toBe('no');
    expect(services[name]?.healthcheck).toBeUndefined();
  });

  it('waits for every dependency by its health or completion, never only for its start', () => {
    for (const name of Object.keys(services)) {
      const dependsOn = services[name]?.depends_on ?? {};
      expect(Array.isArray(dependsOn)).toBe(false);
      for (const [dependency, { condition }] of Object.entries(
        dependsOn as Record<string, { condition: string }>,
      ))
        expect(`${name} → ${dependency}: ${condition}`).toBe(
          `${name} → ${dependency}: ${oneOffJobs.includes(dependency) ? 'service_completed_successfully' : 'service_healthy'}`,
        );
    }
  });

  it('starts the processes after the migration and Temporal after its database', () => {
    for (const name of ['api', 'worker', 'projector', 'schedules'])
      expect(dependencies(name).migrate?.condition).toBe('service_completed_successfully');
    for (const name of ['worker', 'projector', 'schedules'])
      expect(dependencies(name).temporal?.condition).toBe('service_healthy');
    expect(dependencies('projector').kafka?.condition).toBe('service_healthy');
    expect(dependencies('temporal')['temporal-db']?.condition).toBe('service_healthy');
    // Intake needs Postgres only: the api is ready (degraded) while Temporal or Kafka is away.
    expect(Object.keys(dependencies('api')).sort()).toEqual(['migrate', 'postgres']);
  });

  it('counts Temporal healthy only once its namespace answers (auto-setup registers it after the schema)', () => {
    expect(services.temporal?.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services.temporal?.healthcheck?.test.join(' ')).toContain('namespace describe -n default');
  });

  it('creates the report schedules in a one-off job of the worker image', () => {
    const schedules = services.schedules;
    expect(schedules?.build?.dockerfile).toBe('apps/worker/Dockerfile');
    expect(schedules?.command?.join(' ')).toContain(
      'apps/worker/src/activities/report-schedules-cli.ts ensure',
    );
    expect(schedules?.environment?.TEMPORAL_ADDRESS).toBe(services.worker?.environment?.TEMPORAL_ADDRESS);
    expect(schedules?.environment?.TEMPORAL_PAYLOAD_KEYS).toBe(
      services.worker?.environment?.TEMPORAL_PAYLOAD_KEYS,
    );
  });

  it('gives every process the same Temporal payload keys, which production requires (ADR 0028)', () => {
    const keys = ['api', 'worker', 'projector'].map(
      (name) => services[name]?.environment?.TEMPORAL_PAYLOAD_KEYS,
    );
    expect(keys[0]).toMatch(/^[A-Za-z0-9_.-]+:/);
    expect(Buffer.from(keys[0]!.split(':')[1]!, 'base64')).toHaveLength(32);
    expect(new Set(keys).size).toBe(1);
  });

  it.each([
    ['worker', 'WORKER_HEALTH_PORT', '3002'],
    ['projector', 'PROJECTOR_HEALTH_PORT', '3001'],
    ['api', 'PORT', '3000'],
  ])('%s is checked on /health/ready of its own port', (name, variable, port) => {
    expect(services[name]?.environment?.[variable]).toBe(port);
    expect(services[name]?.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
  });

  it("keeps Kafka's log dirs on its volume", () => {
    const logDirs = services.kafka?.environment?.KAFKA_LOG_DIRS;
    expect(services.kafka?.volumes?.map((volume) => volume.split(':')[1])).toContain(logDirs);
  });

  it('publishes no Temporal port (no authentication), or on loopback only', () => {
    for (const port of services.temporal?.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('publishes only the api to the network', () => {
    const published = Object.keys(services).filter((name) =>
      (services[name]?.ports ?? []).some((port) => !port.startsWith('127.0.0.1:')),
    );
    expect(published).toEqual(['api']);
  });

  it.each(['api', 'worker', 'projector'])('%s runs on Node 24 as the node user', (name) => {
    const froms = [...dockerfile(name).matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) expect(from).toMatch(/^node:24-/);
    expect(dockerfile(name)).toMatch(/^USER node$/m);
  });

  it('builds the web app into the api image (the api serves apps/web/dist)', () => {
    expect(dockerfile('api')).toContain('vite build --config apps/web/vite.config.mts');
    expect(dockerfile('api')).toContain('COPY config ./config');
  });
});
