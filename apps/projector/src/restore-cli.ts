// The Node half of `npm run restore` (infra/restore.sh, ADR 0031), after the dump and Temporal's
// database are back: migrations and the runtime role's grants, every read model rebuilt from the
// events, the gallring run once (a case erased after the backup is back in it), the outbox's last hour marked for sending again, the namespace's consumer groups moved to
// the end of the topics, then every open case's workflow given the case's events again.
//   node -r @swc-node/register apps/projector/src/restore-cli.ts [--skip-workflows] [--republish-minutes=60]
//   … restore-cli.ts --check   (before the restore: refuses while a consumer of the namespace runs)
// Env: DATABASE_URL (+ DATABASE_OWNER_URL), KAFKA_BROKERS, KAFKA_NAMESPACE, TEMPORAL_ADDRESS,
// TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE and the Temporal payload keys (ADR 0028) of the installation.
import { createKafka, parseBrokers } from '@kvalitet/messaging';
import { databaseTlsFromEnv, kafkaSecurityFromEnv, temporalConnectionFromEnv } from '@kvalitet/runtime';
import {
  EventStore,
  Gallring,
  RetentionRulesRepository,
  migrateDatabase,
  openDataSource,
} from '@kvalitet/persistence';
import { connectTemporalClient } from './orchestrator/temporal-client';
import { createProjections } from './projections/projections';
import { rebuildReadModels } from './rebuild/rebuild-read-models';
import { activeConsumerGroups, moveConsumerGroupsToEnd, republishTail } from './restore/kafka-after-restore';
import { resumeCaseWorkflows } from './restore/resume-case-workflows';

const log = (message: string): void => {
  process.stderr.write(`[restore] ${message}\n`);
};

function kafkaOf(): { kafka: ReturnType<typeof createKafka>; namespace: string } | null {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) return null;
  return {
    kafka: createKafka({
      brokers: parseBrokers(brokers),
      clientId: 'kvalitet-restore',
      ...kafkaSecurityFromEnv(),
    }),
    namespace: process.env.KAFKA_NAMESPACE ?? 'kvalitet',
  };
}

async function check(): Promise<void> {
  const k = kafkaOf();
  if (!k) return;
  const active = await activeConsumerGroups(k.kafka, k.namespace);
  if (active.length > 0)
    throw new Error(
      `konsumenter körs ännu / consumers still run (${active.join(', ')}): stoppa api, worker och projector först / stop the api, worker and projector first`,
    );
}

async function main(): Promise<void> {
  if (process.argv.includes('--check')) return check();
  const url = process.env.DATABASE_URL ?? process.env.DATABASE_OWNER_URL;
  if (!url) throw new Error('DATABASE_URL saknas');
  const ownerUrl = process.env.DATABASE_OWNER_URL ?? url;
  const skipWorkflows = process.argv.includes('--skip-workflows');
  const minutesArg = process.argv.find((a) => a.startsWith('--republish-minutes='));
  const republishMinutes = minutesArg ? Number(minutesArg.split('=')[1]) : 60;
  if (!Number.isInteger(republishMinutes) || republishMinutes < 0)
    throw new Error('--republish-minutes måste vara ett heltal >= 0');

  log('migrationer och rättigheter / migrations and grants…');
  const ssl = databaseTlsFromEnv();
  await migrateDatabase({ ownerUrl, runtimeUrl: url, applicationName: 'kvalitet-restore', ssl });
  const dataSource = await openDataSource({
    url: ownerUrl,
    migrate: false,
    applicationName: 'kvalitet-restore',
    ssl,
  });
  try {
    const store = new EventStore(dataSource);
    log('läsmodellerna byggs om / rebuilding the read models…');
    await rebuildReadModels(dataSource, store, createProjections(), log);
    // Before anyone reads it: a case erased after the backup (DATA-7) is due again under the rules
    // in force, so it is erased again — its personal data and its case data key (Kafka, ADR 0028) too.
    const rules = (await new RetentionRulesRepository(store).current()).rules;
    const gallring = await new Gallring(store, dataSource).run(rules);
    log(
      `gallring: ${gallring.erased.length} ärenden gallrade igen / erased again` +
        (gallring.erased.length > 0 ? ` (${gallring.erased.map((e) => e.caseNumber).join(', ')})` : ''),
    );
    const republished = await republishTail(dataSource, republishMinutes);
    log(
      `utkorgen / outbox: ${republished} händelser från sista ${republishMinutes} min före kopian skickas igen / sent again`,
    );
    const k = kafkaOf();
    if (k) {
      await moveConsumerGroupsToEnd(k.kafka, k.namespace, log);
    } else {
      log(
        'VARNING / WARNING: KAFKA_BROKERS saknas: flytta konsumentgrupperna till slutet själv / move the consumer groups to the end yourself',
      );
    }
    if (skipWorkflows) {
      log('arbetsflödena återupptas inte (--skip-workflows) / workflows not resumed');
      return;
    }
    const settings = temporalConnectionFromEnv({ TEMPORAL_ADDRESS: '127.0.0.1:7233', ...process.env });
    const address = settings.connection.address;
    const temporal = connectTemporalClient(settings);
    try {
      log(`arbetsflödena återupptas / resuming case workflows on ${address}…`);
      await resumeCaseWorkflows(dataSource, store, temporal.client, {
        taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'kvalitet-cases',
        onProgress: log,
      });
    } finally {
      await temporal.close();
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  log(`misslyckades / failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
