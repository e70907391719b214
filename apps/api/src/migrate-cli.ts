// `npm run migrate` (issues 20, 24): the migration step a deployment runs once before the api, worker
// and projector start. Runs the migrations as the tables' owner (DATABASE_OWNER_URL) under the
// database's migration lock (two starters at once run it one after the other, the second finds
// nothing to do), then creates, if missing, and grants the runtime role of DATABASE_URL
// (libs/persistence/src/database-roles.ts). docker-compose runs it as a one-shot service. Without
// DATABASE_OWNER_URL it migrates DATABASE_URL as one role, as MIGRATE_ON_START does. Progress goes
// to stderr; exit code 0 when the database is migrated, 1 when not.
import { migrateDatabase } from '@kvalitet/persistence';
import { databaseTlsFromEnv } from '@kvalitet/runtime';

function say(line: string): void {
  process.stderr.write(`[migrate] ${new Date().toISOString()} ${line}\n`);
}

async function main(): Promise<void> {
  const runtimeUrl = process.env['DATABASE_URL'];
  const ownerUrl = process.env['DATABASE_OWNER_URL'] ?? runtimeUrl;
  if (!ownerUrl) throw new Error('DATABASE_OWNER_URL eller DATABASE_URL saknas / is not set');
  const started = Date.now();
  say(`migrerar databasen ${new URL(ownerUrl).pathname.slice(1)} / migrating the database`);
  await migrateDatabase({
    ownerUrl,
    ...(runtimeUrl === undefined ? {} : { runtimeUrl }),
    applicationName: 'kvalitet-migrate',
    progress: say,
    ssl: databaseTlsFromEnv(),
  });
  say(
    `klart på / done in ${((Date.now() - started) / 1000).toFixed(1)} s: databasen är migrerad${runtimeUrl && ownerUrl !== runtimeUrl ? ' och runtime-rollen har sina rättigheter' : ''}`,
  );
}

main().catch((error: unknown) => {
  say(`misslyckades / failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
