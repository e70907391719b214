import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  APPEND_ONLY_TABLES,
  CaseCommandService,
  EventStore,
  appendOnlyTables,
  migrateDatabase,
  openDataSource,
} from '@kvalitet/persistence';
import { createShadowTables, swapShadowTables } from '../../apps/projector/src/rebuild/shadow-tables';
import { freePort } from '../e2e/support/api-harness';
import { AppProcess, waitUntil } from '../support/app-process';
import { runDeviationScenario } from '../support/case-scenarios';
import { infraEnv, ownerDatabaseUrl } from '../support/infra-env';

// Issue 24 (review M-3): the processes connect as a runtime role that cannot switch off the
// append-only guarantee of `events` and `access_log`. A fresh database is migrated as the owner
// (as npm start's seed step and docker-compose's migrate step do), a runtime role of this test's
// own is created and granted by that step, and everything below runs as it.

const PERMISSION_DENIED = '42501';

async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? 'no-code';
  }
}

/** A fresh database and the addresses of its owner and of a runtime role of this test's own. */
function freshDatabase() {
  const admin = ownerDatabaseUrl();
  const database = `kvalitet_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const role = `kvalitet_rt_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const ownerUrl = Object.assign(new URL(admin), { pathname: `/${database}` }).toString();
  const runtime = new URL(ownerUrl);
  runtime.username = role;
  runtime.password = randomBytes(18).toString('base64url');
  const onServer = async (statement: string) => {
    const server = new Client({ connectionString: admin });
    await server.connect();
    try {
      await server.query(statement);
    } finally {
      await server.end();
    }
  };
  return {
    database,
    role,
    ownerUrl,
    runtimeUrl: runtime.toString(),
    create: () => onServer(`CREATE DATABASE ${database}`),
    async drop() {
      await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await onServer(`DROP ROLE IF EXISTS ${role}`);
    },
  };
}

