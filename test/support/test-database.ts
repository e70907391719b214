import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDataSource } from '@kvalitet/persistence';
import { ownerDatabaseUrl } from './infra-env';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file, on the real Postgres server, created and
 * used as the tables' owner (one role, as without DATABASE_OWNER_URL; runtime-role.int-spec.ts
 * tests the split).
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const adminUrl = ownerDatabaseUrl();
  const name = `kvalitet_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = await openDataSource({
    url: url.toString(),
    migrate: true,
    poolSize: options.poolSize ?? 10,
    applicationName: 'kvalitet-test',
  });
  return {
    url: url.toString(),
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
