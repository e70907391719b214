// The app's event topics on the production-like Kafka (infra/cluster/): created with replication
// factor 3 and min.insync.replicas=2 before any process starts, so the processes' own ensureTopics
// finds them and creates nothing. A topic that exists with fewer replicas is reported, not changed.
// Env: KAFKA_BROKERS, KAFKA_NAMESPACE (default kvalitet).
import { Kafka, logLevel } from 'kafkajs';
import { eventTopics } from '@kvalitet/contracts';
import { EVENT_TOPIC_PARTITIONS } from '@kvalitet/messaging';

const REPLICATION_FACTOR = 3;

async function main(): Promise<void> {
  // Right after the quorum forms, or right after a topic is created, a broker may still answer that
  // it hosts no such partition (retriable): tried again, as the processes' own ensureTopics does.
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureReplicatedTopics();
    } catch (error) {
      if ((error as { retriable?: unknown }).retriable !== true || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

async function ensureReplicatedTopics(): Promise<void> {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean);
  const topics = eventTopics(process.env['KAFKA_NAMESPACE'] ?? 'kvalitet');
  const admin = new Kafka({ clientId: 'cluster-topics', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: EVENT_TOPIC_PARTITIONS,
          replicationFactor: REPLICATION_FACTOR,
          configEntries: [{ name: 'min.insync.replicas', value: '2' }],
        })),
      });
    }
    const metadata = await admin.fetchTopicMetadata({ topics });
    const underReplicated = metadata.topics.filter((topic) =>
      topic.partitions.some((partition) => partition.replicas.length < REPLICATION_FACTOR),
    );
    for (const topic of underReplicated)
      process.stderr.write(
        `[cluster-kafka] VARNING / WARNING: ${topic.name} har färre än / has fewer than ${REPLICATION_FACTOR} repliker\n`,
      );
    process.stderr.write(
      `[cluster-kafka] ${topics.length} ämnen / topics, ${missing.length} skapade / created med / with replication factor ${REPLICATION_FACTOR}\n`,
    );
    if (underReplicated.length > 0) process.exitCode = 1;
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[cluster-kafka] ämnena / topics: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
