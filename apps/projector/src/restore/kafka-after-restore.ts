import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { eventTopics } from '@kvalitet/contracts';

/**
 * Kafka is not backed up: it is a transport, and its topics still hold what was published after
 * the backup — events the restored store no longer has. A consumer group whose offset lagged behind
 * them would apply those "ghost" events (and then drop the real event that reuses their version).
 * So every consumer group of the namespace is moved to the end of every event topic it reads. The
 * groups must be empty (the projector and worker stopped), or Kafka refuses.
 */
export async function moveConsumerGroupsToEnd(
  kafka: Kafka,
  namespace: string,
  onProgress: (message: string) => void = () => undefined,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = eventTopics(namespace).filter((topic) => existing.has(topic));
    const ends = new Map<string, { partition: number; offset: string }[]>();
    for (const topic of topics)
      ends.set(
        topic,
        (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ partition, offset: high })),
      );
    const { groups } = await admin.listGroups();
    const moved: string[] = [];
    for (const { groupId } of groups.filter((g) => g.groupId.startsWith(`${namespace}.`))) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
        if (partitions.every((p) => p.offset === '-1')) continue;
        await admin.setOffsets({ groupId, topic, partitions: ends.get(topic)! });
      }
      moved.push(groupId);
    }
    onProgress(
      `Kafka: ${moved.length} konsumentgrupper flyttade till slutet / consumer groups moved to the end of ${topics.length} topics`,
    );
    return moved.sort();
  } finally {
    await admin.disconnect();
  }
}

/**
 * Before anything is restored: the namespace's consumer groups that still have members (a projector
 * or worker running), which would make the move above fail half-way through a restore.
 */
export async function activeConsumerGroups(kafka: Kafka, namespace: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ids = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith(`${namespace}.`));
    if (ids.length === 0) return [];
    const { groups } = await admin.describeGroups(ids);
    return groups
      .filter((g) => g.members.length > 0)
      .map((g) => g.groupId)
      .sort();
  } finally {
    await admin.disconnect();
  }
}

/**
 * The other half: an event published shortly before the backup may not have reached every consumer
 * by then, and after the move above Kafka will not hand it to them again. So the outbox rows
 * published in the last `minutes` before the backup are marked unpublished: the relay sends them
 * once more, and each consumer's inbox (restored with the database) drops what it had already
 * handled. Returns the number of rows.
 */
export async function republishTail(dataSource: DataSource, minutes: number): Promise<number> {
  const rows: { n: number }[] = await dataSource.query(
    `WITH marked AS (
       UPDATE outbox SET published_at = NULL
        WHERE published_at >= (SELECT max(published_at) FROM outbox) - make_interval(mins => $1::int)
       RETURNING 1)
     SELECT count(*)::int AS n FROM marked`,
    [minutes],
  );
  return rows[0]?.n ?? 0;
}
