import type { Kafka } from 'kafkajs';
import { ALL_EVENT_TOPICS } from '@kvalitet/contracts';

export const EVENT_TOPIC_PARTITIONS = 6;

/** What a missing topic is created with (`kafkaTopicSettings` in @kvalitet/runtime builds it from configuration). */
export interface TopicSettings {
  replicationFactor: number;
  configFor(topic: string): { name: string; value: string }[];
}

const SINGLE_BROKER_TOPICS: TopicSettings = { replicationFactor: 1, configFor: () => [] };

/**
 * Creates the project's topics if they are missing, with the replication factor and topic configs
 * of `options.topics` (KAFKA_REPLICATION_FACTOR …, default one replica for the embedded single
 * broker); an existing topic is left as it is. Safe to call from every process at start.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[] = ALL_EVENT_TOPICS,
  options: { retry?: { attempts: number; delayMs: number }; topics?: TopicSettings } = {},
): Promise<void> {
  const retry = options.retry ?? { attempts: 30, delayMs: 1000 };
  const settings = options.topics ?? SINGLE_BROKER_TOPICS;
  // Right after a topic is created a broker may still answer that it hosts no such partition
  // (retriable): a fresh topic under load is not a reason for the process to die at start.
  for (let attempt = 1; ; attempt++) {
    try {
      return await createMissingTopics(kafka, topics, settings);
    } catch (error) {
      const retriable = (error as { retriable?: unknown } | null)?.retriable === true;
      if (!retriable || attempt >= retry.attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(retry.delayMs * attempt, 10_000)));
    }
  }
}

async function createMissingTopics(
  kafka: Kafka,
  topics: readonly string[],
  settings: TopicSettings,
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
          replicationFactor: settings.replicationFactor,
          configEntries: settings.configFor(topic),
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
