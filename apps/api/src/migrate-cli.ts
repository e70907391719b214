// Migration step (issue 24): `node -r @swc-node/register apps/api/src/migrate-cli.ts` runs the
// migrations as the tables' owner (DATABASE_OWNER_URL) and then creates, if missing, and grants the
// runtime role of DATABASE_URL (libs/persistence/src/database-roles.ts). docker-compose runs it as a
// one-shot service before the api, worker and projector start with the runtime role only.
// Without DATABASE_OWNER_URL it migrates DATABASE_URL as one role, as MIGRATE_ON_START does.
import { migrateDatabase } from '@kvalitet/persistence';

async function main(): Promise<void> {
  const runtimeUrl = process.env['DATABASE_URL'];
  const ownerUrl = process.env['DATABASE_OWNER_URL'] ?? runtimeUrl;
  if (!ownerUrl) throw new Error('DATABASE_OWNER_URL eller DATABASE_URL saknas / is not set');
  await migrateDatabase({
    ownerUrl,
    ...(runtimeUrl === undefined ? {} : { runtimeUrl }),
    applicationName: 'kvalitet-migrate',
  });
  process.stderr.write(
    `[migrate] databasen är migrerad${runtimeUrl && ownerUrl !== runtimeUrl ? ' och runtime-rollen har sina rättigheter' : ''}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[migrate] misslyckades: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
