import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Payload } from '@temporalio/common';
import { waitUntil } from './app-process';

/** Every string inside a JSON value. */
export function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, into);
  return into;
}

/** The history's text as anyone with access to Temporal (its database, UI or CLI) would see it: JSON and every base64 value decoded. */
export function readableHistoryText(json: string): string {
  const decoded = strings(JSON.parse(json)).map((s) =>
    /^[A-Za-z0-9+/]+=*$/.test(s) && s.length % 4 === 0 ? Buffer.from(s, 'base64').toString('utf8') : '',
  );
  return `${json}\n${decoded.join('\n')}`;
}

/** Every Payload of a history (objects with `metadata` and `data`), as the codec would be given them. */
export function payloadsOf(value: unknown, into: Payload[] = []): Payload[] {
  if (Array.isArray(value)) for (const item of value) payloadsOf(item, into);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record['metadata'] && typeof record['metadata'] === 'object' && 'data' in record)
      into.push(record as unknown as Payload);
    else for (const item of Object.values(record)) payloadsOf(item, into);
  }
  return into;
}

export interface TopicMessage {
  readonly topic: string;
  readonly message: KafkaMessage;
}

/** Every message of the topics, read from the beginning by a group of its own. */
export async function allTopicMessages(kafka: Kafka, topics: readonly string[]): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await Promise.all(
    topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
  );
  await admin.disconnect();
  const expected = ends.reduce((n, t) => n + t.offsets.reduce((m, o) => m + Number(o.high), 0), 0);
  const consumer = kafka.consumer({ groupId: `search-${randomUUID()}` });
  const seen: TopicMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, message }) => void seen.push({ topic, message }) });
  await waitUntil(async () => seen.length >= expected, 60_000, `alla ${expected} meddelanden`);
  await consumer.disconnect();
  return seen;
}

/** A message as it lies on the broker: key, headers and value, as text. */
export function messageText({ message }: TopicMessage): string {
  const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  return [message.key?.toString('utf8') ?? '', ...headers, message.value?.toString('utf8') ?? ''].join('\n');
}
