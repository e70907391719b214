import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Client, Connection } from '@temporalio/client';
import { CASE_WORKFLOW_STATUS_QUERY, caseWorkflowId, type EventEnvelope } from '@kvalitet/contracts';
import { createKafka, handleWithInbox, parseBrokers, ConsumerRunner } from '@kvalitet/messaging';
import {
  CaseCommandService,
  ERASED_MARKER,
  EventStore,
  shredCaseDataKey,
  type WireEvent,
} from '@kvalitet/persistence';
import { AesGcmPayloadCodec, temporalPayloadKeyring } from '@kvalitet/runtime';
import { type AppProcess, waitUntil } from '../support/app-process';
import { deleteRunTopics, startProjectorAndWorker } from '../support/app-processes';
import { MANAGER, STAFF } from '../support/case-scenarios';
import { infraEnv } from '../support/infra-env';
import {
  allTopicMessages,
  payloadsOf,
  readableHistoryText,
  type TopicMessage,
} from '../support/store-search';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';
import { historyToJson } from '../workflows/support/history-json';

/** Free text and a name that must never be readable on Kafka or in a workflow history. */
const NEEDLE = `Nålsöga${randomUUID().slice(0, 8)}`;
const DESCRIPTION = `Brukaren ${NEEDLE} Karlsson föll i badrummet`;
const REPORTER_NAME = `Sigrid ${NEEDLE}`;
/** A staff member's username reaches the workflow (CaseAssigned): in the history, but only encrypted. */
const ASSIGNEE = `handlaggare${randomUUID().slice(0, 8)}`;

/**
 * Issue 19 / ADR 0028: the real projector (relay, projections, orchestrators) and worker run against
 * the local servers; a case is reported with a unique name and free text and its workflow takes it in.
 * Then no Kafka message and no workflow history holds them in clear, the consumers still read them
 * (the read model has them), and after the case's key is shredded a consumer reads `[raderad]`.
 */
