import { migrateDatabase, MIGRATIONS } from '@kvalitet/persistence';
import { RENUMBERED_MIGRATIONS } from '../../libs/persistence/src/migrations/renumbered-migrations';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 20: the migrations first numbered with 14 digits now carry 13. A database that ran them
 * under the old names must neither run them again nor lose track of them.
 */
describe('renumbered migrations on a database that ran them under their 14-digit names', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 2 });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('renames their rows and runs nothing twice', async () => {
    for (const [oldName, newName] of RENUMBERED_MIGRATIONS) {
      await db.dataSource.query(`UPDATE schema_migrations SET name = $1, timestamp = $2 WHERE name = $3`, [
        oldName,
        Number(oldName.match(/\d+$/)![0]),
        newName,
      ]);
    }

    // Running them again would fail on tables that exist; the run must be a no-op.
    await migrateDatabase({ ownerUrl: db.url });

    const rows: { name: string; timestamp: string }[] = await db.dataSource.query(
      `SELECT name, timestamp FROM schema_migrations ORDER BY timestamp, id`,
    );
    expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(rows.every((row) => String(row.timestamp).length === 13)).toBe(true);
  });

  it('every migration has a 13-digit timestamp and the list is in timestamp order', () => {
    const stamps = MIGRATIONS.map((migration) => migration.name.match(/\d+$/)![0]);
    expect(stamps.every((stamp) => stamp.length === 13)).toBe(true);
    expect([...stamps].sort()).toEqual(stamps);
  });
});
