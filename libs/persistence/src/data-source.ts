import { DataSource } from 'typeorm';
import { grantRuntimeRole, loginOf } from './database-roles';
import { AccessLogEntity } from './entities/access-log.entity';
import { ServiceProbeEntity } from './entities/service-probe.entity';
import { MIGRATIONS } from './migrations';
import { renameRenumberedMigrations } from './migrations/renumbered-migrations';

const MIGRATIONS_TABLE = 'schema_migrations';

export const ENTITIES = [ServiceProbeEntity, AccessLogEntity];

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
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
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'kvalitet' },
  });
}

/**
 * Opens the pool a process works with. `migrate` runs the migrations first: with `ownerUrl` (the
 * table owner, `DATABASE_OWNER_URL`) as that role on a connection of its own, followed by the
 * runtime role's grants (database-roles.ts); without it on `url` itself, as one role does everything.
 */
export async function openDataSource(
  options: DataSourceOptions & { migrate?: boolean; ownerUrl?: string },
): Promise<DataSource> {
  if (options.migrate && options.ownerUrl) {
    await migrateDatabase({
      ownerUrl: options.ownerUrl,
      runtimeUrl: options.url,
      applicationName: options.applicationName,
    });
  }
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  if (options.migrate && !options.ownerUrl) {
    await runMigrations(dataSource);
  }
  return dataSource;
}

/**
 * Migrates as the owner and, when `runtimeUrl` names another user, creates that runtime role if
 * missing and grants it what the processes need (database-roles.ts). Both addresses must name the
 * same database. Idempotent: run at every start of the migration step.
 */
export async function migrateDatabase(options: {
  ownerUrl: string;
  runtimeUrl?: string;
  applicationName?: string;
}): Promise<void> {
  const owner = loginOf(options.ownerUrl);
  const runtime = options.runtimeUrl === undefined ? undefined : loginOf(options.runtimeUrl);
  if (runtime && runtime.database !== owner.database)
    throw new Error(
      `DATABASE_OWNER_URL (${owner.database}) och DATABASE_URL (${runtime.database}) pekar på olika databaser`,
    );
  const dataSource = createDataSource({
    url: options.ownerUrl,
    poolSize: 1,
    applicationName: options.applicationName ?? 'kvalitet-migrate',
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    if (runtime && runtime.user !== owner.user) await grantRuntimeRole(dataSource, runtime);
  } finally {
    await dataSource.destroy();
  }
}

/** Every migration not yet run, in one transaction, after renaming rows of renumbered migrations. */
async function runMigrations(dataSource: DataSource): Promise<void> {
  await renameRenumberedMigrations(dataSource, MIGRATIONS_TABLE);
  await dataSource.runMigrations({ transaction: 'all' });
}
