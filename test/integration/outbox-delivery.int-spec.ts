import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { EventStore } from '@kvalitet/persistence';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`väntade förgäves på: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('outbox → Kafka → consumer runner (real Postgres and Kafka)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  const topics = testTopics();
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    kafka = createKafka({
      brokers: parseBrokers(infraEnv().KAFKA_BROKERS),
      clientId: 'delivery-test',
      log: () => undefined,
    });
    await ensureTopics(kafka, topics.all);
    store = new EventStore(db.dataSource, { topicFor: topics.topicFor });
    await db.dataSource.query(
      `CREATE TABLE projected (aggregate_id uuid, version int, event_id uuid, PRIMARY KEY (aggregate_id, version))`,
    );
  });
  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topics.all }).catch(() => undefined);
    await admin.disconnect();
    await db.drop();
  });

  it('delivers every event exactly once in effect, in order per aggregate, with two relays racing', async () => {
    const aggregates = Array.from({ length: 40 }, () => randomUUID());
    const perAggregate = 15;
    for (let v = 0; v < perAggregate; v++) {
      await Promise.all(
        aggregates.map((id) =>
          store.append({
            aggregateType: 'case',
            aggregateId: id,
            expectedVersion: v,
            metadata: { actor: 'test', correlationId: id },
            events: [{ type: 'Tick', data: { n: v } }],
          }),
        ),
      );
    }
    const orderViolations: string[] = [];
    const runner = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: `delivery-${topics.prefix}`,
      topics: [topics.topicFor('case')],
      handle: async (event, manager) => {
        const rows: { max: number | null }[] = await manager.query(
          `SELECT max(version) FROM projected WHERE aggregate_id = $1`,
          [event.aggregateId],
        );
        const last = rows[0]?.max ?? 0;
        if (event.version !== last + 1)
          orderViolations.push(`${event.aggregateId} fick v${event.version} efter v${last}`);
        await manager.query(`INSERT INTO projected VALUES ($1, $2, $3)`, [
          event.aggregateId,
          event.version,
          event.id,
        ]);
      },
    });
    const relayA = new OutboxRelay(kafka, db.dataSource, { batchSize: 50 });
    const relayB = new OutboxRelay(kafka, db.dataSource, { batchSize: 50 });
    await runner.start();
    await relayA.start();
    await relayB.start();
    const total = aggregates.length * perAggregate;
    await waitFor(
      async () => Number((await db.dataSource.query(`SELECT count(*) FROM projected`))[0].count) >= total,
      60000,
      `${total} projicerade händelser`,
    );
    await relayA.stop();
    await relayB.stop();

    // A redelivered event (here: the whole outbox published again) changes nothing.
    await db.dataSource.query(
      `UPDATE outbox SET published_at = NULL WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 30)`,
    );
    const again = new OutboxRelay(kafka, db.dataSource);
    expect(await again.publishPending()).toBe(30);
    await again.stop();
    await new Promise((r) => setTimeout(r, 2000));
    await runner.stop();

    expect(orderViolations).toEqual([]);
    const count: { count: string; distinct: string }[] = await db.dataSource.query(
      `SELECT count(*) AS count, count(DISTINCT event_id) AS distinct FROM projected`,
    );
    expect(Number(count[0]!.count)).toBe(total);
    expect(Number(count[0]!.distinct)).toBe(total);
    const backlog: { count: string }[] = await db.dataSource.query(
      `SELECT count(*) FROM outbox WHERE published_at IS NULL`,
    );
    expect(Number(backlog[0]!.count)).toBe(0);
  });

  it('publishes each event as it was appended, personal data included, built from the event row the outbox points at', async () => {
    const aggregateId = randomUUID();
    const appended = await store.append({
      aggregateType: 'report',
      aggregateId,
      expectedVersion: 0,
      metadata: { actor: 'medarbetare', correlationId: 'c-1', requestId: 'r-1' },
      events: [
        {
          type: 'Written',
          data: {
            description: 'Brukaren föll',
            reporter: { username: 'medarbetare', name: 'Anna' },
            unitId: 'solgarden',
          },
        },
        {
          type: 'Noted',
          schemaVersion: 3,
          data: { note: 'Uppföljt' },
          occurredAt: new Date('2026-01-02T03:04:05.678Z'),
        },
      ],
    });
    const received: unknown[] = [];
    const runner = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: `content-${topics.prefix}`,
      topics: [topics.topicFor('report')],
      handle: async (event) => {
        received.push(event);
      },
    });
    await runner.start();
    const relay = new OutboxRelay(kafka, db.dataSource);
    expect(await relay.publishPending()).toBeGreaterThanOrEqual(2);
    await relay.stop();
    await waitFor(async () => received.length >= 2, 30000, 'två händelser');
    await runner.stop();
    expect(received).toEqual(appended);
  });

  it('dead-letters a poison message after bounded retries and keeps the partition moving', async () => {
    const topic = topics.topicFor('risk');
    const producer = kafka.producer();
    await producer.connect();
    const good = {
      id: randomUUID(),
      position: '1',
      aggregateType: 'risk',
      aggregateId: randomUUID(),
      version: 1,
      type: 'Good',
      schemaVersion: 1,
      data: {},
      metadata: { actor: 't', correlationId: 'c' },
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
    };
    const failing = { ...good, id: randomUUID(), type: 'Explodes' };
    await producer.send({
      topic,
      messages: [
        { key: 'k', value: 'inte json {' },
        { key: 'k', value: JSON.stringify(failing) },
        { key: 'k', value: JSON.stringify(good) },
      ],
    });
    await producer.disconnect();
    const handled: string[] = [];
    const runner = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: `poison-${topics.prefix}`,
      topics: [topic],
      maxAttempts: 3,
      handle: async (event) => {
        if (event.type === 'Explodes') throw new Error('trasig händelse');
        handled.push(event.type);
      },
    });
    await runner.start();
    await waitFor(async () => handled.includes('Good'), 30000, 'den goda händelsen efter de trasiga');
    await runner.stop();
    const dead: { event_id: string | null; attempts: number; error: string }[] = await db.dataSource.query(
      `SELECT event_id, attempts, error FROM dead_letters WHERE consumer = $1 ORDER BY id`,
      [`poison-${topics.prefix}`],
    );
    expect(dead).toHaveLength(2);
    expect(dead[0]!.event_id).toBeNull();
    expect(dead[1]!.event_id).toBe(failing.id);
    expect(dead[1]!.attempts).toBe(3);
    expect(dead[1]!.error).toContain('trasig händelse');
  });
});
