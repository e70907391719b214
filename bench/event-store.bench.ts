// Event store, delivery and rebuild benchmarks (issue 4). Each figure comes with a baseline measured
// in the same run on the same servers, and the ratio between them.
//   node -r @swc-node/register bench/event-store.bench.ts [--events 1000000] [--delivery-events 50000] [--only append|delivery|rebuild]
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventTopics } from '@kvalitet/contracts';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { createCaseReadModelProjection } from '../apps/projector/src/projections/case-read-model/case-read-model.projection';
import { rebuildReadModels } from '../apps/projector/src/rebuild/rebuild-read-models';
import { SYSTEM, STAFF } from '../test/support/case-scenarios';
import { infraEnv } from '../test/support/infra-env';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { testTopics } from '../test/support/test-topics';
import { percentile, printTable, rate } from './support/stats';

const argEvents = process.argv.indexOf('--events');
const REBUILD_EVENTS = argEvents > 0 ? Number(process.argv[argEvents + 1]) : 1_000_000;
const APPEND_SECONDS = 20;
const APPEND_ROUNDS = 10;
const WRITERS = 8;
const argDelivery = process.argv.indexOf('--delivery-events');
const DELIVERY_EVENTS = argDelivery > 0 ? Number(process.argv[argDelivery + 1]) : 50_000;
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
/** `uptime`'s 1/5/15-minute load: the machine is shared, so every figure carries the load it was measured under. */
const load = () => loadavg().map((l) => +l.toFixed(2));

async function measured<T extends object>(
  work: () => Promise<T>,
): Promise<T & { loadBefore: number[]; loadAfter: number[] }> {
  const loadBefore = load();
  const result = await work();
  return { ...result, loadBefore, loadAfter: load() };
}

async function forDuration(
  seconds: number,
  writers: number,
  once: (writer: number) => Promise<void>,
): Promise<{ count: number; ms: number; latencies: number[] }> {
  const end = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        await once(writer);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  return { count: latencies.length, ms: Date.now() - started, latencies };
}

async function benchAppend(db: TestDatabase) {
  const store = new EventStore(db.dataSource);
  await db.dataSource.query(
    `CREATE TABLE bare_events (id uuid PRIMARY KEY, aggregate_id uuid, version int, type text, data jsonb, metadata jsonb, occurred_at timestamptz)`,
  );
  const payload = {
    caseNumber: 'AV-2026-0001',
    unitId: 'solgarden',
    kind: 'follow_up',
    assigneeRole: 'unit_manager',
    taskId: randomUUID(),
  };
  const metadata = { actor: 'bench', correlationId: randomUUID() };
  const versions = Array.from({ length: WRITERS }, () => ({ id: randomUUID(), version: 0 }));
  const bareInsert = async () => {
    await db.dataSource.query(`INSERT INTO bare_events VALUES ($1, $2, 1, 'TaskCreated', $3, $4, now())`, [
      randomUUID(),
      randomUUID(),
      JSON.stringify(payload),
      JSON.stringify(metadata),
    ]);
  };
  const appendOne = async (writer: number) => {
    const aggregate = versions[writer]!;
    await store.append({
      aggregateType: 'case',
      aggregateId: aggregate.id,
      expectedVersion: aggregate.version,
      metadata,
      events: [{ type: 'TaskCreated', data: payload }],
    });
    aggregate.version++;
  };
  // Baseline and append take turns in short rounds, so a burst of load from other processes on the
  // shared machine falls on both alike instead of on whichever happened to run then.
  log(
    `bar INSERT och append med utkorg växelvis, ${APPEND_ROUNDS} × ${APPEND_SECONDS / APPEND_ROUNDS} s var med ${WRITERS} skrivare…`,
  );
  const bare = { count: 0, ms: 0, latencies: [] as number[] };
  const append = { count: 0, ms: 0, latencies: [] as number[] };
  for (let round = 0; round < APPEND_ROUNDS; round++) {
    for (const [sum, once] of [
      [bare, bareInsert],
      [append, appendOne],
    ] as const) {
      const result = await forDuration(APPEND_SECONDS / APPEND_ROUNDS, WRITERS, once);
      sum.count += result.count;
      sum.ms += result.ms;
      sum.latencies.push(...result.latencies);
    }
  }
  return {
    bareInsertsPerSecond: rate(bare.count, bare.ms),
    appendsPerSecond: rate(append.count, append.ms),
    ratio: +(rate(append.count, append.ms) / rate(bare.count, bare.ms)).toFixed(2),
    appendP50ms: +percentile(append.latencies, 50).toFixed(2),
    appendP99ms: +percentile(append.latencies, 99).toFixed(2),
    bareP99ms: +percentile(bare.latencies, 99).toFixed(2),
  };
}

