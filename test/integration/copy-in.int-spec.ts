import { copyLine, serialCopyIn, serialQuery } from '@kvalitet/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** COPY … FROM STDIN on a transaction's connection (the rebuild's bulk write, ADR 0012). */
describe('serialCopyIn (real Postgres)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 2 });
    await db.dataSource.query(
      `CREATE TABLE copied (n int PRIMARY KEY, label text, at timestamptz, flag boolean, doc jsonb)`,
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  const awkward = [
    'tab\there',
    'line\nbreak',
    'carriage\rreturn',
    'back\\slash',
    '\\N',
    'åäö ✓ \u0000'.replace('\u0000', ''),
    '',
  ];

  it('writes every value as it was, in turn with the statements around it', async () => {
    const doc = {
      quote: 'say "hej"',
      slash: 'a\\b',
      line: 'x\ny',
      tab: '\t',
      nested: { list: [1, null, 'å'] },
    };
    const rows = awkward.map((label, n) => [
      n,
      label,
      new Date(Date.UTC(2026, 10, 26, 1, 2, 3, n)),
      n % 2 === 0,
      n === 0 ? doc : { n },
    ]);
    await db.dataSource.transaction(async (manager) => {
      const before = serialQuery(manager, `INSERT INTO copied (n, label) VALUES (100, 'före')`);
      const copied = serialCopyIn(
        manager,
        'copied',
        ['n', 'label', 'at', 'flag', 'doc'],
        rows.map(copyLine).join('') + copyLine([101, null, null, null, null]),
      );
      const after = serialQuery<{ n: number }[]>(manager, `SELECT count(*)::int AS n FROM copied`);
      await before;
      expect(await copied).toBe(rows.length + 1);
      expect((await after)[0]!.n).toBe(rows.length + 2);
    });
    const stored: { n: number; label: string | null; at: Date | null; flag: boolean | null; doc: unknown }[] =
      await db.dataSource.query(`SELECT * FROM copied ORDER BY n`);
    expect(stored.slice(0, rows.length).map((r) => [r.n, r.label, r.at, r.flag, r.doc])).toEqual(rows);
    expect(stored.find((r) => r.n === 101)).toEqual({ n: 101, label: null, at: null, flag: null, doc: null });
  });

  it('fails with the server error, rolls back, and leaves the connection usable', async () => {
    await expect(
      db.dataSource.transaction(async (manager) => {
        await serialCopyIn(
          manager,
          'copied',
          ['n', 'label'],
          copyLine([200, 'ny']) + copyLine([0, 'dubblett']),
        );
      }),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      db.dataSource.transaction((manager) =>
        serialCopyIn(manager, 'copied', ['n', 'flag'], copyLine([300, 'inte boolesk'])),
      ),
    ).rejects.toThrow(/boolean/);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM copied WHERE n IN (200, 300)`);
    expect(n).toBe(0);
    // Every pooled connection still answers.
    await Promise.all(
      [1, 2, 3, 4].map(() =>
        db.dataSource.transaction((manager) => serialCopyIn(manager, 'copied', ['n'], '')),
      ),
    );
  });

  it('needs a transaction', async () => {
    await expect(serialCopyIn(db.dataSource.manager, 'copied', ['n'], copyLine([400]))).rejects.toThrow(
      /transaktion/,
    );
  });
});
