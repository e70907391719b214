import type { Kafka } from 'kafkajs';
import { ALL_EVENT_TOPICS } from '@kvalitet/contracts';

export const EVENT_TOPIC_PARTITIONS = 6;

/** Creates the project's topics if they are missing; safe to call from every process at start. */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[] = ALL_EVENT_TOPICS,
): Promise<void> {
  const admin = kafka.admin();
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
          replicationFactor: 1,
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
