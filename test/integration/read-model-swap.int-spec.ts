import { Client } from 'pg';
import { createShadowTables, swapShadowTables } from '../../apps/projector/src/rebuild/shadow-tables';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** A rebuild loads fresh, index-less tables and swaps them in (ADR 0012). */
describe('read-model tables rebuilt side by side and swapped in (real Postgres)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
  });
  afterAll(async () => {
    await db.drop();
  });

  const definitions = (table: string): Promise<{ indexname: string; indexdef: string }[]> =>
    db.dataSource.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY indexname`,
      [table],
    );
  const constraints = (table: string): Promise<{ conname: string; def: string }[]> =>
    db.dataSource.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY conname`,
      [table],
    );

  it('keeps every index and constraint under its own name, and the rows written into the shadow', async () => {
    const before = {
      cases: await definitions('rm_cases'),
      tasks: await definitions('rm_tasks'),
      checks: await constraints('rm_tasks'),
    };
    expect(before.cases.map((i) => i.indexname)).toEqual(
      expect.arrayContaining(['rm_cases_pkey', 'rm_cases_case_number_key', 'rm_cases_unit_idx']),
    );
    await db.dataSource.transaction(async (manager) => {
      const shadows = await createShadowTables(manager, ['rm_cases', 'rm_tasks']);
      // With replica/logical WAL loaded unlogged (no WAL record per row) and made durable before the
      // swap; with minimal WAL (the local server) a plain table, which this transaction does not WAL-log.
      const [{ wal_level }] = await manager.query(`SELECT current_setting('wal_level') AS wal_level`);
      const [loading] = await manager.query(
        `SELECT relpersistence FROM pg_class WHERE relname = 'rm_tasks__rebuild'`,
      );
      expect(loading.relpersistence).toBe(wal_level === 'minimal' ? 'p' : 'u');
      expect(shadows.every((s) => s.unlogged === (wal_level !== 'minimal'))).toBe(true);
      await manager.query(
        `INSERT INTO rm_tasks__rebuild (id, case_id, case_number, case_type, kind, unit_id, status, created_at)
         VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'AV-2026-0001', 'deviation', 'follow_up', 'solgarden', 'open', now())`,
      );
      await swapShadowTables(manager, shadows);
    });
    expect(await definitions('rm_cases')).toEqual(before.cases);
    expect(await definitions('rm_tasks')).toEqual(before.tasks);
    expect(await constraints('rm_tasks')).toEqual(before.checks);
    const persistence: { relname: string; relpersistence: string }[] = await db.dataSource.query(
      `SELECT relname, relpersistence FROM pg_class WHERE relname LIKE 'rm\\_cases%' OR relname LIKE 'rm\\_tasks%' ORDER BY relname`,
    );
    expect(persistence.length).toBeGreaterThan(5);
    expect(persistence.filter((r) => r.relpersistence !== 'p')).toEqual([]);
    const [task] = await db.dataSource.query(`SELECT case_number, status FROM rm_tasks`);
    expect(task).toEqual({ case_number: 'AV-2026-0001', status: 'open' });
    // The check constraint came along: the rebuilt table refuses what the original refused.
    await expect(db.dataSource.query(`UPDATE rm_tasks SET status = 'unknown'`)).rejects.toThrow(
      /check constraint/,
    );
  });

  it('lets a live statement that waited for the lock go on against the rebuilt table', async () => {
    const live = new Client({ connectionString: db.url });
    await live.connect();
    try {
      let waiting: Promise<{ rows: { case_number: string }[] }> | undefined;
      await db.dataSource.transaction(async (manager) => {
        await manager.query(`LOCK TABLE rm_tasks IN EXCLUSIVE MODE`);
        const shadows = await createShadowTables(manager, ['rm_tasks']);
        await manager.query(
          `INSERT INTO rm_tasks__rebuild (id, case_id, case_number, case_type, kind, unit_id, status, created_at)
           VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004', 'AV-2026-0002', 'deviation', 'follow_up', 'solgarden', 'open', now())`,
        );
        // The live consumer's kind of statement: it blocks on the old table's lock.
        waiting = live.query(`SELECT case_number FROM rm_tasks ORDER BY case_number FOR UPDATE`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const [blocked] = await manager.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(blocked.n).toBe(1);
        await swapShadowTables(manager, shadows);
      });
      const { rows } = await waiting!;
      expect(rows).toEqual([{ case_number: 'AV-2026-0002' }]);
    } finally {
      await live.end();
    }
  });

  it('refuses a table with a trigger of its own instead of losing it in the swap', async () => {
    await db.dataSource.query(
      `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
    );
    await db.dataSource.query(
      `CREATE TRIGGER rm_case_counters_touch BEFORE INSERT ON rm_case_counters FOR EACH ROW EXECUTE FUNCTION touch()`,
    );
    await expect(
      db.dataSource.transaction((manager) => createShadowTables(manager, ['rm_case_counters'])),
    ).rejects.toThrow(/triggrar/);
    await db.dataSource.query(`DROP TRIGGER rm_case_counters_touch ON rm_case_counters`);
  });
});