/** Real case events: one report and 19 task events per case, written through the domain service once, then cloned in SQL. */
async function seedCaseEvents(
  db: TestDatabase,
  totalEvents: number,
  withOutbox: boolean,
  topic: string,
): Promise<number> {
  const cases = new CaseCommandService(new EventStore(db.dataSource));
  const { state } = await cases.report(
    {
      type: 'deviation',
      unitId: 'solgarden',
      occurredAt: '2026-11-20',
      description: 'Mall för benchmark',
      channel: 'staff_form',
    },
    STAFF,
  );
  for (let i = 1; i < 20; i++)
    await cases.execute(state.id, {
      type: 'create-task',
      actor: SYSTEM,
      data: { taskId: randomUUID(), kind: 'follow_up', assigneeRole: 'unit_manager' },
    });
  const templateId = state.id;
  const copies = Math.ceil(totalEvents / 20) - 1;
  log(`klonar ${copies} ärenden à 20 händelser i SQL…`);
  await db.dataSource.query(
    `
    INSERT INTO events (id, aggregate_type, aggregate_id, version, type, schema_version, data, metadata, occurred_at)
    SELECT gen_random_uuid(), 'case', c.case_id, e.version, e.type, e.schema_version,
           CASE WHEN e.type = 'CaseReported'
                THEN e.data || jsonb_build_object('caseId', c.case_id, 'caseNumber', 'AV-2026-' || lpad((c.n + 1)::text, 7, '0'), 'description', 'Klon ' || c.n)
                ELSE jsonb_set(e.data, '{taskId}', to_jsonb(md5(c.case_id::text || e.version)::uuid)) END,
           e.metadata, e.occurred_at
      FROM (SELECT n, gen_random_uuid() AS case_id FROM generate_series(1, $2::int) AS n) c
      CROSS JOIN (SELECT * FROM events WHERE aggregate_id = $1) e
     ORDER BY c.n, e.version`,
    [templateId, copies],
  );
  await db.dataSource.query(`DELETE FROM outbox`);
  if (withOutbox) {
    await db.dataSource.query(
      `
      INSERT INTO outbox (event_id, topic, message_key, partition_no)
      SELECT e.id, $1, e.aggregate_id::text, abs(hashtext(e.aggregate_id::text)) % 16
        FROM events e ORDER BY e.position`,
      [topic],
    );
  }
  await db.dataSource.query('ANALYZE');
  const [row] = await db.dataSource.query(`SELECT count(*) AS n FROM events`);
  return Number(row.n);
}

async function benchDelivery() {
  const db = await createTestDatabase({ poolSize: 20 });
  const topics = testTopics();
  const kafka = createKafka({
    brokers: parseBrokers(infraEnv().KAFKA_BROKERS),
    clientId: 'bench',
    log: () => undefined,
  });
  await ensureTopics(kafka, [...topics.all, `${topics.prefix}.baseline`]);
  try {
    const events = await seedCaseEvents(db, DELIVERY_EVENTS, true, topics.topicFor('case'));
    // Baseline: the same payloads produced and consumed with bare kafkajs, no database.
    const payloads: { key: string; value: string }[] = (await db.dataSource.query(`
      SELECT e.aggregate_id::text AS key,
             jsonb_build_object('id', e.id, 'position', e.position::text, 'aggregateType', e.aggregate_type, 'aggregateId', e.aggregate_id,
               'version', e.version, 'type', e.type, 'schemaVersion', e.schema_version, 'data', e.data || coalesce(p.data, '{}'::jsonb),
               'metadata', e.metadata, 'occurredAt', e.occurred_at, 'recordedAt', e.recorded_at)::text AS value
        FROM outbox o JOIN events e ON e.id = o.event_id LEFT JOIN personal_data p ON p.event_id = e.id ORDER BY o.id`)) as {
      key: string;
      value: string;
    }[];
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const baselineStarted = Date.now();
    let consumedBaseline = 0;
    const baselineConsumer = kafka.consumer({ groupId: `${topics.prefix}-baseline` });
    await baselineConsumer.connect();
    await baselineConsumer.subscribe({ topic: `${topics.prefix}.baseline`, fromBeginning: true });
    const baselineDone = new Promise<void>((done) => {
      void baselineConsumer.run({
        eachBatch: async ({ batch }) => {
          consumedBaseline += batch.messages.length;
          if (consumedBaseline >= payloads.length) done();
        },
      });
    });
    for (let i = 0; i < payloads.length; i += 1000)
      await producer.send({
        topic: `${topics.prefix}.baseline`,
        acks: -1,
        messages: payloads.slice(i, i + 1000),
      });
    await baselineDone;
    const baselineMs = Date.now() - baselineStarted;
    await baselineConsumer.disconnect();
    await producer.disconnect();

    log(`utkorg → Kafka → läsmodell för ${events} händelser…`);
    const projection = createCaseReadModelProjection({ topic: topics.topicFor('case') });
    const lags: number[] = [];
    const runner = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: `${topics.prefix}-rm`,
      topics: projection.topics,
      handleBatch: projection.handleBatch!,
      ...(projection.partitionsConsumedConcurrently
        ? { partitionsConsumedConcurrently: projection.partitionsConsumedConcurrently }
        : {}),
    });
    const relay = new OutboxRelay(kafka, db.dataSource);
    const started = Date.now();
    await runner.start();
    await relay.start();
    for (;;) {
      const [row] = await db.dataSource.query(`SELECT coalesce(sum(version), 0) AS n FROM rm_cases`);
      if (Number(row.n) >= events) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const drainMs = Date.now() - started;

    log('fördröjning vid jämn last (300 händelser/s i 10 s)…');
    const steady = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: `${topics.prefix}-lag`,
      topics: [topics.topicFor('risk')],
      fromBeginning: false,
      handle: async (event) => {
        lags.push(Date.now() - Date.parse(event.recordedAt));
      },
    });
    await steady.start();
    await new Promise((r) => setTimeout(r, 3000));
    const store = new EventStore(db.dataSource, { topicFor: topics.topicFor });
    const end = Date.now() + 10000;
    while (Date.now() < end) {
      const tick = Date.now();
      await Promise.all(
        Array.from({ length: 30 }, () =>
          store.append({
            aggregateType: 'risk',
            aggregateId: randomUUID(),
            expectedVersion: 0,
            metadata: { actor: 'bench', correlationId: 'lag' },
            events: [{ type: 'Probe', data: {} }],
          }),
        ),
      );
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tick))));
    }
    await new Promise((r) => setTimeout(r, 3000));
    await steady.stop();
    await relay.stop();
    await runner.stop();
    return {
      events,
      endToEndEventsPerSecond: rate(events, drainMs),
      bareKafkaEventsPerSecond: rate(payloads.length, baselineMs),
      ratio: +(rate(events, drainMs) / rate(payloads.length, baselineMs)).toFixed(2),
      lagSamples: lags.length,
      lagP50ms: percentile(lags, 50),
      lagP99ms: percentile(lags, 99),
    };
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [...topics.all, `${topics.prefix}.baseline`] }).catch(() => undefined);
    await admin.disconnect();
    await db.drop();
  }
}

