import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import { claimInboxEntries, claimInboxEntry } from '@kvalitet/persistence';

export type EventHandler = (event: EventEnvelope, manager: EntityManager) => Promise<void>;
/** Handles several events (in Kafka order) in one transaction; faster for read models. */
export type EventBatchHandler = (events: EventEnvelope[], manager: EntityManager) => Promise<void>;

export interface ConsumerRunnerOptions {
  /** Consumer group and inbox name. */
  consumerName: string;
  topics: readonly string[];
  handle?: EventHandler;
  handleBatch?: EventBatchHandler;
  maxAttempts?: number;
  fromBeginning?: boolean;
  onError?: (error: unknown, context: Record<string, unknown>) => void;
  onProcessed?: (event: EventEnvelope) => void;
  /**
   * Kafka partitions handled at the same time, each in its own transaction (default 1). Order per
   * partition, and so per aggregate, stays; only for handlers whose batches of different
   * aggregates cannot deadlock each other (they lock shared rows in one order).
   */
  partitionsConsumedConcurrently?: number;
  /** Waits between attempts to (re)start against an unreachable broker (default 1 s doubling to 30 s). */
  reconnectDelayMs?: { initial: number; max: number };
}

/**
 * One way to consume: each batch is handled in one database transaction together with the inbox
 * rows, so a redelivered event changes nothing. If a batch fails, its messages are retried one by
 * one (bounded); a message that still fails is written to `dead_letters` and skipped, so a poison
 * message never blocks its partition.
 */
export class ConsumerRunner {
  private readonly consumer: Consumer;
  private wanted = false;
  private restarting: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly options: ConsumerRunnerOptions,
  ) {
    if (!options.handle === !options.handleBatch) throw new Error('ConsumerRunner needs exactly one of handle and handleBatch');
    this.consumer = kafka.consumer({
      groupId: options.consumerName,
      allowAutoTopicCreation: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
    });
  }

  /**
   * Starts consuming. When the broker cannot be reached the runner does not fail (and so does not
   * take its process down): it logs and tries again with backoff until it runs or is stopped, and
   * does the same when kafkajs gives up on a running consumer (a crash it will not restart
   * itself). The outbox meanwhile keeps every event; the relay delivers them once Kafka is back.
   */
  async start(): Promise<void> {
    this.wanted = true;
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (this.wanted && !payload.restart) this.restartInBackground(payload.error);
    });
    try {
      await this.runOnce();
    } catch (error) {
      this.restartInBackground(error);
    }
  }

  private restartInBackground(error: unknown): void {
    if (this.restarting) return;
    this.options.onError?.(error, { consumer: this.options.consumerName, phase: 'anslutning', message: 'Kafka nås inte; försöker igen' });
    this.restarting = this.restartUntilRunning().finally(() => {
      this.restarting = null;
    });
  }

  private async restartUntilRunning(): Promise<void> {
    const { initial, max } = this.options.reconnectDelayMs ?? { initial: 1000, max: 30000 };
    let delay = initial;
    while (this.wanted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      if (!this.wanted) return;
      try {
        await this.consumer.disconnect().catch(() => undefined);
        await this.runOnce();
        return;
      } catch (error) {
        this.options.onError?.(error, { consumer: this.options.consumerName, phase: 'anslutning', message: `Kafka nås fortfarande inte; nytt försök om ${Math.round(Math.min(max, delay * 2) / 1000)} s` });
        delay = Math.min(max, delay * 2);
      }
    }
  }

  /** True while the runner wants to consume but is waiting for the broker. */
  get reconnecting(): boolean {
    return this.restarting !== null;
  }

  private async runOnce(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: 1000,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /** Stops fetching, lets the batch in hand finish and commits its offsets. */
  async stop(): Promise<void> {
    this.wanted = false;
    this.wake?.();
    await this.restarting;
    await this.consumer.disconnect();
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const parsed = batch.messages.map((message) => ({ message, event: parseEnvelope(message) }));
    const allParsed = parsed.every((p) => p.event !== null);
    if (allParsed) {
      try {
        const handled = await this.dataSource.transaction((manager) => this.handleMany(parsed.map((p) => p.event!), manager));
        handled.forEach((event) => this.options.onProcessed?.(event));
        resolveOffset(batch.lastOffset());
        await commitOffsetsIfNecessary();
        await heartbeat();
        return;
      } catch (error) {
        this.options.onError?.(error, { consumer: this.options.consumerName, topic: batch.topic, partition: batch.partition, phase: 'batch' });
      }
    }
    for (const { message, event } of parsed) {
      if (!isRunning() || isStale()) return;
      await this.handleAlone(batch.topic, batch.partition, message, event);
      resolveOffset(message.offset);
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
  }

  private async handleOne(event: EventEnvelope, manager: EntityManager): Promise<boolean> {
    return (await this.handleMany([event], manager)).length === 1;
  }

  /** Claims the inbox entries in one statement and hands on only the events not seen before. */
  private async handleMany(events: EventEnvelope[], manager: EntityManager): Promise<EventEnvelope[]> {
    const claimed = await claimInboxEntries(manager, this.options.consumerName, events.map((e) => e.id));
    const fresh = events.filter((e) => claimed.delete(e.id));
    if (fresh.length === 0) return fresh;
    if (this.options.handleBatch) {
      await this.options.handleBatch(fresh, manager);
    } else if (this.options.handle) {
      for (const event of fresh) await this.options.handle(event, manager);
    }
    return fresh;
  }

  private async handleAlone(topic: string, partition: number, message: KafkaMessage, event: EventEnvelope | null): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let lastError: unknown = new Error('meddelandet är inte en giltig händelse (JSON)');
    if (event) {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        try {
          const handled = await this.dataSource.transaction((manager) => this.handleOne(event, manager));
          if (handled) this.options.onProcessed?.(event);
          return;
        } catch (error) {
          lastError = error;
          await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
        }
      }
    }
    this.options.onError?.(lastError, { consumer: this.options.consumerName, topic, partition, offset: message.offset, phase: 'dead-letter' });
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, payload, error, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [this.options.consumerName, topic, partition, message.offset, event?.id ?? null, message.value?.toString('utf8') ?? '', String((lastError as Error)?.stack ?? lastError), event ? maxAttempts : 1],
      );
      if (event) await claimInboxEntry(manager, this.options.consumerName, event.id);
    });
  }
}

function parseEnvelope(message: KafkaMessage): EventEnvelope | null {
  try {
    const value = JSON.parse(message.value?.toString('utf8') ?? '') as Partial<EventEnvelope>;
    if (typeof value.id !== 'string' || typeof value.aggregateId !== 'string' || typeof value.type !== 'string' || typeof value.version !== 'number') return null;
    return value as EventEnvelope;
  } catch {
    return null;
  }
}
