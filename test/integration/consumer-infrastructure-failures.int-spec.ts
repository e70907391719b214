import { randomUUID } from 'node:crypto';
import { ServiceError } from '@temporalio/client';
import type { Kafka, Producer } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  ConsumerRunner,
  createKafka,
  ensureTopics,
  parseBrokers,
  replayDeadLetter,
  type ConsumerRunnerOptions,
  type ConsumerStatus,
} from '@kvalitet/messaging';
import { waitUntil } from '../support/app-process';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';

/** What @temporalio/client throws when the frontend cannot be reached: a ServiceError around a gRPC UNAVAILABLE. */
function temporalUnavailable(): ServiceError {
  const grpc = Object.assign(
    new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7233'),
    {
      code: 14,
      details: 'No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7233',
      metadata: {},
    },
  );
  return new ServiceError('Failed to signalWithStart Workflow', { cause: grpc });
}

function econnrefused(port: number): Error {
  return Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), {
    errno: -111,
    code: 'ECONNREFUSED',
    syscall: 'connect',
    address: '127.0.0.1',
    port,
  });
}

interface Tag extends Record<string, unknown> {
  partition: number;
  seq: number;
}

function envelope(aggregateId: string, tag: Tag, type = 'Probe'): EventEnvelope {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    position: String(tag.seq),
    aggregateType: 'case',
    aggregateId,
    version: tag.seq,
    type,
    schemaVersion: 1,
    data: tag,
    metadata: { actor: 'test', correlationId: 'infra' },
    occurredAt: now,
    recordedAt: now,
  };
}

/**
 * Issue 23 against the real Kafka and Postgres: an outage (Temporal, a dependency check) pauses only
 * the partition it happened on and is retried without limit, never dead-lettered; a poison event is
 * dead-lettered once however often it is delivered, and a replay goes through the consumer's inbox.
 */