describe('runtime database role (issue 24)', () => {
  const { database, role, ownerUrl, runtimeUrl, ...fresh } = freshDatabase();
  let owner: DataSource;
  let runtime: DataSource;
  /** One connection as the runtime role, for statements that must fail. */
  let client: Client;

  beforeAll(async () => {
    await fresh.create();
    await migrateDatabase({ ownerUrl, runtimeUrl, applicationName: 'kvalitet-test-migrate' });
    // Idempotent: a second start of the migration step changes nothing and does not fail.
    await migrateDatabase({ ownerUrl, runtimeUrl, applicationName: 'kvalitet-test-migrate' });
    owner = await openDataSource({ url: ownerUrl, poolSize: 2, applicationName: 'kvalitet-test-owner' });
    runtime = await openDataSource({
      url: runtimeUrl,
      poolSize: 5,
      applicationName: 'kvalitet-test-runtime',
    });
    client = new Client({ connectionString: runtimeUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end().catch(() => undefined);
    if (runtime?.isInitialized) await runtime.destroy();
    if (owner?.isInitialized) await owner.destroy();
    await fresh.drop();
  });

  it('is a plain login role: no superuser, no CREATEDB/CREATEROLE/REPLICATION/BYPASSRLS, owns nothing', async () => {
    const [attributes] = await owner.query(
      `SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1`,
      [role],
    );
    expect(attributes).toEqual({
      rolcanlogin: true,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
    });
    const owned = await owner.query(
      `SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
      [role],
    );
    expect(owned).toEqual([]);
    expect(await appendOnlyTables(owner)).toEqual([...APPEND_ONLY_TABLES].sort());
  });

  it.each(APPEND_ONLY_TABLES)('has only INSERT and SELECT on %s', async (table) => {
    const rights: { privilege: string; held: boolean }[] = await owner.query(
      `SELECT p AS privilege, has_table_privilege($1, $2, p) AS held
         FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p`,
      [role, table],
    );
    expect(Object.fromEntries(rights.map((r) => [r.privilege, r.held]))).toEqual({
      SELECT: true,
      INSERT: true,
      UPDATE: false,
      DELETE: false,
      TRUNCATE: false,
      REFERENCES: false,
      TRIGGER: false,
    });
  });

  it.each(APPEND_ONLY_TABLES)(
    'gets a permission error for UPDATE, DELETE, TRUNCATE, DISABLE TRIGGER, DROP TRIGGER and DROP on %s',
    async (table) => {
      const trigger = `${table}_append_only`;
      const attempts = {
        update: `UPDATE ${table} SET id = id`,
        delete: `DELETE FROM ${table}`,
        truncate: `TRUNCATE ${table}`,
        truncateCascade: `TRUNCATE ${table} CASCADE`,
        disableTrigger: `ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`,
        disableAllTriggers: `ALTER TABLE ${table} DISABLE TRIGGER ALL`,
        dropTrigger: `DROP TRIGGER ${trigger} ON ${table}`,
        drop: `DROP TABLE ${table}`,
        lockExclusive: `BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE; ROLLBACK`,
      };
      const states: Record<string, string | undefined> = {};
      for (const [name, statement] of Object.entries(attempts)) {
        states[name] = await sqlState(client.query(statement));
        await client.query('ROLLBACK').catch(() => undefined);
      }
      expect(states).toEqual(
        Object.fromEntries(Object.keys(attempts).map((name) => [name, PERMISSION_DENIED])),
      );
    },
  );

  it('cannot switch the triggers off for its session, replace their function or create tables', async () => {
    expect(await sqlState(client.query(`SET session_replication_role = replica`))).toBe(PERMISSION_DENIED);
    expect(
      await sqlState(
        client.query(
          `CREATE OR REPLACE FUNCTION refuse_change_of_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
        ),
      ),
    ).toBe(PERMISSION_DENIED);
    expect(await sqlState(client.query(`CREATE TABLE sneaky (id int)`))).toBe(PERMISSION_DENIED);
    expect(
      await sqlState(client.query(`INSERT INTO schema_migrations (timestamp, name) VALUES (1, 'x')`)),
    ).toBe(PERMISSION_DENIED);
  });

  it("does the api's normal work: reports and drives a case through EventStore + CaseCommandService and writes access-log rows", async () => {
    const cases = new CaseCommandService(new EventStore(runtime));
    const caseId = await runDeviationScenario(cases, 1, 10);
    const loaded = await cases.load(caseId);
    expect(loaded.state?.stage).toBe('closed');
    const [{ n }] = await runtime.query(`SELECT count(*)::int AS n FROM events WHERE aggregate_id = $1`, [
      caseId,
    ]);
    expect(n).toBeGreaterThan(5);
    const [{ outbox }] = await runtime.query(
      `SELECT count(*)::int AS outbox FROM outbox WHERE message_key = $1`,
      [caseId],
    );
    expect(outbox).toBe(n);
    // The statement the api's AccessLogService uses (its base columns).
    await runtime.query(
      `INSERT INTO access_log (username, roles, case_id, action, route, request_id)
         SELECT r.username, string_to_array(r.roles, ','), r.case_id, r.action, r.route, r.request_id
           FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS r(username, roles, case_id, action, route, request_id)`,
      [
        ['kvalitet'],
        ['quality_coordinator'],
        [caseId],
        ['read_case'],
        ['GET /api/v1/cases/:id'],
        [randomUUID()],
      ],
    );
    const logged = await runtime.query(`SELECT username, action FROM access_log WHERE case_id = $1`, [
      caseId,
    ]);
    expect(logged).toEqual([{ username: 'kvalitet', action: 'read_case' }]);
    // …and still cannot take back what it wrote.
    expect(await sqlState(client.query(`DELETE FROM access_log WHERE case_id = $1`, [caseId]))).toBe(
      PERMISSION_DENIED,
    );
    expect(
      await sqlState(client.query(`UPDATE events SET data = '{}' WHERE aggregate_id = $1`, [caseId])),
    ).toBe(PERMISSION_DENIED);
  });

  it('keeps its rights on a read model the owner rebuilds side by side, and on tables the owner creates later', async () => {
    const before: { acl: string }[] = await owner.query(
      `SELECT relacl::text AS acl FROM pg_class WHERE oid = 'rm_cases'::regclass`,
    );
    expect(before[0]!.acl).toContain(`${role}=arwd/`);
    await owner.transaction(async (manager) => {
      const shadows = await createShadowTables(manager, ['rm_cases']);
      await swapShadowTables(manager, shadows);
    });
    const after: { acl: string }[] = await owner.query(
      `SELECT relacl::text AS acl FROM pg_class WHERE oid = 'rm_cases'::regclass`,
    );
    expect(after[0]!.acl).toBe(before[0]!.acl);
    await runtime.query(`SELECT count(*) FROM rm_cases`);
    expect(await sqlState(client.query(`TRUNCATE rm_cases`))).toBe(PERMISSION_DENIED);
    expect(await sqlState(client.query(`DROP TABLE rm_cases`))).toBe(PERMISSION_DENIED);

    await owner.query(`CREATE TABLE later_table (id bigserial PRIMARY KEY, note text)`);
    await runtime.query(`INSERT INTO later_table (note) VALUES ('ok')`);
    expect(await runtime.query(`SELECT note FROM later_table`)).toEqual([{ note: 'ok' }]);
  });

  it('refuses owner and runtime addresses that name different databases', async () => {
    const other = Object.assign(new URL(runtimeUrl), { pathname: `/${database}_other` }).toString();
    await expect(migrateDatabase({ ownerUrl, runtimeUrl: other })).rejects.toThrow(/olika databaser/);
  });
});

