import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { MIGRATION_LOCK_SQL_KEY, MIGRATIONS, openDataSource } from '@kvalitet/persistence';
import { ownerDatabaseUrl } from '../support/infra-env';

const ROOT = resolve(__dirname, '../..');

/** `npm run migrate` as a deployment runs it: its own process, its exit code and what it printed. */
function runMigrate(url: string): Promise<{ code: number | null; output: string }> {
  const { DATABASE_OWNER_URL: _owner, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', resolve(ROOT, 'apps/api/src/migrate-cli.ts')],
    { cwd: ROOT, env: { ...inherited, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

async function admin<T>(work: (client: Client) => Promise<T>, url = ownerDatabaseUrl()): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database of its own (not migrated): what a first deployment finds. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kvalitet_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ownerDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function migrationRows(url: string): Promise<{ name: string; runs: number }[]> {
  return admin(
    async (c) =>
      (
        await c.query<{ name: string; runs: number }>(
          `SELECT name, count(*)::int AS runs FROM schema_migrations GROUP BY name ORDER BY min(timestamp), name`,
        )
      ).rows,
    url,
  );
}

/**
 * Issue 20: migrations are their own command (`npm run migrate`) and take a Postgres advisory lock,
 * so two starters at once (two replicas, a job started twice) cannot race on a fresh database.
 */
describe('npm run migrate under the migration lock', () => {
  const databases: { drop: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop().catch(() => undefined);
  });

  it('two concurrent runs on a fresh database both succeed, and every migration ran exactly once', async () => {
    const db = await emptyDatabase();
    databases.push(db);

    const [first, second] = await Promise.all([runMigrate(db.url), runMigrate(db.url)]);

    expect({ code: first.code, output: first.output }).toEqual({ code: 0, output: expect.any(String) });
    expect({ code: second.code, output: second.output }).toEqual({ code: 0, output: expect.any(String) });
    const rows = await migrationRows(db.url);
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(rows.filter((r) => r.runs !== 1)).toEqual([]);
    // One of them ran the migrations, the other found nothing left to do.
    const outputs = [first.output, second.output];
    expect(outputs.filter((o) => /\d+ migreringar körda/.test(o))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('databasen är redan migrerad'))).toHaveLength(1);
    for (const output of outputs) expect(output).toContain('klart på');
  }, 180_000);

  it('waits while another holder has the lock, says so, and migrates once it is released', async () => {
    const db = await emptyDatabase();
    databases.push(db);
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_SQL_KEY})`);
    let released = false;
    try {
      const run = runMigrate(db.url).then((result) => ({ ...result, finishedAfterRelease: released }));
      // The migration step waits on the lock and has not touched the database meanwhile.
      const waiting = await waitForLockWaiter(db.url);
      expect(waiting).toBe(true);
      expect(
        await admin(
          async (c) =>
            (await c.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`)).rows[0].present,
          db.url,
        ),
      ).toBe(false);
      released = true;
      await holder.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_SQL_KEY})`);
      const result = await run;
      expect(result.code).toBe(0);
      expect(result.finishedAfterRelease).toBe(true);
      expect(result.output).toContain('väntar på migreringslåset');
      expect((await migrationRows(db.url)).length).toBe(MIGRATIONS.length);
    } finally {
      await holder.end();
    }
  }, 180_000);

  it('two processes migrating at start (MIGRATE_ON_START, one role) on a fresh database both open, once each', async () => {
    const db = await emptyDatabase();
    databases.push(db);
    const open = () =>
      openDataSource({ url: db.url, migrate: true, poolSize: 1, applicationName: 'kvalitet-test' });
    const opened = await Promise.all([open(), open()]);
    await Promise.all(opened.map((d) => d.destroy()));
    const rows = await migrationRows(db.url);
    expect(rows.length).toBe(MIGRATIONS.length);
    expect(rows.filter((r) => r.runs !== 1)).toEqual([]);
  }, 180_000);
});

/** True once a session of the migration step waits for the advisory lock (pg_locks, not granted). */
async function waitForLockWaiter(url: string): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const waiting = await admin(
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()
                AND a.application_name = 'kvalitet-migrate-lock'`,
          )
        ).rows[0].n,
      url,
    );
    if (waiting > 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
