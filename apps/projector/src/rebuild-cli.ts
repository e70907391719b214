// npm run rebuild-read-models [-- <projection name>]: rebuilds read models from the event store.
import { EventStore, openDataSource } from '@kvalitet/persistence';
import { createProjections } from './projections/projections';
import { rebuildReadModels } from './rebuild/rebuild-read-models';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL saknas');
  const only = process.argv[2];
  const projections = createProjections().filter((p) => !only || p.name === only);
  if (projections.length === 0) throw new Error(`okänd läsmodell: ${only}`);
  const dataSource = await openDataSource({ url, migrate: true, applicationName: 'kvalitet-rebuild' });
  try {
    await rebuildReadModels(dataSource, new EventStore(dataSource), projections, (message) => process.stderr.write(`[rebuild] ${message}\n`));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[rebuild] misslyckades: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
