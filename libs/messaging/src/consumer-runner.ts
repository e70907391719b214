import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  dependencyName,
  infrastructureFailure,
  type Dependency,
  type InfrastructureFailure,
} from './infrastructure-failure';
import { writeDeadLetter } from './dead-letters';
import { handleWithInbox, type EventBatchHandler, type EventHandler } from './handle-with-inbox';

export type { EventBatchHandler, EventHandler } from './handle-with-inbox';

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
  /** Waits before a partition paused by an infrastructure failure is tried again (default 1 s doubling to 30 s). */
  infrastructureRetryDelayMs?: { initial: number; max: number };
  /**
   * Asked before an event is dead-lettered: if one of them fails, the event's failures were the
   * infrastructure's after all and the partition is paused instead (Postgres is always checked).
   */
  dependencyChecks?: readonly DependencyCheck[];
  /** Called once per change between running and paused (not once per attempt), with a log line in Swedish and English. */
  onStateChange?: (status: ConsumerStatus, message: string) => void;
}

export interface DependencyCheck {
  dependency: Dependency;
  check: () => Promise<void>;
}

export interface ConsumerStatus {
  consumer: string;
  /** `paused`: waiting for a dependency (events are kept, nothing is dead-lettered); `reconnecting`: waiting for Kafka. */
  state: 'stopped' | 'running' | 'paused' | 'reconnecting';
  pausedBecause: (InfrastructureFailure & { since: string }) | null;
  pausedPartitions: number;
  /** Joined its consumer group and was given its partitions since it last (re)connected (projector readiness, issue 20). */
  groupJoined: boolean;
  handled: number;
  deadLettered: number;
}

interface PausedPartition {
  attempts: number;
  timer?: NodeJS.Timeout;
  resume?: () => void;
}

/**
 * One way to consume: each batch is handled in one database transaction together with the inbox
 * rows, so a redelivered event changes nothing.
 *
 * Failures are of two kinds (issue 23). An infrastructure failure (Postgres, Temporal or Kafka away,
 * a timeout, an overloaded server) pauses only the partition it happened on, without resolving its
 * offset, and resumes it after a capped exponential wait, without limit: the event is fetched again
 * and nothing is dead-lettered however long the outage. Any other failure retries the batch's
 * messages one by one (bounded); a message that still fails the same way while every dependency
 * answers is written to `dead_letters` once and skipped, so a poison message never blocks its
 * partition, and can be replayed later (`replayDeadLetter`).
 */
export class ConsumerRunner {
  private readonly consumer: Consumer;
  private wanted = false;
  private restarting: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly paused = new Map<string, PausedPartition>();
  private failure: (InfrastructureFailure & { since: string }) | null = null;
  private groupJoined = false;
  private handled = 0;
  private deadLettered = 0;
  private readonly postgresPort: number | undefined;

  constructor(
    kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly options: ConsumerRunnerOptions,
  ) {
    if (!options.handle === !options.handleBatch)
      throw new Error('ConsumerRunner needs exactly one of handle and handleBatch');
    this.consumer = kafka.consumer({
      groupId: options.consumerName,
      allowAutoTopicCreation: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
    });
    this.postgresPort = postgresPortOf(dataSource);
  }

