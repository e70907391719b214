import { escapeIdentifier, escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Two database roles (issue 24). The OWNER owns the tables: migrations, and the read-model rebuild
 * that drops and renames tables (ADR 0012), run as it. The RUNTIME role is what the api, the worker
 * and the projector connect as: it may read and write the tables it needs, but on the append-only
 * tables it may only INSERT and SELECT, and since it owns nothing it can neither ALTER, DROP nor
 * DISABLE TRIGGER on them; not being a superuser, it cannot set session_replication_role either.
 *
 * The runtime role is the user of `DATABASE_URL`; the owner that of `DATABASE_OWNER_URL`. Without an
 * owner URL everything runs as one role, as before (tests that create their own databases).
 */

/** Always append-only; further tables are found by their append-only trigger (see appendOnlyTables). */
export const APPEND_ONLY_TABLES = [
  'events',
  'access_log',
  'report_versions',
  'report_presentations',
] as const;

/** The trigger function that makes a table append-only (initial schema). */
const APPEND_ONLY_FUNCTION = 'refuse_change_of_append_only';

/** Written by migrations only; the runtime role may read which have run. */
const MIGRATIONS_TABLE = 'schema_migrations';

export interface DatabaseLogin {
  user: string;
  password?: string;
  database: string;
}

/** User, password and database of a postgres:// address. */
export function loginOf(url: string): DatabaseLogin {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  if (!user) throw new Error('databasadressen saknar användare');
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  return {
    user,
    ...(password === undefined ? {} : { password }),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
}

/** The append-only tables of the schema: the fixed ones plus any other carrying the append-only trigger. */
export async function appendOnlyTables(manager: EntityManager | DataSource): Promise<string[]> {
  const rows: { name: string }[] = await manager.query(
    `SELECT DISTINCT c.relname AS name
       FROM pg_trigger t
       JOIN pg_proc p ON p.oid = t.tgfoid
       JOIN pg_class c ON c.oid = t.tgrelid
      WHERE p.proname = $1 AND c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal`,
    [APPEND_ONLY_FUNCTION],
  );
  return [...new Set([...APPEND_ONLY_TABLES, ...rows.map((r) => r.name)])].sort();
}

/**
 * Run as the owner after the migrations; idempotent. Creates the runtime role if it does not exist
 * (LOGIN, with the password of its URL, no superuser, no CREATEDB/CREATEROLE/REPLICATION/BYPASSRLS),
 * refuses a runtime role that is a superuser, bypasses row security, owns an append-only table or is
 * a member of the owner, and grants it:
 * - SELECT, INSERT, UPDATE, DELETE on every table of the schema, now and (default privileges) on
 *   tables the owner creates later — read models, outbox, inbox, idempotency keys, …;
 * - only SELECT and INSERT on the append-only tables (events, access_log), only SELECT on
 *   schema_migrations;
 * - USAGE and SELECT on the sequences (nextval of the bigserial keys).
 * TRUNCATE, REFERENCES and TRIGGER are granted on nothing. Everything in one transaction.
 */
export async function grantRuntimeRole(
  dataSource: DataSource,
  runtime: { user: string; password?: string },
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const { owner } = ((await manager.query(`SELECT current_user AS owner`)) as { owner: string }[])[0]!;
    if (runtime.user === owner)
      throw new Error(
        `runtime-rollen ${runtime.user} är samma som ägaren; ange en annan användare i DATABASE_URL`,
      );
    const role = escapeIdentifier(runtime.user);
    let [found]: { super: boolean; bypassrls: boolean; member: boolean }[] = await manager.query(
      `SELECT rolsuper AS super, rolbypassrls AS bypassrls, pg_has_role(oid, (SELECT oid FROM pg_roles WHERE rolname = current_user), 'MEMBER') AS member
         FROM pg_roles WHERE rolname = $1`,
      [runtime.user],
    );
    if (!found) {
      // A concurrent migrator may create it first: a savepoint keeps this transaction usable.
      await manager.query(`SAVEPOINT create_runtime_role`);
      try {
        await manager.query(
          `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${runtime.password === undefined ? '' : ` PASSWORD ${escapeLiteral(runtime.password)}`}`,
        );
        await manager.query(`RELEASE SAVEPOINT create_runtime_role`);
      } catch (error) {
        const code = sqlState(error);
        if (code !== '42710' && code !== '23505') throw error;
        await manager.query(`ROLLBACK TO SAVEPOINT create_runtime_role`);
      }
      found = { super: false, bypassrls: false, member: false };
    }
    if (found.super || found.bypassrls)
      throw new Error(
        `runtime-rollen ${runtime.user} är superuser eller BYPASSRLS och kunde stänga av tabellernas skydd; ge processerna en vanlig roll`,
      );
    if (found.member)
      throw new Error(
        `runtime-rollen ${runtime.user} är medlem i ägarrollen ${owner} och ärver dess ägarskap`,
      );
    const appendOnly = await appendOnlyTables(manager);
    const owned: { name: string }[] = await manager.query(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1::text[]) AND pg_get_userbyid(relowner) = $2`,
      [appendOnly, runtime.user],
    );
    if (owned.length > 0)
      throw new Error(
        `runtime-rollen ${runtime.user} äger ${owned.map((o) => o.name).join(', ')}; ägaren ska vara ${owner}`,
      );

    // PUBLIC has both by default; granted explicitly for databases that revoked them from PUBLIC,
    // skipped when the owner may not grant them (it owns the tables, not the database or schema).
    const { database } = (
      (await manager.query(`SELECT current_database() AS database`)) as { database: string }[]
    )[0]!;
    await grantIfAllowed(manager, `GRANT CONNECT ON DATABASE ${escapeIdentifier(database)} TO ${role}`);
    await grantIfAllowed(manager, `GRANT USAGE ON SCHEMA public TO ${role}`);
    await manager.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await manager.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${role}`);
    const appendOnlyList = appendOnly.map(escapeIdentifier).join(', ');
    await manager.query(`REVOKE ALL ON TABLE ${appendOnlyList} FROM ${role}`);
    await manager.query(`GRANT SELECT, INSERT ON TABLE ${appendOnlyList} TO ${role}`);
    const [migrations]: { present: boolean }[] = await manager.query(
      `SELECT to_regclass($1) IS NOT NULL AS present`,
      [MIGRATIONS_TABLE],
    );
    if (migrations?.present) {
      await manager.query(`REVOKE ALL ON TABLE ${MIGRATIONS_TABLE} FROM ${role}`);
      await manager.query(`GRANT SELECT ON TABLE ${MIGRATIONS_TABLE} TO ${role}`);
    }
    await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    // Tables and sequences the owner creates later (new migrations, a rebuild's shadow tables).
    // A new append-only table gets its INSERT/SELECT-only grants when this runs after its migration.
    await manager.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    );
    await manager.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    );
  });
}

async function grantIfAllowed(manager: EntityManager, statement: string): Promise<void> {
  await manager.query(`SAVEPOINT grant_if_allowed`);
  try {
    await manager.query(statement);
    await manager.query(`RELEASE SAVEPOINT grant_if_allowed`);
  } catch (error) {
    if (sqlState(error) !== '42501') throw error;
    await manager.query(`ROLLBACK TO SAVEPOINT grant_if_allowed`);
  }
}

function sqlState(error: unknown): string | undefined {
  return (
    (error as { code?: string }).code ?? (error as { driverError?: { code?: string } }).driverError?.code
  );
}
