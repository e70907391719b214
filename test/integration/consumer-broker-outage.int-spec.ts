import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ConsumerRunner, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { waitUntil } from '../support/app-process';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';

const kafkaScript = resolve(__dirname, '../../infra/kafka.sh');

/**
 * A consumer started while the broker is away keeps trying instead of failing (and taking its
 * process down), and consumes once the broker is back (ADR 0012 addendum). Stops and starts the
 * LOCAL Kafka node, like the delivery fault test: run it against a node of your own
 * (KVALITET_KAFKA_PORT, KAFKA_BROKERS) on a shared machine.
 */
describe('a consumer survives a broker that is away (real Kafka, stopped and started)', () => {
  let db: TestDatabase;
  const topics = testTopics();
  // Few retries per attempt, so the test sees the runner's own backoff rather than kafkajs's.
  const kafka = new Kafka({
    clientId: 'outage-test',
    brokers: parseBrokers(infraEnv().KAFKA_BROKERS),
    logLevel: logLevel.NOTHING,
    retry: { retries: 1, initialRetryTime: 100 },
  });

  beforeAll(async () => {
    if (
      process.env.KAFKA_BROKERS &&
      process.env.KAFKA_BROKERS !== `127.0.0.1:${process.env.KVALITET_KAFKA_PORT ?? 9092}`
    ) {
      throw new Error('detta test stoppar den lokala Kafka-noden och kan inte köras mot en extern');
    }
    db = await createTestDatabase({ poolSize: 4 });
    await ensureTopics(kafka, [topics.topicFor('case')]);
  });
  afterAll(async () => {
    execFileSync('bash', [kafkaScript, 'start'], { stdio: 'ignore' });
    await db.drop();
  });

  it('starts without the broker, logs that it retries, and consumes when the broker is back', async () => {
    const handled: string[] = [];
    const errors: Record<string, unknown>[] = [];
    const runner = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: `${topics.prefix}-outage`,
      topics: [topics.topicFor('case')],
      handle: async (event) => {
        handled.push(event.id);
      },
      reconnectDelayMs: { initial: 500, max: 2000 },
      onError: (_error, context) => errors.push(context),
    });
    execFileSync('bash', [kafkaScript, 'stop'], { stdio: 'ignore' });
    try {
      await expect(runner.start()).resolves.toBeUndefined();
      expect(runner.reconnecting).toBe(true);
      await waitUntil(async () => errors.length >= 2, 60000, 'nya anslutningsförsök');
      expect(errors.every((e) => e['phase'] === 'anslutning' && /Kafka nås/.test(String(e['message'])))).toBe(
        true,
      );
    } finally {
      execFileSync('bash', [kafkaScript, 'start'], { stdio: 'ignore' });
    }
    await waitUntil(async () => !runner.reconnecting, 120000, 'att konsumenten kommer igång');
    const event = {
      id: randomUUID(),
      position: '1',
      aggregateType: 'case',
      aggregateId: randomUUID(),
      version: 1,
      type: 'Probe',
      schemaVersion: 1,
      data: {},
      metadata: { actor: 'test', correlationId: 'outage' },
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
    };
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: topics.topicFor('case'),
      acks: -1,
      messages: [{ key: event.aggregateId, value: JSON.stringify(event) }],
    });
    await producer.disconnect();
    await waitUntil(async () => handled.includes(event.id), 60000, 'att händelsen konsumeras');
    await runner.stop();
  });
});
