import { DataSource } from 'typeorm';
import { AccessLogEntity } from './entities/access-log.entity';
import { ServiceProbeEntity } from './entities/service-probe.entity';
import { MIGRATIONS } from './migrations';

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
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'kvalitet' },
  });
}

export async function openDataSource(options: DataSourceOptions & { migrate?: boolean }): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  if (options.migrate) {
    await dataSource.runMigrations({ transaction: 'all' });
  }
  return dataSource;
}
