import { randomBytes, randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Client, Connection } from '@temporalio/client';
import { caseWorkflowId } from '@kvalitet/contracts';
import { DEFAULT_RETENTION_RULES } from '@kvalitet/domain';
import { createKafka, handleWithInbox, parseBrokers } from '@kvalitet/messaging';
import { CaseCommandService, ERASED_MARKER, EventStore, type WireEvent } from '@kvalitet/persistence';
import { AesGcmPayloadCodec, temporalDataConverter, temporalPayloadKeyring } from '@kvalitet/runtime';
import type { GallringResult } from '@kvalitet/workflows';
import {
  gallringScheduleId,
  ensureGallringSchedule,
} from '../../apps/worker/src/activities/gallring-schedule';
import { startApi, type TestApi } from '../e2e/support/api-harness';
import { isoMinutesFromNow, report } from '../e2e/support/fixtures';
import { type AppProcess, waitUntil } from '../support/app-process';
import { deleteRunTopics, namespaceTopics, startProjectorAndWorker } from '../support/app-processes';
import { STAFF } from '../support/case-scenarios';
import { infraEnv } from '../support/infra-env';
import { searchEveryTableFor, type TableHit } from '../support/search-every-table';
import {
  allTopicMessages,
  messageText,
  payloadsOf,
  readableHistoryText,
  type TopicMessage,
} from '../support/store-search';
import { testTopics } from '../support/test-topics';
import { historyToJson } from '../workflows/support/history-json';

jest.setTimeout(180_000);

interface CaseBody {
  id: string;
  caseNumber: string;
  type: string;
  unitId: string;
  stage: string;
  reportedAt: string;
  closedAt: string | null;
  description: string;
  erasedAt: string | null;
  legalHold: { reason: string } | null;
}
interface LogEntry {
  caseId: string;
  caseNumber: string;
  erasedBy: string;
}

const THREE_YEARS_AGO = isoMinutesFromNow(-3 * 366 * 24 * 60);
const tag = randomBytes(5).toString('hex');
/** The erased case's name, free text, answer and address: none may be left in any store. */
const ERASED = {
  name: `Ingrid Gallras-${tag}`,
  text: `kall gröt varje morgon ${tag}`,
  answer: `vi har bytt kök ${tag}`,
  email: `ingrid.${tag}@example.se`,
};
/** The held case's name and free text: they stay where they were. */
const HELD = { name: `Henrik Spärrad-${tag}`, text: `fint bemötande ${tag}` };
const ERASED_NEEDLES = Object.values(ERASED);

/**
 * Issue 19's "done means" for gallring (DATA-2, DATA-7; ADR 0027, 0028, 0032) as one proof on the
 * system as it runs: the api, the projector (outbox relay → Kafka, read models, the orchestrators
 * that start the case workflows) and the worker (case workflow, mail, the gallring workflow) on the
 * local Postgres, Kafka and Temporal. Two closed cases past a short rule (reported three years ago,
 * kept two years from the report); the second is on legal hold. The nightly Temporal Schedule is
 * created as the schedules CLI does (paused) and triggered: its workflow erases the first and not
 * the second. Then every Postgres table, every Kafka topic from the beginning and the Temporal
 * histories of both case workflows and the gallring run are searched for the first case's text.
 */