describe('personal data is never in clear on Kafka or in Temporal histories (real processes and servers)', () => {
  let db: TestDatabase;
  let projector: AppProcess;
  let worker: AppProcess;
  let cases: CaseCommandService;
  let kafka: Kafka;
  let connection: Connection;
  let client: Client;
  let rawClient: Client;
  let caseId: string;
  const topics = testTopics();

  beforeAll(async () => {
    const env = infraEnv() as unknown as Record<string, string>;
    db = await createTestDatabase({ poolSize: 10 });
    const common = {
      ...env,
      DATABASE_URL: db.url,
      KAFKA_NAMESPACE: topics.prefix,
      TEMPORAL_TASK_QUEUE: `clear-${randomUUID()}`,
    };
    const processes = startProjectorAndWorker(common);
    ({ projector, worker } = processes);
    cases = new CaseCommandService(new EventStore(db.dataSource, { topicFor: topics.topicFor }));
    kafka = createKafka({
      brokers: parseBrokers(env['KAFKA_BROKERS']!),
      clientId: 'clear-test',
      log: () => undefined,
    });
    connection = await Connection.connect({ address: env['TEMPORAL_ADDRESS']! });
    // The test's client reads what the processes wrote: the same configuration, the same keys.
    client = new Client({ connection, dataConverter: { payloadCodecs: [codec()] } });
    rawClient = new Client({ connection });
    await processes.ready();

    const reported = await cases.report(
      {
        type: 'complaint',
        unitId: 'solgarden',
        description: DESCRIPTION,
        immediateActions: `Anhörig ${NEEDLE} kontaktades`,
        reporter: { username: STAFF.username, name: REPORTER_NAME },
        onBehalfOf: { name: REPORTER_NAME },
        contact: { email: `anhorig-${randomUUID().slice(0, 8)}@example.se` },
        wantsAnswer: true,
        channel: 'web',
      },
      STAFF,
    );
    caseId = reported.state.id;
    await cases.execute(caseId, { type: 'assign', actor: MANAGER, data: { assignee: ASSIGNEE } });
    await waitUntil(
      async () => {
        const status = await client.workflow
          .getHandle(caseWorkflowId(caseId))
          .query<{ lastVersion: number }>(CASE_WORKFLOW_STATUS_QUERY)
          .catch(() => null);
        return (status?.lastVersion ?? 0) >= 2;
      },
      120_000,
      'arbetsflödet har tagit emot anmälan och tilldelningen',
    );
    await waitUntil(
      async () =>
        (
          await db.dataSource.query(`SELECT 1 FROM rm_cases WHERE id = $1 AND assignee = $2`, [
            caseId,
            ASSIGNEE,
          ])
        ).length > 0,
      60_000,
      'läsmodellen har ärendet',
    );
  }, 240_000);

  afterAll(async () => {
    await projector?.stop();
    await worker?.stop();
    await connection?.close().catch(() => undefined);
    await deleteRunTopics(kafka, topics);
    await db?.drop();
  }, 120_000);

  function codec(): AesGcmPayloadCodec {
    return new AesGcmPayloadCodec(temporalPayloadKeyring());
  }

  /** Every message of the run's topics, read from the beginning by a group of its own. */
  function allMessages(): Promise<TopicMessage[]> {
    return allTopicMessages(kafka, topics.all);
  }

  async function reportedOnTopic(messages?: TopicMessage[]): Promise<WireEvent> {
    return (messages ?? (await allMessages()))
      .filter((m) => m.message.key?.toString() === caseId)
      .map((m) => JSON.parse(m.message.value!.toString('utf8')) as WireEvent)
      .find((e) => e.type === 'CaseReported')!;
  }

  it('(a) no message on any topic holds the name or the free text, yet the read model got them', async () => {
    const messages = await allMessages();
    const ofCase = messages.filter((m) => m.message.key?.toString() === caseId);
    expect(ofCase.length).toBeGreaterThanOrEqual(2);
    for (const { message } of messages) expect(message.value!.toString('utf8')).not.toContain(NEEDLE);
    const reportedMessage = await reportedOnTopic(messages);
    expect(reportedMessage.sealed?.paths).toEqual(
      expect.arrayContaining(['description', 'immediateActions', 'onBehalfOf', 'contact', 'reporter.name']),
    );
    const [row] = await db.dataSource.query(`SELECT description FROM rm_cases WHERE id = $1`, [caseId]);
    expect(row.description).toBe(DESCRIPTION);
    const opened = await db.dataSource.transaction((manager) =>
      handleWithInbox(
        { consumerName: `by-hand-${randomUUID()}`, handle: async () => undefined },
        [reportedMessage],
        manager,
      ),
    );
    expect(opened[0]!.data).toMatchObject({ description: DESCRIPTION, reporter: { name: REPORTER_NAME } });
  });

  it('(b) the workflow history holds no personal data in clear; with the codec the assignee is there', async () => {
    const history = await rawClient.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
    const json = historyToJson(history);
    const readable = readableHistoryText(json);
    // The search itself finds a payload in clear (protojson writes bytes as base64).
    expect(readableHistoryText(JSON.stringify({ data: Buffer.from(ASSIGNEE).toString('base64') }))).toContain(
      ASSIGNEE,
    );
    expect(readable).not.toContain(NEEDLE);
    expect(readable).not.toContain(ASSIGNEE);
    // The same history through the codec: the control that the search would have found it.
    const payloads = payloadsOf(history);
    expect(payloads.length).toBeGreaterThan(0);
    const opened = await codec().decode(payloads);
    const text = opened.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
    expect(text).toContain(ASSIGNEE);
    expect(text).not.toContain(NEEDLE);
  });

  it('(c) after shredCaseDataKey a consumer reads [raderad] in place of every sealed field, without a dead letter', async () => {
    const [before] = await db.dataSource.query(`SELECT count(*)::int AS n FROM dead_letters`);
    const shredded = await db.dataSource.transaction((manager) => shredCaseDataKey(manager, caseId));
    expect(shredded).toBe(1);

    const received: EventEnvelope[] = [];
    const runner = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: `after-shred-${randomUUID()}`,
      topics: [topics.topicFor('case')],
      handle: async (event) => void received.push(event),
    });
    await runner.start();
    try {
      await waitUntil(
        async () => received.some((e) => e.aggregateId === caseId && e.type === 'CaseAssigned'),
        60_000,
        'händelserna efter radering',
      );
    } finally {
      await runner.stop();
    }
    const reportedEvent = received.find((e) => e.aggregateId === caseId && e.type === 'CaseReported')!;
    expect(reportedEvent.data).toMatchObject({
      description: ERASED_MARKER,
      immediateActions: ERASED_MARKER,
      onBehalfOf: ERASED_MARKER,
      contact: ERASED_MARKER,
      reporter: { username: STAFF.username, name: ERASED_MARKER },
      unitId: 'solgarden',
    });
    expect(JSON.stringify(received)).not.toContain(NEEDLE);
    const [after] = await db.dataSource.query(`SELECT count(*)::int AS n FROM dead_letters`);
    expect(after.n).toBe(before.n);

    // The message as it lies on the topic, through the inbox door every consumer and replay goes through.
    const handled = await db.dataSource.transaction(async (manager) =>
      handleWithInbox(
        { consumerName: `by-hand-${randomUUID()}`, handle: async () => undefined },
        [await reportedOnTopic()],
        manager,
      ),
    );
    expect(handled[0]!.data['description']).toBe(ERASED_MARKER);
  });
});
