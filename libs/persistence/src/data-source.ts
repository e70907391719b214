import { DataSource, MigrationExecutor } from 'typeorm';
import { grantRuntimeRole, loginOf } from './database-roles';
import { AccessLogEntity } from './entities/access-log.entity';
import { ServiceProbeEntity } from './entities/service-probe.entity';
import { MIGRATIONS } from './migrations';
import { renameRenumberedMigrations } from './migrations/renumbered-migrations';
import { withMigrationLock, type MigrationProgress } from './migration-lock';

const MIGRATIONS_TABLE = 'schema_migrations';

export const ENTITIES = [ServiceProbeEntity, AccessLogEntity];

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** node-postgres `ssl` (DATABASE_SSL, issue 20); undefined leaves it to `sslmode=` in the address. */
  ssl?:
    false | { rejectUnauthorized: boolean; ca?: Buffer[]; checkServerIdentity?: () => undefined } | undefined;
}

/** Schema changes go through migrations only; `synchronize` stays off everywhere. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    logging: false,
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'kvalitet' },
  });
}

/**
 * Opens the pool a process works with. `migrate` runs the migrations first, under the migration lock
 * (migration-lock.ts): with `ownerUrl` (the table owner, `DATABASE_OWNER_URL`) as that role on a
 * connection of its own, followed by the runtime role's grants (database-roles.ts); without it on
 * `url` itself, as one role does everything.
 */
export async function openDataSource(
  options: DataSourceOptions & { migrate?: boolean; ownerUrl?: string; progress?: MigrationProgress },
): Promise<DataSource> {
  if (options.migrate && options.ownerUrl) {
    await migrateDatabase({
      ownerUrl: options.ownerUrl,
      runtimeUrl: options.url,
      applicationName: options.applicationName,
      ssl: options.ssl,
      ...(options.progress ? { progress: options.progress } : {}),
    });
  }
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  if (options.migrate && !options.ownerUrl) {
    try {
      await withMigrationLock(
        options.url,
        options.applicationName ?? 'kvalitet',
        options.progress ?? (() => undefined),
        () => runMigrations(dataSource, options.progress ?? (() => undefined)),
        options.ssl,
      );
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    }
  }
  return dataSource;
}

/**
 * Migrates as the owner and, when `runtimeUrl` names another user, creates that runtime role if
 * missing and grants it what the processes need (database-roles.ts). Both addresses must name the
 * same database. Idempotent: run at every start of the migration step. Runs under the migration lock
 * (migration-lock.ts), grants included, so two starters at once run it one after the other.
 */
export async function migrateDatabase(options: {
  ownerUrl: string;
  runtimeUrl?: string;
  applicationName?: string;
  progress?: MigrationProgress;
  ssl?: DataSourceOptions['ssl'];
}): Promise<void> {
  const owner = loginOf(options.ownerUrl);
  const runtime = options.runtimeUrl === undefined ? undefined : loginOf(options.runtimeUrl);
  if (runtime && runtime.database !== owner.database)
    throw new Error(
      `DATABASE_OWNER_URL (${owner.database}) och DATABASE_URL (${runtime.database}) pekar på olika databaser`,
    );
  const applicationName = options.applicationName ?? 'kvalitet-migrate';
  const progress = options.progress ?? (() => undefined);
  await withMigrationLock(
    options.ownerUrl,
    applicationName,
    progress,
    async () => {
      const dataSource = createDataSource({
        url: options.ownerUrl,
        poolSize: 1,
        applicationName,
        ssl: options.ssl,
      });
      await dataSource.initialize();
      try {
        await runMigrations(dataSource, progress);
        if (runtime && runtime.user !== owner.user) {
          await grantRuntimeRole(dataSource, runtime);
          progress(`runtime-rollen ${runtime.user} har sina rättigheter / the runtime role has its grants`);
        }
      } finally {
        await dataSource.destroy();
      }
    },
    options.ssl,
  );
}

/**
 * Every migration not yet run, in one transaction, after renaming rows of renumbered migrations.
 * Called only under the migration lock.
 */
async function runMigrations(dataSource: DataSource, progress: MigrationProgress): Promise<void> {
  const renamed = await renameRenumberedMigrations(dataSource, MIGRATIONS_TABLE);
  if (renamed > 0)
    progress(`${renamed} migreringar har fått sina nya namn / migrations renamed to their 13-digit names`);
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length === 0) {
    progress('databasen är redan migrerad, inget att göra / the database is up to date, nothing to do');
    return;
  }
  progress(
    `${pending.length} migreringar att köra i en transaktion / migrations to run in one transaction: ${pending.map((m) => m.name).join(', ')}`,
  );
  const started = Date.now();
  const ran = await dataSource.runMigrations({ transaction: 'all' });
  progress(
    `${ran.length} migreringar körda på / migrations ran in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
