import type { EntityManager } from 'typeorm';

/**
 * A read-model table rebuilt side by side (ADR 0012): `shadow` has the columns, defaults and checks
 * of `table` but no indexes while it is bulk-loaded; `swapShadowTables` then builds the indexes in
 * one sorted pass each and puts the shadow in the table's place under the table's own index and
 * constraint names. Readers keep reading the old rows meanwhile (the rebuild holds only an
 * EXCLUSIVE lock until the swap), and the old rows are dropped in one go instead of deleted.
 */
export interface ShadowTable {
  table: string;
  shadow: string;
  /** Loaded UNLOGGED, so made LOGGED before the swap. */
  unlogged: boolean;
}

interface IndexOfTable {
  name: string;
  definition: string;
  constraint_name: string | null;
  constraint_definition: string | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checked(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`otillåtet tabellnamn: ${name}`);
  return name;
}

/**
 * Creates the index-less shadows. A table with triggers or row security policies of its own is
 * refused: the swap would silently lose them. Its grants (the runtime role's, issue 24) are copied
 * onto the shadow, so the swapped table grants exactly what the old one did. (Views or foreign keys
 * on a table make the swap's DROP TABLE fail, and so the whole rebuild, instead of losing anything.)
 */
export async function createShadowTables(
  manager: EntityManager,
  tables: readonly string[],
): Promise<ShadowTable[]> {
  const shadows: ShadowTable[] = [];
  // With wal_level=minimal (the local server, infra/postgres.mjs) a table created in this transaction
  // is not WAL-logged at all but synced at commit, so a plain table costs no WAL and needs no SET
  // LOGGED rewrite (the tail after the last event of a 1M-event rebuild: 7.4 s → 5.5 s). With replica or logical WAL,
  // UNLOGGED while it is loaded: no WAL record per row; SET LOGGED at the swap writes it to the WAL
  // once, page by page, before its indexes exist.
  const [wal]: { minimal: boolean }[] = await manager.query(
    `SELECT current_setting('wal_level') = 'minimal' AS minimal`,
  );
  const unlogged = wal?.minimal !== true;
  for (const table of tables.map(checked)) {
    const [owned]: { triggers: number; policies: number; options: string | null }[] = await manager.query(
      `SELECT (SELECT count(*)::int FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal) AS triggers,
              (SELECT count(*)::int FROM pg_policy WHERE polrelid = c.oid) AS policies,
              array_to_string(c.reloptions, ', ') AS options
         FROM pg_class c WHERE c.oid = $1::regclass`,
      [table],
    );
    if (!owned) throw new Error(`tabellen ${table} finns inte`);
    if (owned.triggers > 0 || owned.policies > 0) {
      throw new Error(`${table} har egna triggrar eller policyer och kan inte byggas om bredvid`);
    }
    const shadow = `${table}__rebuild`;
    await manager.query(
      `CREATE ${unlogged ? 'UNLOGGED ' : ''}TABLE ${shadow} (LIKE ${table} INCLUDING ALL EXCLUDING INDEXES)`,
    );
    if (owned.options) await manager.query(`ALTER TABLE ${shadow} SET (${owned.options})`);
    await copyGrants(manager, table, shadow);
    shadows.push({ table, shadow, unlogged });
  }
  return shadows;
}

const PRIVILEGES = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'MAINTAIN',
]);

interface Grant {
  grantee: string;
  privilege: string;
  grantable: boolean;
}

/** The grants of a table to others than the shadow's owner (whose rights come with ownership). */
async function grantsOf(manager: EntityManager, table: string, owner: string): Promise<Grant[]> {
  return manager.query(
    `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee,
            a.privilege_type AS privilege, a.is_grantable AS grantable
       FROM pg_class c, aclexplode(c.relacl) a
      WHERE c.oid = $1::regclass AND a.grantee <> (SELECT oid FROM pg_roles WHERE rolname = $2)
      ORDER BY 1, 2`,
    [table, owner],
  );
}

/**
 * Makes the shadow's grants those of its table: the default privileges the shadow got at CREATE
 * are revoked, the table's granted.
 */
async function copyGrants(manager: EntityManager, table: string, shadow: string): Promise<void> {
  const [row]: { owner: string }[] = await manager.query(
    `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = $1::regclass`,
    [shadow],
  );
  const owner = row!.owner;
  for (const grantee of new Set((await grantsOf(manager, shadow, owner)).map((g) => g.grantee)))
    await manager.query(`REVOKE ALL ON TABLE ${shadow} FROM ${grantee}`);
  for (const grant of await grantsOf(manager, table, owner)) {
    if (!PRIVILEGES.has(grant.privilege)) throw new Error(`okänd rättighet ${grant.privilege} på ${table}`);
    await manager.query(
      `GRANT ${grant.privilege} ON TABLE ${shadow} TO ${grant.grantee}${grant.grantable ? ' WITH GRANT OPTION' : ''}`,
    );
  }
}

/**
 * Indexes the shadows like their tables, drops the tables and renames the shadows (with their
 * indexes and constraints) into their places. Live statements waiting for a table's lock look the
 * name up again once they get it, and so go on against the rebuilt table.
 */
export async function swapShadowTables(
  manager: EntityManager,
  shadows: readonly ShadowTable[],
): Promise<void> {
  // Each index is built in one sort; with the default 64 MB, a million task rows spill to disk.
  await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const { table, shadow, unlogged } of shadows) {
    if (unlogged) await manager.query(`ALTER TABLE ${shadow} SET LOGGED`);
    const indexes: IndexOfTable[] = await manager.query(
      `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition,
              c.conname AS constraint_name, pg_get_constraintdef(c.oid) AS constraint_definition
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
        WHERE x.indrelid = $1::regclass
        ORDER BY i.relname`,
      [table],
    );
    const renames: string[] = [];
    for (const [n, index] of indexes.entries()) {
      const temporary = `${shadow}_${n}`;
      if (index.constraint_name && index.constraint_definition) {
        await manager.query(
          `ALTER TABLE ${shadow} ADD CONSTRAINT ${temporary} ${index.constraint_definition}`,
        );
        renames.push(
          `ALTER TABLE ${table} RENAME CONSTRAINT ${temporary} TO ${checked(index.constraint_name)}`,
        );
      } else {
        const definition = index.definition.replace(
          /^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+ /,
          `CREATE $1INDEX ${temporary} ON ${shadow} `,
        );
        if (definition === index.definition) throw new Error(`oväntad indexdefinition: ${index.definition}`);
        await manager.query(definition);
        renames.push(`ALTER INDEX ${temporary} RENAME TO ${checked(index.name)}`);
      }
    }
    await manager.query(`ANALYZE ${shadow}`);
    await manager.query(`DROP TABLE ${table}`);
    await manager.query(`ALTER TABLE ${shadow} RENAME TO ${table}`);
    for (const rename of renames) await manager.query(rename);
  }
}