// npm start's path (infra/start-all.sh): seed-demo.ts migrates as the owner and writes the demo data
// as the runtime role; the api then runs with the runtime role's address only.
describe('npm start path with owner and runtime role (issue 24)', () => {
  const db = freshDatabase();
  const api = { process: null as AppProcess | null, baseUrl: '' };

  beforeAll(async () => {
    await db.create();
  });

  afterAll(async () => {
    if (api.process?.running) await api.process.terminate(20_000);
    await db.drop();
  });

  it('seeds as owner + runtime role, and the api started with the runtime role alone is ready and takes a report', async () => {
    const seed = new AppProcess(
      'infra/seed-demo.ts',
      { DATABASE_URL: db.runtimeUrl, DATABASE_OWNER_URL: db.ownerUrl },
      'seed-demo',
    );
    seed.start();
    expect({ code: await seed.waitForExit(120_000), output: seed.text }).toMatchObject({
      code: 0,
      output: expect.stringContaining('demoärenden inlagda'),
    });

    const infra = infraEnv();
    const port = await freePort();
    api.baseUrl = `http://127.0.0.1:${port}`;
    api.process = new AppProcess(
      'apps/api/src/main.ts',
      {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        AUTH_MODE: 'dev',
        DATABASE_URL: db.runtimeUrl,
        MIGRATE_ON_START: 'false',
        TEMPORAL_ADDRESS: infra.TEMPORAL_ADDRESS,
        KAFKA_BROKERS: infra.KAFKA_BROKERS,
      },
      'api',
    );
    api.process.start();
    await waitUntil(
      async () => {
        if (!api.process!.running) throw new Error(`api avslutades vid start:\n${api.process!.text}`);
        return fetch(`${api.baseUrl}/health/ready`).then(
          (r) => r.status === 200,
          () => false,
        );
      },
      90_000,
      'api redo som runtime-rollen',
    );
    const token = await fetch(`${api.baseUrl}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'medarbetare' }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    const created = await fetch(`${api.baseUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        type: 'deviation',
        unitId: 'solgarden',
        occurredAt: '2026-12-01T10:00:00+01:00',
        description: 'Rapport som runtime-rollen',
        channel: 'staff_form',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await fetch(`${api.baseUrl}/api/v1/cases/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    const connected: { usename: string }[] = await new Promise((resolve, reject) => {
      const client = new Client({ connectionString: db.ownerUrl });
      client
        .connect()
        .then(() =>
          client.query(
            `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND application_name = 'kvalitet-api'`,
            [db.database],
          ),
        )
        .then((r) => client.end().then(() => resolve(r.rows as { usename: string }[])), reject);
    });
    expect(connected).toEqual([{ usename: db.role }]);
  });
});
