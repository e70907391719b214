import type { Kafka, Producer } from 'kafkajs';
import { CompressionTypes } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  OUTBOX_PARTITIONS,
  markOutboxPublished,
  readPendingOutbox,
  sealForPublishing,
  type PendingOutboxMessage,
} from '@kvalitet/persistence';

export interface OutboxRelayOptions {
  batchSize?: number;
  idleDelayMs?: number;
  /** Back-off after a failed publish (Kafka down): the outbox simply grows meanwhile. */
  errorDelayMs?: number;
  /**
   * Rounds run at the same time (default 2), each with a producer of its own and at most its share
   * of the partitions: one reads and commits while the other waits for Kafka.
   */
  lanes?: number;
  onError?: (error: unknown) => void;
}

const RELAY_LOCK_NAMESPACE = 7301;

/** One producer and the partitions it may take per round. */
interface Lane {
  producer: Producer;
  connected: boolean;
  maxPartitions: number;
}

/**
 * Publishes the outbox to Kafka (acks=all, idempotent producer, key = aggregate id). Several relays
 * — and the lanes of one relay — may run at once: each outbox partition is owned by one round at a
 * time through a transaction-scoped advisory lock, so the events of one aggregate are published by
 * one producer at a time, in order, never twice in effect (a crash between send and commit re-sends,
 * which the consumers' inbox absorbs). A round starts only after the previous owner's commit, so
 * it sends a partition's rows after the earlier ones were acknowledged.
 */
export class OutboxRelay {
  private readonly lanes: Lane[];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly options: OutboxRelayOptions = {},
  ) {
    const lanes = Math.max(1, options.lanes ?? 2);
    this.lanes = Array.from({ length: lanes }, () => ({
      producer: kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }),
      connected: false,
      maxPartitions: Math.ceil(OUTBOX_PARTITIONS / lanes),
    }));
  }

  async start(): Promise<void> {
    this.running = true;
    this.loops = this.lanes.map((lane) => this.run(lane));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    for (const lane of this.lanes) {
      if (lane.connected) await lane.producer.disconnect();
      lane.connected = false;
    }
  }

  /** Publishes what is pending once over all partitions; returns how many events went out. */
  async publishPending(): Promise<number> {
    return this.publishRound({ ...this.lanes[0]!, maxPartitions: OUTBOX_PARTITIONS }, this.lanes[0]!);
  }

  private async publishRound(limits: { maxPartitions: number }, lane: Lane): Promise<number> {
    if (!lane.connected) {
      await lane.producer.connect();
      lane.connected = true;
    }
    // One cheap look through the partial index first, so an idle relay costs one query per poll.
    const pending: { partition_no: number }[] = await this.dataSource.query(
      `SELECT DISTINCT partition_no FROM outbox WHERE published_at IS NULL AND partition_no < $1`,
      [OUTBOX_PARTITIONS],
    );
    if (pending.length === 0) return 0;
    return this.publishPartitions(
      lane.producer,
      pending.map((row) => row.partition_no),
      limits.maxPartitions,
    );
  }

  private async run(lane: Lane): Promise<void> {
    while (this.running) {
      try {
        const published = await this.publishRound(lane, lane);
        if (published === 0) await sleep(this.options.idleDelayMs ?? 50);
      } catch (error) {
        this.options.onError?.(error);
        if (lane.connected) {
          await lane.producer.disconnect().catch(() => undefined);
          lane.connected = false;
        }
        await sleep(this.options.errorDelayMs ?? 1000);
      }
    }
  }

  /**
   * One round in ONE transaction (ADR 0012): takes every partition it can of those with pending
   * rows (the others belong to another relay this moment), reads their oldest rows, sends them in
   * order and marks them published — one commit per round instead of one per partition.
   */
  private async publishPartitions(
    producer: Producer,
    partitions: readonly number[],
    maxPartitions: number,
  ): Promise<number> {
    const batchSize = this.options.batchSize ?? 5000;
    return this.dataSource.transaction(async (manager) => {
      // LIMIT stops the scan, so no more locks are taken than the lane may have.
      const locked: { partition_no: number }[] = await manager.query(
        `SELECT p AS partition_no FROM unnest($2::int[]) AS p WHERE pg_try_advisory_xact_lock($1, p) LIMIT $3`,
        [RELAY_LOCK_NAMESPACE, partitions, maxPartitions],
      );
      if (locked.length === 0) return 0;
      const rows = await readPendingOutbox(
        manager,
        locked.map((row) => row.partition_no),
        Math.ceil(batchSize / locked.length),
      );
      if (rows.length === 0) return 0;
      // Outside the round's transaction: the keys are stored before a message sealed with one is sent.
      const sealed = await sealForPublishing(this.dataSource, rows);
      for (const chunk of byRequestSize(sealed)) {
        await producer.sendBatch({
          acks: -1,
          compression: CompressionTypes.None,
          topicMessages: byTopic(chunk),
        });
      }
      await markOutboxPublished(
        manager,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  }
}

/** Kafka refuses a record batch over 1 MB (message.max.bytes): no request may carry more for one partition. */
export const MAX_REQUEST_BYTES = 900_000;

export interface OutgoingMessage {
  topic: string;
  message: { key: string; value: string; headers: Record<string, string> };
}

/** Messages in outbox order, cut into requests small enough that no partition's batch can be too big. */
export function byRequestSize(rows: readonly PendingOutboxMessage[]): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let chunk: OutgoingMessage[] = [];
  let bytes = 0;
  for (const row of rows) {
    const value = JSON.stringify(row.event);
    const size = Buffer.byteLength(value) + row.key.length + 200;
    if (chunk.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push({
      topic: row.topic,
      message: { key: row.key, value, headers: { 'event-id': row.event.id, 'event-type': row.event.type } },
    });
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function byTopic(
  messages: readonly OutgoingMessage[],
): { topic: string; messages: OutgoingMessage['message'][] }[] {
  const topics = new Map<string, OutgoingMessage['message'][]>();
  for (const { topic, message } of messages) {
    const list = topics.get(topic);
    if (list) list.push(message);
    else topics.set(topic, [message]);
  }
  return [...topics.entries()].map(([topic, list]) => ({ topic, messages: list }));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