  status(): ConsumerStatus {
    // A partition stays counted from its failure until a batch of it succeeds (its resume timer may have fired while kafkajs has not fetched it yet).
    const pausedPartitions = this.paused.size;
    return {
      consumer: this.options.consumerName,
      state: !this.wanted
        ? 'stopped'
        : this.restarting
          ? 'reconnecting'
          : this.failure
            ? 'paused'
            : 'running',
      pausedBecause: this.restarting
        ? {
            dependency: 'kafka',
            reason: 'unreachable',
            detail: 'konsumenten ansluter till Kafka igen',
            since: this.failure?.since ?? new Date().toISOString(),
          }
        : this.failure,
      pausedPartitions,
      groupJoined: this.groupJoined && this.wanted && !this.restarting,
      handled: this.handled,
      deadLettered: this.deadLettered,
    };
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
      this.groupJoined = false;
      if (this.wanted && !payload.restart) this.restartInBackground(payload.error);
    });
    // A rebalance may hand a paused partition to another member: start from a clean slate.
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.groupJoined = true;
      this.forgetPausedPartitions();
    });
    this.consumer.on(this.consumer.events.DISCONNECT, () => {
      this.groupJoined = false;
    });
    try {
      await this.runOnce();
    } catch (error) {
      this.restartInBackground(error);
    }
  }

  private restartInBackground(error: unknown): void {
    if (this.restarting) return;
    this.options.onError?.(error, {
      consumer: this.options.consumerName,
      phase: 'anslutning',
      message: 'Kafka nås inte; försöker igen',
    });
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
        this.options.onError?.(error, {
          consumer: this.options.consumerName,
          phase: 'anslutning',
          message: `Kafka nås fortfarande inte; nytt försök om ${Math.round(Math.min(max, delay * 2) / 1000)} s`,
        });
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
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
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
    this.forgetPausedPartitions();
    await this.restarting;
    await this.consumer.disconnect();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const parsed = batch.messages.map((message) => ({ message, event: parseEnvelope(message) }));
    const allParsed = parsed.every((p) => p.event !== null);
    if (allParsed) {
      try {
        const handled = await this.dataSource.transaction((manager) =>
          handleWithInbox(
            this.options,
            parsed.map((p) => p.event!),
            manager,
          ),
        );
        this.processed(handled);
        resolveOffset(batch.lastOffset());
        await commitOffsetsIfNecessary();
        await heartbeat();
        this.partitionHealthy(batch.topic, batch.partition);
        return;
      } catch (error) {
        const failure = infrastructureFailure(error, { postgresPort: this.postgresPort });
        if (failure) return this.pausePartition(payload, failure);
        this.options.onError?.(error, {
          consumer: this.options.consumerName,
          topic: batch.topic,
          partition: batch.partition,
          phase: 'batch',
        });
      }
    }
    for (const { message, event } of parsed) {
      if (!isRunning() || isStale()) return;
      const failure = await this.handleAlone(batch.topic, batch.partition, message, event);
      if (failure) {
        await commitOffsetsIfNecessary();
        return this.pausePartition(payload, failure);
      }
      resolveOffset(message.offset);
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
    this.partitionHealthy(batch.topic, batch.partition);
  }

  private processed(events: readonly EventEnvelope[]): void {
    this.handled += events.length;
    if (this.options.onProcessed) events.forEach((event) => this.options.onProcessed!(event));
  }

  /**
   * One message on its own: handled, or dead-lettered after `maxAttempts` failures of its own while
   * every dependency answers. Returns the infrastructure failure that stopped it instead, if any: the
   * caller pauses the partition and the message is fetched again later.
   */
  private async handleAlone(
    topic: string,
    partition: number,
    message: KafkaMessage,
    event: EventEnvelope | null,
  ): Promise<InfrastructureFailure | null> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let lastError: unknown = new Error('meddelandet är inte en giltig händelse (JSON)');
    if (event) {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        try {
          const handled = await this.dataSource.transaction((manager) =>
            handleWithInbox(this.options, [event], manager),
          );
          this.processed(handled);
          return null;
        } catch (error) {
          const failure = infrastructureFailure(error, { postgresPort: this.postgresPort });
          if (failure) return failure;
          lastError = error;
          if (attempt < maxAttempts) await sleep(Math.min(2000, 50 * 2 ** attempt));
        }
      }
      const unhealthy = await this.failingDependency();
      if (unhealthy) return unhealthy;
    }
    this.options.onError?.(lastError, {
      consumer: this.options.consumerName,
      topic,
      partition,
      offset: message.offset,
      phase: 'dead-letter',
    });
    try {
      const written = await writeDeadLetter(this.dataSource, {
        consumer: this.options.consumerName,
        topic,
        partition,
        offset: message.offset,
        eventId: event?.id ?? null,
        payload: message.value?.toString('utf8') ?? '',
        error: String((lastError as Error)?.stack ?? lastError),
        attempts: event ? maxAttempts : 1,
      });
      if (written) this.deadLettered += 1;
      return null;
    } catch (error) {
      return (
        infrastructureFailure(error, { postgresPort: this.postgresPort }) ?? {
          dependency: 'postgres',
          reason: 'unreachable',
          detail: `dead letter kunde inte skrivas: ${String(error)}`,
        }
      );
    }
  }

  /** The first dependency that does not answer now, Postgres first. */
  private async failingDependency(): Promise<InfrastructureFailure | null> {
    const checks: DependencyCheck[] = [
      { dependency: 'postgres', check: async () => void (await this.dataSource.query('SELECT 1')) },
      ...(this.options.dependencyChecks ?? []),
    ];
    for (const { dependency, check } of checks) {
      try {
        await check();
      } catch (error) {
        const failure = infrastructureFailure(error, { postgresPort: this.postgresPort });
        return {
          dependency,
          reason: failure?.reason ?? 'unreachable',
          detail: failure?.detail ?? String(error),
        };
      }
    }
    return null;
  }

  /** Stops fetching this partition and resumes it after a capped exponential wait; the batch's unresolved messages come again. */
  private pausePartition({ batch, pause }: EachBatchPayload, failure: InfrastructureFailure): void {
    const key = `${batch.topic}/${batch.partition}`;
    const entry = this.paused.get(key) ?? { attempts: 0 };
    entry.attempts += 1;
    const { initial, max } = this.options.infrastructureRetryDelayMs ?? { initial: 1000, max: 30000 };
    const delay = Math.min(max, initial * 2 ** Math.min(20, entry.attempts - 1));
    if (entry.timer) clearTimeout(entry.timer);
    entry.resume = pause();
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.resume?.();
    }, delay);
    this.paused.set(key, entry);
    const since = this.failure?.since ?? new Date().toISOString();
    const changed = this.failure === null || this.failure.dependency !== failure.dependency;
    this.failure = { ...failure, since };
    if (changed) {
      const name = dependencyName(failure.dependency);
      this.options.onStateChange?.(
        this.status(),
        `${this.options.consumerName} väntar: ${name} svarar inte (${failure.reason}); händelserna ligger kvar och försöks igen utan gräns / paused: ${name} ${failure.reason}; events are kept and retried without limit — ${failure.detail}`,
      );
    }
  }

  private partitionHealthy(topic: string, partition: number): void {
    if (!this.paused.delete(`${topic}/${partition}`) || !this.failure) return;
    if (this.paused.size > 0) return;
    const seconds = Math.round((Date.now() - Date.parse(this.failure.since)) / 1000);
    const name = dependencyName(this.failure.dependency);
    this.failure = null;
    this.options.onStateChange?.(
      this.status(),
      `${this.options.consumerName} är igång igen efter ${seconds} s (${name}) / resumed after ${seconds} s (${name})`,
    );
  }

  private forgetPausedPartitions(): void {
    for (const entry of this.paused.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.resume?.();
    }
    this.paused.clear();
    this.failure = null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function postgresPortOf(dataSource: DataSource): number | undefined {
  const options = dataSource.options as { url?: string; port?: number };
  if (options.port) return options.port;
  if (!options.url) return undefined;
  try {
    return Number(new URL(options.url).port || 5432);
  } catch {
    return undefined;
  }
}

function parseEnvelope(message: KafkaMessage): EventEnvelope | null {
  try {
    const value = JSON.parse(message.value?.toString('utf8') ?? '') as Partial<EventEnvelope>;
    if (
      typeof value.id !== 'string' ||
      typeof value.aggregateId !== 'string' ||
      typeof value.type !== 'string' ||
      typeof value.version !== 'number'
    )
      return null;
    return value as EventEnvelope;
  } catch {
    return null;
  }
}