describe('gallring by the schedule reaches every store (api, projector, worker; Postgres, Kafka, Temporal)', () => {
  let api: TestApi;
  let projector: AppProcess;
  let worker: AppProcess;
  let kafka: Kafka;
  let connection: Connection;
  let client: Client;
  let rawClient: Client;
  let erased: CaseBody;
  let held: CaseBody;
  let gallringWorkflowId: string;
  let result: GallringResult;
  const tokens: Record<string, string> = {};
  const topics = testTopics();
  const taskQueue = `gallring-every-store-${randomUUID()}`;
  const schedulePrefix = `t${tag}`;

  const call = <T = CaseBody>(method: string, path: string, user: string, body?: unknown, key?: string) =>
    api.call<T>(method, path, {
      token: tokens[user]!,
      ...(body === undefined ? {} : { body }),
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
  const ok = async <T = CaseBody>(
    response: Promise<{ status: number; body: T; text: string }>,
    status = 200,
  ): Promise<T> => {
    const answer = await response;
    if (answer.status !== status) throw new Error(`${answer.status}: ${answer.text}`);
    return answer.body;
  };
  const rows = <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    api.db.dataSource.query(sql, params) as Promise<T[]>;

  beforeAll(async () => {
    const env = infraEnv() as unknown as Record<string, string>;
    const common = { KAFKA_NAMESPACE: topics.prefix, TEMPORAL_TASK_QUEUE: taskQueue };
    api = await startApi(common);
    for (const user of ['medarbetare', 'enhetschef', 'kvalitet', 'dataskydd'])
      tokens[user] = await api.token(user);
    const processEnv = { ...env, ...common, DATABASE_URL: api.db.url };
    const processes = startProjectorAndWorker(processEnv);
    ({ projector, worker } = processes);
    kafka = createKafka({
      brokers: parseBrokers(env['KAFKA_BROKERS']!),
      clientId: 'gallring-every-store',
      log: () => undefined,
    });
    connection = await Connection.connect({ address: env['TEMPORAL_ADDRESS']! });
    client = new Client({ connection, dataConverter: temporalDataConverter() });
    rawClient = new Client({ connection });
    await processes.ready();
  }, 240_000);

  afterAll(async () => {
    await client?.schedule
      .getHandle(gallringScheduleId(schedulePrefix))
      .delete()
      .catch(() => undefined);
    await projector?.stop();
    await worker?.stop();
    await connection?.close().catch(() => undefined);
    await deleteRunTopics(kafka, topics);
    await api?.close();
  }, 120_000);

  it('seeds two closed cases past a short rule, holds one, and the nightly schedule erases the other', async () => {
    await ok(
      call('PUT', '/api/v1/retention', 'dataskydd', {
        version: 1,
        rules: [
          ...DEFAULT_RETENTION_RULES.filter((r) => r.caseType !== 'praise' && r.caseType !== 'complaint'),
          { caseType: 'complaint', keepYears: 2, from: 'reported' },
          { caseType: 'praise', keepYears: 2, from: 'reported' },
        ],
      }),
    );

    // The case to hold: a praise reported by staff through the api (its idempotent answer is a copy).
    const praise = await ok(
      call(
        'POST',
        '/api/v1/cases',
        'medarbetare',
        report('praise', 'solgarden', `Beröm till ${HELD.name} för ${HELD.text}`, {
          reportedAt: THREE_YEARS_AGO,
        }),
        `praise-${tag}`,
      ),
      201,
    );
    // A complaint from the public form with an e-mail address that wants an answer. The form cannot
    // date a report back, so it is written through the same command service the api uses (event,
    // personal data and outbox in one append), three years back.
    const reported = await new CaseCommandService(
      new EventStore(api.db.dataSource, { topicFor: topics.topicFor }),
    ).report(
      {
        type: 'complaint',
        unitId: 'solgarden',
        channel: 'web',
        description: `${ERASED.name} får ${ERASED.text}`,
        reportedAt: THREE_YEARS_AGO,
        reporter: { username: STAFF.username, name: ERASED.name },
        onBehalfOf: { name: ERASED.name },
        contact: { email: ERASED.email },
        wantsAnswer: true,
      },
      STAFF,
    );
    const id = reported.state.id;
    await ok(
      call('POST', `/api/v1/cases/${id}/acknowledge`, 'enhetschef', { note: `Mottagen, ${ERASED.text}` }),
    );
    await ok(call('POST', `/api/v1/cases/${id}/start-investigation`, 'enhetschef', {}));
    await ok(
      call('POST', `/api/v1/cases/${id}/record-investigation`, 'enhetschef', {
        summary: `${ERASED.name}: ${ERASED.text}`,
        causes: ['Köket'],
        deviationOccurred: false,
      }),
    );
    // Linked to the praise through the api, idempotently (the answer, the case with its text, is a copy
    // in idempotency_keys); answered by e-mail (the case workflow mails it: a copy in mail_messages).
    await ok(
      call(
        'POST',
        `/api/v1/cases/${id}/link`,
        'enhetschef',
        { caseId: praise.id, relation: 'related' },
        `link-${tag}`,
      ),
    );
    await ok(
      call('POST', `/api/v1/cases/${id}/respond`, 'enhetschef', {
        respondedAt: isoMinutesFromNow(-10),
        channel: 'email',
        summary: `Hej ${ERASED.name}, ${ERASED.answer}`,
      }),
    );
    // The answer to the citizen, not a notice to staff about the case (those carry its case_id too).
    await waitUntil(
      async () =>
        (
          await rows(`SELECT 1 FROM mail_messages WHERE case_id = $1 AND recipients::text LIKE $2`, [
            id,
            `%${ERASED.email}%`,
          ])
        ).length > 0,
      60_000,
      'svaret har skickats med e-post',
    );
    erased = await ok(
      call('POST', `/api/v1/cases/${id}/close`, 'enhetschef', { summary: `Avslutad, ${ERASED.text}` }),
    );

    await ok(
      call('POST', `/api/v1/cases/${praise.id}/close`, 'kvalitet', { summary: `Tackat ${HELD.name}` }),
    );
    held = await ok(
      call('POST', `/api/v1/cases/${praise.id}/legal-hold`, 'kvalitet', { reason: 'Begärd av JO' }),
    );

    // The projector's read model is where the gallring finds its candidates.
    await waitUntil(
      async () =>
        (
          await rows(
            `SELECT 1 FROM rm_cases WHERE (id = $1 AND closed_at IS NOT NULL)
                OR (id = $2 AND closed_at IS NOT NULL AND state->'legalHold' IS NOT NULL)`,
            [erased.id, held.id],
          )
        ).length === 2,
      60_000,
      'läsmodellen har båda ärendena avslutade och spärren',
    );
    const before = await searchEveryTableFor(api.db.dataSource, ERASED_NEEDLES);
    const tablesOf = (hits: readonly TableHit[]) => [...new Set(hits.map((h) => h.table))];
    // The seed reached the copies this proof is about.
    expect(tablesOf(before[ERASED.name]!)).toEqual(
      expect.arrayContaining(['personal_data', 'rm_cases', 'idempotency_keys']),
    );
    expect(tablesOf(before[ERASED.answer]!)).toEqual(expect.arrayContaining(['mail_messages']));
    expect(tablesOf(before[ERASED.email]!)).toEqual(expect.arrayContaining(['mail_messages']));

    // The schedule as `npm run schedules -- ensure` makes it (paused), triggered now: the same action
    // (workflow type, arguments, task queue, id) the nightly 02:30 run takes.
    await ensureGallringSchedule(client, taskQueue, { prefix: schedulePrefix, paused: true });
    const schedule = client.schedule.getHandle(gallringScheduleId(schedulePrefix));
    await schedule.trigger();
    await waitUntil(
      async () => (await schedule.describe()).info.recentActions.length > 0,
      30_000,
      'schemat har startat gallringen',
    );
    gallringWorkflowId = (await schedule.describe()).info.recentActions[0]!.action.workflow.workflowId;
    expect(gallringWorkflowId.startsWith(gallringScheduleId(schedulePrefix))).toBe(true);
    result = await client.workflow.getHandle<() => Promise<GallringResult>>(gallringWorkflowId).result();
    expect(result).toMatchObject({ erased: 1, skipped: 0 });

    // The CaseErased event reaches the read model through Kafka; every outbox row is on the topics.
    await waitUntil(
      async () =>
        (await rows(`SELECT 1 FROM rm_cases WHERE id = $1 AND state->>'erasedAt' IS NOT NULL`, [erased.id]))
          .length === 1 && (await rows(`SELECT 1 FROM outbox WHERE published_at IS NULL`)).length === 0,
      60_000,
      'läsmodellen har gallringen och utkorgen är skickad',
    );
  });

  it('Postgres: no table holds the erased case’s text; the held case keeps its text; the log lists only the erased one', async () => {
    expect(await searchEveryTableFor(api.db.dataSource, ERASED_NEEDLES)).toEqual(
      Object.fromEntries(ERASED_NEEDLES.map((n) => [n, []])),
    );
    const heldHits = await searchEveryTableFor(api.db.dataSource, [HELD.name]);
    expect(heldHits[HELD.name]!.map((h) => h.table)).toEqual(
      expect.arrayContaining(['personal_data', 'rm_cases']),
    );

    const view = await ok(call('GET', `/api/v1/cases/${erased.id}`, 'kvalitet'));
    expect(view).toMatchObject({
      caseNumber: erased.caseNumber,
      type: 'complaint',
      unitId: 'solgarden',
      stage: 'closed',
      reportedAt: erased.reportedAt,
      closedAt: erased.closedAt,
      erasedAt: expect.any(String),
      description: ERASED_MARKER,
    });
    const heldView = await ok(call('GET', `/api/v1/cases/${held.id}`, 'kvalitet'));
    expect(heldView).toMatchObject({ erasedAt: null, legalHold: { reason: 'Begärd av JO' } });
    expect(heldView.description).toContain(HELD.text);

    // Statistics keep the case; no consumer failed on the [raderad] fields.
    expect(
      await rows(`SELECT case_number, type FROM rm_statistics_cases WHERE case_id = $1`, [erased.id]),
    ).toEqual([{ case_number: erased.caseNumber, type: 'complaint' }]);
    expect(await rows(`SELECT consumer, error FROM dead_letters`)).toEqual([]);

    const log = await ok(call<{ items: LogEntry[] }>('GET', '/api/v1/retention/log', 'dataskydd'));
    expect(log.items).toEqual([
      expect.objectContaining({ caseId: erased.id, caseNumber: erased.caseNumber, erasedBy: 'gallring' }),
    ]);
  });

  it('Kafka: no message on any topic holds the erased case’s text; a consumer reads [raderad], the held case’s text still opens', async () => {
    // Every topic of the run's namespace the broker has, not only the ones the code names.
    const present = await namespaceTopics(kafka, topics.prefix);
    expect(present).toEqual(expect.arrayContaining([topics.topicFor('case')]));
    const messages = await allTopicMessages(kafka, present);
    const ofCase = (id: string) => messages.filter((m) => m.message.key?.toString() === id);
    expect(ofCase(erased.id).length).toBeGreaterThanOrEqual(6);
    for (const message of messages) {
      const text = messageText(message);
      for (const needle of [...ERASED_NEEDLES, HELD.name, HELD.text]) expect(text).not.toContain(needle);
    }
    const opened = async (list: TopicMessage[]) =>
      api.db.dataSource.transaction((manager) =>
        handleWithInbox(
          { consumerName: `search-${randomUUID()}`, handle: async () => undefined },
          list.map((m) => JSON.parse(m.message.value!.toString('utf8')) as WireEvent),
          manager,
        ),
      );
    const erasedEvents = await opened(ofCase(erased.id));
    const erasedText = JSON.stringify(erasedEvents);
    for (const needle of ERASED_NEEDLES) expect(erasedText).not.toContain(needle);
    expect(erasedEvents.find((e) => e.type === 'CaseReported')!.data).toMatchObject({
      description: ERASED_MARKER,
      onBehalfOf: ERASED_MARKER,
      contact: ERASED_MARKER,
      reporter: { name: ERASED_MARKER },
      unitId: 'solgarden',
    });
    expect(erasedEvents.map((e) => e.type)).toContain('CaseErased');
    const heldEvents = await opened(ofCase(held.id));
    expect(JSON.stringify(heldEvents)).toContain(HELD.text);
  });

  it('Temporal: neither case workflow nor the gallring run holds the erased case’s text, raw or decoded', async () => {
    const codec = new AesGcmPayloadCodec(temporalPayloadKeyring());
    const ids = [caseWorkflowId(erased.id), caseWorkflowId(held.id), gallringWorkflowId];
    for (const workflowId of ids) {
      const history = await rawClient.workflow.getHandle(workflowId).fetchHistory();
      expect(history.events!.length).toBeGreaterThan(3);
      const readable = readableHistoryText(historyToJson(history));
      // Even opened with the payload key: the workflows never carried names or free text.
      const decoded = (await codec.decode(payloadsOf(history)))
        .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
        .join('\n');
      for (const needle of [...ERASED_NEEDLES, HELD.name, HELD.text]) {
        expect(readable).not.toContain(needle);
        expect(decoded).not.toContain(needle);
      }
    }
    // The control: the gallring run's decoded result names the erased case by number only.
    const run = await rawClient.workflow.getHandle(gallringWorkflowId).fetchHistory();
    const decodedRun = (await codec.decode(payloadsOf(run)))
      .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
      .join('\n');
    expect(decodedRun).toContain(erased.caseNumber);
    expect(readableHistoryText(historyToJson(run))).not.toContain(erased.caseNumber);
  });
});
