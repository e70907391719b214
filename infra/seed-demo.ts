// Migrates the database and writes the demo data that is not static configuration. The demo
// organisation and users of api.md are part of the api's configuration (apps/api/src/org).
import { openDataSource } from '@kvalitet/persistence';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL saknas (kör via npm start)');
  const dataSource = await openDataSource({ url, migrate: true, applicationName: 'kvalitet-seed' });
  const applied: { name: string }[] = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
  process.stderr.write(`[kvalitet] databasen har ${applied.length} migrering(ar)\n`);
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`[kvalitet] demodata kunde inte läggas in: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
