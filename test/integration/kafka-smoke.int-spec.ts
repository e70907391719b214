import { randomUUID } from 'node:crypto';
import { createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { infraEnv } from '../support/infra-env';

describe('Kafka (real broker)', () => {
  it('produces a message with acks=all and consumes it in a consumer group', async () => {
    const kafka = createKafka({ brokers: parseBrokers(infraEnv().KAFKA_BROKERS), clientId: 'smoke-test' });
    const topic = `smoke.${randomUUID()}`;
    await ensureTopics(kafka, [topic]);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const payload = JSON.stringify({ id: randomUUID(), text: 'hej från röktestet' });
    await producer.send({ topic, acks: -1, messages: [{ key: 'k1', value: payload }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('inget meddelande inom 30 s')), 30000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve(message.value!.toString('utf8'));
        },
      });
    });
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    expect(received).toBe(payload);
  });
});
