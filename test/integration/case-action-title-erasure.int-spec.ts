import { randomBytes, randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { OutboxRelay, createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import {
  ERASED_MARKER,
  caseDataKeys,
  eraseCaseCopies,
  openEvent,
  type WireEvent,
} from '@kvalitet/persistence';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { isoMinutesFromNow, report } from '../e2e/support/fixtures';
import { infraEnv } from '../support/infra-env';
import { searchEveryTable } from '../support/search-every-table';
import { testTopics } from '../support/test-topics';

interface CaseBody {
  id: string;
  actions: { id: string; title: string }[];
}

/** Every message of `topic` whose key is `key`, read from the beginning by a group of its own. */
async function messagesOf(
  kafka: Kafka,
  topic: string,
  key: string,
  expected: number,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `title-${randomUUID()}` });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.key?.toString() === key) seen.push(message);
    },
  });
  const until = Date.now() + 60_000;
  while (seen.length < expected && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  return seen;
}

/**
 * An action's title is free text about the case ("samtal med …"): since ADR 0002 was amended
 * (2026-12-07) a case event keeps it in `personal_data`, not in its `events` row, so gallring's
 * `eraseCaseCopies` erases it and no table holds it after (DATA-2, DATA-7). The case view still shows
 * it before (merged back), and on Kafka it travels sealed with the case's key (ADR 0028).
 */
describe('an action title of a case is erased with the case', () => {
  let api: TestApi;
  let kafka: Kafka;
  const topics = testTopics();
  const tokens: Record<string, string> = {};
  const TITLE = `Samtal med Greta Titelsson-${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    kafka = createKafka({
      brokers: parseBrokers(infraEnv().KAFKA_BROKERS),
      clientId: 'title-erasure-test',
      log: () => undefined,
    });
    await ensureTopics(kafka, topics.all);
    api = await startApi({ KAFKA_NAMESPACE: topics.prefix });
    for (const user of ['medarbetare', 'enhetschef']) tokens[user] = await api.token(user);
  });
  afterAll(async () => {
    await api?.close();
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: topics.all }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  const post = (user: string, path: string, body: unknown) =>
    api.call<CaseBody>('POST', `/api/v1${path}`, { token: tokens[user], body });

  it('is in personal_data, not the event row; shown on the case, sealed on Kafka, and nowhere after erasure', async () => {
    const created = await post('medarbetare', '/cases', report('deviation', 'solgarden'));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await post('enhetschef', `/cases/${id}/acknowledge`, {})).status).toBe(200);
    expect((await post('enhetschef', `/cases/${id}/start-investigation`, {})).status).toBe(200);
    expect(
      (
        await post('enhetschef', `/cases/${id}/record-investigation`, {
          summary: 'Rutinen följdes inte',
          causes: ['routine'],
        })
      ).status,
    ).toBe(200);
    const added = await post('enhetschef', `/cases/${id}/add-action`, {
      title: TITLE,
      level: 'individual',
      owner: 'enhetschef',
      dueAt: isoMinutesFromNow(60 * 24 * 14),
    });
    expect(added.status).toBe(200);
    const db = api.db.dataSource;

    // The view merges the personal part back: the title reads as written.
    const view = await api.call<CaseBody>('GET', `/api/v1/cases/${id}`, { token: tokens['enhetschef'] });
    expect(view.body.actions.map((a) => a.title)).toEqual([TITLE]);
    expect(await searchEveryTable(db, TITLE)).toEqual([{ table: 'personal_data', column: 'data', rows: 1 }]);
    const [row] = (await db.query(
      `SELECT e.data AS row, p.data AS personal FROM events e JOIN personal_data p ON p.event_id = e.id
        WHERE e.aggregate_id = $1 AND e.type = 'ActionAdded'`,
      [id],
    )) as { row: Record<string, unknown>; personal: Record<string, unknown> }[];
    expect(row!.row).not.toHaveProperty('title');
    expect(row!.row).toMatchObject({ level: 'individual', owner: 'enhetschef' });
    expect(row!.personal).toEqual({ title: TITLE });

    // On Kafka the title is sealed with the case's key; a consumer with the key reads it.
    const relay = new OutboxRelay(kafka, db);
    try {
      expect(await relay.publishPending()).toBeGreaterThanOrEqual(5);
    } finally {
      await relay.stop();
    }
    const [count] = (await db.query(`SELECT count(*)::int AS n FROM events WHERE aggregate_id = $1`, [
      id,
    ])) as {
      n: number;
    }[];
    const messages = await messagesOf(kafka, topics.topicFor('case'), id, count!.n);
    expect(messages).toHaveLength(count!.n);
    for (const message of messages) expect(message.value!.toString('utf8')).not.toContain('Titelsson');
    const wire = messages
      .map((m) => JSON.parse(m.value!.toString('utf8')) as WireEvent)
      .find((event) => event.type === 'ActionAdded')!;
    expect(wire.data).not.toHaveProperty('title');
    expect(wire.sealed!.paths).toContain('title');
    const key = (await caseDataKeys(db, [id])).get(id)!;
    expect(openEvent(wire, key).data['title']).toBe(TITLE);

    // Gallring's erasure: the title is gone from every table, and the key that opened the message.
    const erased = await db.transaction((manager) => eraseCaseCopies(manager, id, { reason: 'test' }));
    expect(erased.tables.personal_data).toBeGreaterThanOrEqual(2);
    expect(erased.tables.case_data_keys).toBe(1);
    expect(await searchEveryTable(db, TITLE)).toEqual([]);
    expect(await searchEveryTable(db, 'Titelsson')).toEqual([]);
    expect(openEvent(wire, null).data['title']).toBe(ERASED_MARKER);
    const after = await api.call<CaseBody>('GET', `/api/v1/cases/${id}`, { token: tokens['enhetschef'] });
    expect(after.status).toBe(200);
    expect(after.body.actions.map((a) => a.title)).toEqual([ERASED_MARKER]);
  });
});
