import type { Kafka, Producer } from 'kafkajs';
import { CompressionTypes } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  OUTBOX_PARTITIONS,
  markOutboxPublished,
  readPendingOutbox,
  type PendingOutboxMessage,
} from '@kvalitet/persistence';

export interface OutboxRelayOptions {
  batchSize?: number;
  idleDelayMs?: number;
  /** Back-off after a failed publish (Kafka down): the outbox simply grows meanwhile. */
  errorDelayMs?: number;
  onError?: (error: unknown) => void;
}

const RELAY_LOCK_NAMESPACE = 7301;

/**
 * Publishes the outbox to Kafka (acks=all, idempotent producer, key = aggregate id). Several relays
 * may run at once: each outbox partition is owned by one relay at a time through a transaction-scoped
 * advisory lock, so the events of one aggregate are published by one relay, in order, never twice in
 * effect (a crash between send and commit re-sends, which the consumers' inbox absorbs).
 */
export class OutboxRelay {
  private readonly producer: Producer;
  private running = false;
  private loop: Promise<void> | null = null;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  async start(): Promise<void> {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.connected) await this.producer.disconnect();
    this.connected = false;
  }

  /** Publishes what is pending once over all partitions; returns how many events went out. */
  async publishPending(): Promise<number> {
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
    // One cheap look through the partial index first, so an idle relay costs one query per poll.
    const pending: { partition_no: number }[] = await this.dataSource.query(
      `SELECT DISTINCT partition_no FROM outbox WHERE published_at IS NULL AND partition_no < $1`,
      [OUTBOX_PARTITIONS],
    );
    let published = 0;
    for (const { partition_no: partition } of pending) {
      published += await this.publishPartition(partition);
    }
    return published;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const published = await this.publishPending();
        if (published === 0) await sleep(this.options.idleDelayMs ?? 50);
      } catch (error) {
        this.options.onError?.(error);
        if (this.connected) {
          await this.producer.disconnect().catch(() => undefined);
          this.connected = false;
        }
        await sleep(this.options.errorDelayMs ?? 1000);
      }
    }
  }

  private async publishPartition(partition: number): Promise<number> {
    const batchSize = this.options.batchSize ?? 1000;
    return this.dataSource.transaction(async (manager) => {
      const lock: { locked: boolean }[] = await manager.query(
        `SELECT pg_try_advisory_xact_lock($1, $2) AS locked`,
        [RELAY_LOCK_NAMESPACE, partition],
      );
      if (!lock[0]?.locked) return 0;
      const rows = await readPendingOutbox(manager, partition, batchSize);
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, PendingOutboxMessage[]>();
      for (const row of rows) {
        const topicRows = byTopic.get(row.topic);
        if (topicRows) topicRows.push(row);
        else byTopic.set(row.topic, [row]);
      }
      await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic.entries()].map(([topic, topicRows]) => ({
          topic,
          messages: topicRows.map((row) => ({
            key: row.key,
            value: JSON.stringify(row.event),
            headers: { 'event-id': row.event.id, 'event-type': row.event.type },
          })),
        })),
      });
      await markOutboxPublished(
        manager,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
