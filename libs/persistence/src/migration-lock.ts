import { Client, type ClientConfig } from 'pg';

/** A line of progress of a migration run, in Swedish and English (`npm run migrate` prints them). */
export type MigrationProgress = (line: string) => void;

/**
 * The advisory lock every migration run of one database takes (issue 20). Advisory locks belong to
 * one database, so test databases on the same server do not wait for each other.
 */
export const MIGRATION_LOCK_SQL_KEY = `hashtext('kvalitet:schema_migrations')`;

/**
 * Runs `work` while holding the database's migration lock, so that two starters (two api replicas
 * with MIGRATE_ON_START, a deployment's migration job started twice) run the migrations once, one
 * after the other: the second finds nothing left to do. The lock is held on a connection of its own,
 * outside the pool the migrations use (the migration step's pool has one connection), and is a
 * session lock: if the process dies, Postgres releases it with the connection.
 */
export async function withMigrationLock<T>(
  url: string,
  applicationName: string,
  progress: MigrationProgress,
  work: () => Promise<T>,
  ssl?: ClientConfig['ssl'],
): Promise<T> {
  const lock = new Client({
    connectionString: url,
    application_name: `${applicationName}-lock`,
    ...(ssl === undefined ? {} : { ssl }),
  });
  await lock.connect();
  try {
    const [tried] = (
      await lock.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(${MIGRATION_LOCK_SQL_KEY}) AS locked`,
      )
    ).rows;
    if (!tried?.locked) {
      progress(
        'väntar på migreringslåset: en annan process migrerar / waiting for the migration lock: another process is migrating',
      );
      await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_SQL_KEY})`);
    }
    progress('migreringslåset är taget / holding the migration lock');
    try {
      return await work();
    } finally {
      // ending the connection below releases it too, should the unlock itself fail
      await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_SQL_KEY})`).catch(() => undefined);
    }
  } finally {
    await lock.end().catch(() => undefined);
  }
}
