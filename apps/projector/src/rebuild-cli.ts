// npm run rebuild-read-models [-- <projection name>]: rebuilds read models from the event store.
// Runs as the tables' owner when DATABASE_OWNER_URL is set (issue 24): the case read model is rebuilt
// in shadow tables that replace the old ones (CREATE, DROP, RENAME: the owner's rights, not the
// runtime role's); the other read models are emptied with DELETE and would do with the runtime role.
import { EventStore, migrateDatabase, openDataSource } from '@kvalitet/persistence';
import { databaseTlsFromEnv } from '@kvalitet/runtime';
import { createProjections } from './projections/projections';
import { rebuildReadModels } from './rebuild/rebuild-read-models';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL saknas');
  const only = process.argv[2];
  const projections = createProjections().filter((p) => !only || p.name === only);
  if (projections.length === 0) throw new Error(`okänd läsmodell: ${only}`);
  const ownerUrl = process.env.DATABASE_OWNER_URL;
  const ssl = databaseTlsFromEnv();
  if (ownerUrl)
    await migrateDatabase({ ownerUrl, runtimeUrl: url, applicationName: 'kvalitet-rebuild', ssl });
  const dataSource = await openDataSource({
    url: ownerUrl ?? url,
    migrate: !ownerUrl,
    applicationName: 'kvalitet-rebuild',
    ssl,
  });
  try {
    await rebuildReadModels(dataSource, new EventStore(dataSource), projections, (message) =>
      process.stderr.write(`[rebuild] ${message}\n`),
    );
  } catch (error) {
    if ((error as { driverError?: { code?: string } }).driverError?.code === '42501' && !ownerUrl)
      throw new Error(
        `${error instanceof Error ? error.message : String(error)} — läsmodellerna byggs om som tabellernas ägare: sätt DATABASE_OWNER_URL`,
      );
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[rebuild] misslyckades: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
