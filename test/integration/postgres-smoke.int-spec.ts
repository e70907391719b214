import { randomUUID } from 'node:crypto';
import { ServiceProbeEntity } from '@kvalitet/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('Postgres (real server)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('runs the migrations and writes and reads a row through TypeORM', async () => {
    const repository = db.dataSource.getRepository(ServiceProbeEntity);
    const id = randomUUID();
    await repository.insert({ id, note: 'röktest' });
    const row = await repository.findOneByOrFail({ id });
    expect(row.note).toBe('röktest');
    expect(row.createdAt).toBeInstanceOf(Date);
    const migrations: { name: string }[] = await db.dataSource.query('SELECT name FROM schema_migrations');
    expect(migrations.map((m) => m.name)).toContain('InitialSchema1764090000000');
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the event table', async () => {
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO events (id, aggregate_type, aggregate_id, version, type, data, metadata, occurred_at) VALUES ($1, 'case', $2, 1, 'Probe', '{}', '{}', now())`,
      [id, randomUUID()],
    );
    await expect(
      db.dataSource.query(`UPDATE events SET type = 'Changed' WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM events WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.dataSource.query(`TRUNCATE events CASCADE`)).rejects.toThrow(/append-only/);
    const rows: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM events WHERE id = $1 AND type = 'Probe'`,
      [id],
    );
    expect(rows).toHaveLength(1);
  });
});