async function benchRebuild() {
  const db = await createTestDatabase({ poolSize: 5 });
  try {
    const events = await seedCaseEvents(db, REBUILD_EVENTS, false, eventTopics()[0]!);
    log(`baslinje: läsa ${events} händelser ur händelselagret…`);
    const store = new EventStore(db.dataSource);
    const scanStarted = Date.now();
    let scanned = 0;
    for await (const page of store.readAllPages({ pageSize: 10000 })) scanned += page.length;
    const scanMs = Date.now() - scanStarted;
    // The read the rebuild itself does (one cursor, ADR 0012), as a second baseline.
    const cursorStarted = Date.now();
    let cursorScanned = 0;
    await db.dataSource.transaction(async (manager) => {
      for await (const page of store.scanAll(manager, { aggregateTypes: ['case'] }))
        cursorScanned += page.length;
    });
    const cursorMs = Date.now() - cursorStarted;
    log(`återuppbyggnad av läsmodellen från ${events} händelser…`);
    const [report] = await rebuildReadModels(db.dataSource, store, [createCaseReadModelProjection()], log);
    return {
      events,
      rebuildEventsPerSecond: Math.round(report!.events / report!.seconds),
      readOnlyEventsPerSecond: rate(scanned, scanMs),
      ratio: +(report!.events / report!.seconds / rate(scanned, scanMs)).toFixed(2),
      cursorScanEventsPerSecond: rate(cursorScanned, cursorMs),
      rebuildSeconds: report!.seconds,
      cases: report!.aggregates,
    };
  } finally {
    await db.drop();
  }
}

const argOnly = process.argv.indexOf('--only');
const ONLY = argOnly > 0 ? process.argv[argOnly + 1] : undefined;

function withoutLoad(figures: unknown): Record<string, number> {
  const { loadBefore, loadAfter, ...rest } = figures as Record<string, number> & {
    loadBefore: number[];
    loadAfter: number[];
  };
  log(`last (1/5/15 min) före ${loadBefore.join(' ')}, efter ${loadAfter.join(' ')}`);
  return rest;
}

async function main(): Promise<void> {
  const file = resolve(__dirname, 'results/event-store.json');
  // `--only x` replaces that section and keeps the others, each with the time it was measured.
  const results: Record<string, unknown> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  const at = () => ({ at: new Date().toISOString() });
  if (!ONLY || ONLY === 'append') {
    const appendDb = await createTestDatabase({ poolSize: WRITERS + 2 });
    const append = await measured(() => benchAppend(appendDb)).finally(() => appendDb.drop());
    printTable('Append (1 händelse/transaktion, utkorg i samma transaktion) mot bar INSERT', [
      withoutLoad(append),
    ]);
    results['append'] = { ...at(), ...append };
  }
  if (!ONLY || ONLY === 'delivery') {
    const delivery = await measured(benchDelivery);
    printTable('Utkorg → Kafka → läsmodell mot bar kafkajs produce+consume', [withoutLoad(delivery)]);
    results['delivery'] = { ...at(), ...delivery };
  }
  if (!ONLY || ONLY === 'rebuild') {
    const rebuild = await measured(benchRebuild);
    printTable('Återuppbyggnad av läsmodell mot ren läsning av händelselagret', [withoutLoad(rebuild)]);
    results['rebuild'] = { ...at(), ...rebuild };
  }
  delete results['at'];
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`resultat: ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