describe('consumer runner: infrastructure failures and dead letters (real Kafka and Postgres)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  const topics = testTopics();
  const topic = (name: string) => `${topics.prefix}.${name}.events.v1`;
  const allTopics = ['outage', 'partitions', 'check', 'poison'].map(topic);
  const runners: ConsumerRunner[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    kafka = createKafka({
      brokers: parseBrokers(infraEnv().KAFKA_BROKERS),
      clientId: 'infra-failure-test',
      log: () => undefined,
    });
    await ensureTopics(kafka, allTopics);
    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic('partitions')] });
    await admin.disconnect();
    expect(metadata.topics[0]!.partitions.length).toBeGreaterThanOrEqual(2);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await db.dataSource.query(
      `CREATE TABLE handled_events (consumer text NOT NULL, event_id uuid NOT NULL, kafka_partition int, seq int, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
  });
  afterAll(async () => {
    for (const runner of runners) await runner.stop().catch(() => undefined);
    await producer?.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: allTopics }).catch(() => undefined);
    await admin.disconnect();
    await db?.drop();
  });

  async function send(topicName: string, partition: number, events: EventEnvelope[]): Promise<void> {
    await producer.send({
      topic: topicName,
      acks: -1,
      messages: events.map((e) => ({ key: e.aggregateId, partition, value: JSON.stringify(e) })),
    });
  }

  /** Writes the event into handled_events in the consumer's transaction (so a rolled-back attempt leaves nothing). */
  async function record(consumer: string, event: EventEnvelope, manager: EntityManager): Promise<void> {
    const { partition, seq } = event.data as Tag;
    await manager.query(
      `INSERT INTO handled_events (consumer, event_id, kafka_partition, seq) VALUES ($1, $2, $3, $4)`,
      [consumer, event.id, partition, seq],
    );
  }

  async function handledCounts(consumer: string): Promise<Map<string, number>> {
    const rows: { event_id: string; n: string }[] = await db.dataSource.query(
      `SELECT event_id, count(*) AS n FROM handled_events WHERE consumer = $1 GROUP BY event_id`,
      [consumer],
    );
    return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
  }

  async function handledInOrder(consumer: string, partition: number): Promise<number[]> {
    const rows: { seq: number }[] = await db.dataSource.query(
      `SELECT seq FROM handled_events WHERE consumer = $1 AND kafka_partition = $2 ORDER BY handled_at`,
      [consumer, partition],
    );
    return rows.map((r) => r.seq);
  }

  async function deadLetterCount(filter: { consumer?: string; eventId?: string }): Promise<number> {
    const [row]: { n: string }[] = await db.dataSource.query(
      `SELECT count(*) AS n FROM dead_letters WHERE ($1::text IS NULL OR consumer = $1) AND ($2::uuid IS NULL OR event_id = $2::uuid)`,
      [filter.consumer ?? null, filter.eventId ?? null],
    );
    return Number(row!.n);
  }

  function startRunner(options: ConsumerRunnerOptions): ConsumerRunner {
    const runner = new ConsumerRunner(kafka, db.dataSource, {
      infrastructureRetryDelayMs: { initial: 200, max: 1000 },
      ...options,
    });
    runners.push(runner);
    return runner;
  }

  /** Samples status() every 50 ms until stopped: which states (and why) the runner went through. */
  function sampleStatus(runner: ConsumerRunner): { stop: () => void; seen: ConsumerStatus[] } {
    const seen: ConsumerStatus[] = [];
    const timer = setInterval(() => seen.push(runner.status()), 50);
    return { stop: () => clearInterval(timer), seen };
  }

  it('a Temporal outage of ~10 s: the partitions pause and are retried without limit, every event handled once, nothing dead-lettered, two state changes', async () => {
    const consumer = `${topics.prefix}-outage`;
    const partitions = [0, 1, 2];
    const events = new Map(
      partitions.map((p) => [
        p,
        Array.from({ length: 4 }, (_, i) => envelope(randomUUID(), { partition: p, seq: i + 1 })),
      ]),
    );
    for (const [p, list] of events) await send(topic('outage'), p, list);
    const all = [...events.values()].flat();

    let outageUntil: number | null = null;
    const failedAttempts = new Map<number, number>();
    const changes: { state: ConsumerStatus['state']; dependency: string | null; message: string }[] = [];
    const runner = startRunner({
      consumerName: consumer,
      topics: [topic('outage')],
      maxAttempts: 3,
      handle: async (event, manager) => {
        outageUntil ??= Date.now() + 10_000;
        if (Date.now() < outageUntil) {
          const p = (event.data as Tag).partition;
          failedAttempts.set(p, (failedAttempts.get(p) ?? 0) + 1);
          throw temporalUnavailable();
        }
        await record(consumer, event, manager);
      },
      onStateChange: (status, message) =>
        changes.push({ state: status.state, dependency: status.pausedBecause?.dependency ?? null, message }),
    });
    const sampler = sampleStatus(runner);
    await runner.start();
    await waitUntil(async () => runner.status().state === 'paused', 60_000, 'att partitionerna pausas');
    const paused = runner.status();
    expect(paused.pausedBecause).toMatchObject({ dependency: 'temporal', reason: 'unreachable' });
    expect(paused.pausedBecause!.detail).toContain('gRPC 14');
    expect(await deadLetterCount({ consumer })).toBe(0);

    await waitUntil(
      async () => (await handledCounts(consumer)).size === all.length,
      60_000,
      'alla händelser efter avbrottet',
    );
    await new Promise((r) => setTimeout(r, 500));
    sampler.stop();
    expect(Date.now()).toBeGreaterThanOrEqual(outageUntil!);

    const counts = await handledCounts(consumer);
    expect(all.map((e) => counts.get(e.id))).toEqual(all.map(() => 1));
    for (const p of partitions) expect(await handledInOrder(consumer, p)).toEqual([1, 2, 3, 4]);
    expect(await deadLetterCount({ consumer })).toBe(0);
    // Each partition was tried again after its pause (kafkajs fetches a resumed partition with the
    // next fetch, which may wait up to maxWaitTimeInMs = 5 s), yet there are only two state changes.
    for (const p of partitions) expect(failedAttempts.get(p)).toBeGreaterThanOrEqual(2);
    expect(changes.map((c) => [c.state, c.dependency])).toEqual([
      ['paused', 'temporal'],
      ['running', null],
    ]);
    expect(changes[0]!.message).toMatch(/Temporal svarar inte.*retried without limit/);
    expect(changes[1]!.message).toMatch(/igång igen.*resumed after \d+ s \(Temporal\)/);
    expect(sampler.seen.some((s) => s.state === 'paused' && s.pausedBecause?.dependency === 'temporal')).toBe(
      true,
    );
    // pausedPartitions counts partitions waiting for their retry (not one whose attempt is running).
    expect(Math.max(...sampler.seen.map((s) => s.pausedPartitions))).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sampler.seen.map((s) => s.pausedPartitions))).toBeLessThanOrEqual(3);
    expect(runner.status()).toMatchObject({
      state: 'running',
      pausedBecause: null,
      pausedPartitions: 0,
      handled: all.length,
      deadLettered: 0,
    });
    await runner.stop();
    expect(runner.status().state).toBe('stopped');
  });

  it('only the affected partition pauses: partition 1 keeps flowing while partition 0 waits, then partition 0 catches up in order', async () => {
    const consumer = `${topics.prefix}-partitions`;
    const onZero = Array.from({ length: 5 }, (_, i) => envelope(randomUUID(), { partition: 0, seq: i + 1 }));
    const onOne = Array.from({ length: 5 }, (_, i) => envelope(randomUUID(), { partition: 1, seq: i + 1 }));
    await send(topic('partitions'), 0, onZero);
    await send(topic('partitions'), 1, onOne);

    let zeroFailsUntil: number | null = null;
    let zeroRecoveredAt: number | null = null;
    const handledAt = new Map<string, number>();
    const changes: ConsumerStatus['state'][] = [];
    const runner = startRunner({
      consumerName: consumer,
      topics: [topic('partitions')],
      handle: async (event, manager) => {
        if ((event.data as Tag).partition === 0) {
          zeroFailsUntil ??= Date.now() + 12_000;
          if (Date.now() < zeroFailsUntil) throw temporalUnavailable();
          zeroRecoveredAt ??= Date.now();
        }
        await record(consumer, event, manager);
        handledAt.set(event.id, Date.now());
      },
      onStateChange: (status) => changes.push(status.state),
    });
    const sampler = sampleStatus(runner);
    await runner.start();
    await waitUntil(
      async () => runner.status().state === 'paused' && onOne.every((e) => handledAt.has(e.id)),
      60_000,
      'partition 1 hanterad medan partition 0 väntar',
    );
    expect(runner.status()).toMatchObject({ state: 'paused', pausedBecause: { dependency: 'temporal' } });

    // More events on partition 1 while partition 0 is still paused: they are handled too.
    const later = Array.from({ length: 3 }, (_, i) =>
      envelope(randomUUID(), { partition: 1, seq: onOne.length + i + 1 }),
    );
    await send(topic('partitions'), 1, later);
    await waitUntil(
      async () => later.every((e) => handledAt.has(e.id)),
      30_000,
      'de senare händelserna på partition 1',
    );
    expect(zeroRecoveredAt).toBeNull();
    expect(onZero.some((e) => handledAt.has(e.id))).toBe(false);
    expect(runner.status().state).toBe('paused');

    await waitUntil(
      async () => onZero.every((e) => handledAt.has(e.id)),
      60_000,
      'partition 0 efter avbrottet',
    );
    for (const e of [...onOne, ...later]) expect(handledAt.get(e.id)!).toBeLessThan(zeroRecoveredAt!);
    const counts = await handledCounts(consumer);
    expect([...onZero, ...onOne, ...later].map((e) => counts.get(e.id))).toEqual(
      [...onZero, ...onOne, ...later].map(() => 1),
    );
    expect(await handledInOrder(consumer, 0)).toEqual([1, 2, 3, 4, 5]);
    expect(await handledInOrder(consumer, 1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await deadLetterCount({ consumer })).toBe(0);
    await waitUntil(async () => runner.status().state === 'running', 10_000, 'running');
    sampler.stop();
    expect(changes).toEqual(['paused', 'running']);
    // Only partition 0 ever waited.
    expect(Math.max(...sampler.seen.map((s) => s.pausedPartitions))).toBe(1);
    await runner.stop();
  });

  it('a plain handler error while a dependency check fails is not dead-lettered: the partition pauses, and the event is handled once when both are well', async () => {
    const consumer = `${topics.prefix}-check`;
    const event = envelope(randomUUID(), { partition: 0, seq: 1 });
    await send(topic('check'), 0, [event]);

    let startedAt: number | null = null;
    let handlerFailures = 0;
    let checkFailures = 0;
    const changes: { state: ConsumerStatus['state']; dependency: string | null }[] = [];
    const runner = startRunner({
      consumerName: consumer,
      topics: [topic('check')],
      maxAttempts: 3,
      handle: async (e, manager) => {
        startedAt ??= Date.now();
        // The handler is fixed before the check passes: at no time does it fail while everything answers.
        if (Date.now() < startedAt + 4_000) {
          handlerFailures += 1;
          throw new Error('trasig händelse');
        }
        await record(consumer, e, manager);
      },
      dependencyChecks: [
        {
          dependency: 'temporal',
          check: async () => {
            if (startedAt === null || Date.now() < startedAt + 5_000) {
              checkFailures += 1;
              throw econnrefused(7233);
            }
          },
        },
      ],
      onStateChange: (status) =>
        changes.push({ state: status.state, dependency: status.pausedBecause?.dependency ?? null }),
    });
    await runner.start();
    await waitUntil(
      async () => runner.status().state === 'paused',
      60_000,
      'att partitionen pausas av kontrollen',
    );
    expect(runner.status().pausedBecause).toMatchObject({ dependency: 'temporal', reason: 'unreachable' });
    expect(runner.status().pausedBecause!.detail).toContain('ECONNREFUSED');

    await waitUntil(
      async () => (await handledCounts(consumer)).get(event.id) === 1,
      60_000,
      'händelsen när allt svarar',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await handledCounts(consumer)).get(event.id)).toBe(1);
    expect(await deadLetterCount({ consumer })).toBe(0);
    expect(handlerFailures).toBeGreaterThan(3);
    expect(checkFailures).toBeGreaterThanOrEqual(1);
    expect(changes).toEqual([
      { state: 'paused', dependency: 'temporal' },
      { state: 'running', dependency: null },
    ]);
    expect(runner.status()).toMatchObject({ state: 'running', handled: 1, deadLettered: 0 });
    await runner.stop();
  });

  it('a poison event is dead-lettered once, also when delivered again; a replay goes through the inbox (handled, already_replayed, already_handled)', async () => {
    const consumer = `${topics.prefix}-poison`;
    const poisonTopic = topic('poison');
    const aggregate = randomUUID();
    const [first, poison, third, fourth] = [1, 2, 3, 4].map((seq) =>
      envelope(aggregate, { partition: 0, seq }, seq === 2 ? 'Explodes' : 'Probe'),
    );
    await send(poisonTopic, 0, [first!, poison!, third!, fourth!]);

    let poisonCalls = 0;
    const broken = async (event: EventEnvelope, manager: EntityManager) => {
      if (event.id === poison!.id) {
        poisonCalls += 1;
        throw new Error('trasig händelse');
      }
      await record(consumer, event, manager);
    };
    const fixed = (event: EventEnvelope, manager: EntityManager) => record(consumer, event, manager);
    const deadLetterErrors: Record<string, unknown>[] = [];
    const options: ConsumerRunnerOptions = {
      consumerName: consumer,
      topics: [poisonTopic],
      maxAttempts: 3,
      handle: broken,
      onError: (_error, context) => {
        if (context['phase'] === 'dead-letter') deadLetterErrors.push(context);
      },
    };

    const runner = startRunner(options);
    await runner.start();
    await waitUntil(
      async () => (await handledCounts(consumer)).has(fourth!.id),
      60_000,
      'händelserna efter den trasiga',
    );
    await runner.stop();
    // One try of the whole batch, then maxAttempts tries of the poison alone.
    expect(poisonCalls).toBeGreaterThanOrEqual(3);
    expect(poisonCalls).toBeLessThanOrEqual(4);
    const callsAfterFirstRun = poisonCalls;
    expect(await deadLetterCount({ eventId: poison!.id })).toBe(1);
    expect(runner.status().deadLettered).toBe(1);
    const [letter]: {
      id: string;
      attempts: number;
      error: string;
      kafka_partition: number;
      replayed_at: Date | null;
    }[] = await db.dataSource.query(
      `SELECT id::text, attempts, error, kafka_partition, replayed_at FROM dead_letters WHERE event_id = $1`,
      [poison!.id],
    );
    expect(letter).toMatchObject({ attempts: 3, kafka_partition: 0, replayed_at: null });
    expect(letter!.error).toContain('trasig händelse');
    // A dead letter does not claim the inbox: the event stays unhandled until it is replayed.
    const claimed: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2`,
      [consumer, poison!.id],
    );
    expect(claimed).toHaveLength(0);

    // The same group reads the topic again from the start (a redelivery): still one dead letter.
    await resetToEarliest(consumer, poisonTopic);
    const sentinel = envelope(aggregate, { partition: 0, seq: 5 });
    await send(poisonTopic, 0, [sentinel]);
    const again = startRunner(options);
    await again.start();
    await waitUntil(
      async () => (await handledCounts(consumer)).has(sentinel.id),
      60_000,
      'omläsningen fram till sista händelsen',
    );
    await again.stop();
    // Tried again in full (the dead letter claimed nothing), but not written again.
    expect(poisonCalls - callsAfterFirstRun).toBeGreaterThanOrEqual(3);
    const callsBeforeReplay = poisonCalls;
    expect(deadLetterErrors).toHaveLength(2);
    expect(await deadLetterCount({ eventId: poison!.id })).toBe(1);
    expect(again.status().deadLettered).toBe(0);
    let counts = await handledCounts(consumer);
    expect([first, third, fourth, sentinel].map((e) => counts.get(e!.id))).toEqual([1, 1, 1, 1]);
    expect(counts.has(poison!.id)).toBe(false);

    // Replay with the handler fixed: handled once, in the consumer's inbox, and the row is marked.
    const handler = { consumerName: consumer, handle: fixed };
    await expect(replayDeadLetter(db.dataSource, handler, letter!.id, 'drift')).resolves.toBe('handled');
    counts = await handledCounts(consumer);
    expect(counts.get(poison!.id)).toBe(1);
    const [marked]: { replayed_at: Date | null; replayed_by: string; replay_outcome: string }[] =
      await db.dataSource.query(
        `SELECT replayed_at, replayed_by, replay_outcome FROM dead_letters WHERE id = $1`,
        [letter!.id],
      );
    expect(marked!.replayed_at).toBeInstanceOf(Date);
    expect(marked).toMatchObject({ replayed_by: 'drift', replay_outcome: 'handled' });
    await expect(replayDeadLetter(db.dataSource, handler, letter!.id, 'drift')).resolves.toBe(
      'already_replayed',
    );
    expect((await handledCounts(consumer)).get(poison!.id)).toBe(1);

    // A dead letter of an event the consumer handled meanwhile: the inbox says so, nothing runs.
    const handledMeanwhile = await insertDeadLetter(consumer, poisonTopic, first!);
    await expect(replayDeadLetter(db.dataSource, handler, handledMeanwhile, 'drift')).resolves.toBe(
      'already_handled',
    );
    expect((await handledCounts(consumer)).get(first!.id)).toBe(1);
    const [outcome]: { replay_outcome: string }[] = await db.dataSource.query(
      `SELECT replay_outcome FROM dead_letters WHERE id = $1`,
      [handledMeanwhile],
    );
    expect(outcome!.replay_outcome).toBe('already_handled');

    // A replay whose handler still fails throws and leaves the row (and the inbox) as they were.
    const stillBroken = envelope(aggregate, { partition: 0, seq: 6 }, 'Explodes');
    const brokenLetter = await insertDeadLetter(consumer, poisonTopic, stillBroken);
    await expect(
      replayDeadLetter(
        db.dataSource,
        { consumerName: consumer, handle: async () => Promise.reject(new Error('fortfarande trasig')) },
        brokenLetter,
        'drift',
      ),
    ).rejects.toThrow('fortfarande trasig');
    const [unchanged]: { replayed_at: Date | null; replay_outcome: string | null }[] =
      await db.dataSource.query(`SELECT replayed_at, replay_outcome FROM dead_letters WHERE id = $1`, [
        brokenLetter,
      ]);
    expect(unchanged).toEqual({ replayed_at: null, replay_outcome: null });
    expect(
      await db.dataSource.query(`SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2`, [
        consumer,
        stillBroken.id,
      ]),
    ).toHaveLength(0);
    await expect(replayDeadLetter(db.dataSource, handler, brokenLetter, 'drift')).resolves.toBe('handled');

    // After the replay the live consumer skips the poison event if it comes again: no new dead letter.
    await resetToEarliest(consumer, poisonTopic);
    const lastSentinel = envelope(aggregate, { partition: 0, seq: 7 });
    await send(poisonTopic, 0, [lastSentinel]);
    const rereader = startRunner(options);
    await rereader.start();
    await waitUntil(
      async () => (await handledCounts(consumer)).has(lastSentinel.id),
      60_000,
      'tredje omläsningen',
    );
    await rereader.stop();
    expect(poisonCalls).toBe(callsBeforeReplay);
    expect(await deadLetterCount({ eventId: poison!.id })).toBe(1);
    counts = await handledCounts(consumer);
    expect([first, poison, third, fourth, sentinel, lastSentinel].map((e) => counts.get(e!.id))).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
  });

  /** Moves a stopped consumer group back to the start of the topic (retries while the group still counts its old member). */
  async function resetToEarliest(groupId: string, topicName: string): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitUntil(
        async () =>
          admin.resetOffsets({ groupId, topic: topicName, earliest: true }).then(
            () => true,
            () => false,
          ),
        30_000,
        `att gruppen ${groupId} går att spola tillbaka`,
      );
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topicName] });
      // -2 is kafkajs's "earliest" marker: the next member starts at the beginning of each partition.
      expect(offsets!.partitions.map((p) => p.offset).filter((o) => !['-2', '-1', '0'].includes(o))).toEqual(
        [],
      );
    } finally {
      await admin.disconnect();
    }
  }

  async function insertDeadLetter(
    consumer: string,
    topicName: string,
    event: EventEnvelope,
  ): Promise<string> {
    const [row]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, payload, error, attempts)
       VALUES ($1, $2, 0, '0', $3, $4, 'Error: för hand', 1) RETURNING id::text`,
      [consumer, topicName, event.id, JSON.stringify(event)],
    );
    return row!.id;
  }
});
