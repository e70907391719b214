import type { Kafka } from 'kafkajs';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { createCaseReadModelProjection } from '../../apps/projector/src/projections/case-read-model/case-read-model.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { DEVIATION_SCENARIO_STEPS, runDeviationScenario } from '../support/case-scenarios';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';

async function snapshot(db: TestDatabase) {
  const cases = await db.dataSource.query(
    `SELECT id, case_number, type, unit_id, stage, reported_by, assignee, description, next_due_at, missed_deadlines, version, closed_at, state FROM rm_cases ORDER BY id`,
  );
  const tasks = await db.dataSource.query(`SELECT * FROM rm_tasks ORDER BY id`);
  const counters = await db.dataSource.query(`SELECT * FROM rm_case_counters ORDER BY unit_id, type, month`);
  return { cases, tasks, counters };
}

describe('case read models (real Postgres and Kafka)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  const topics = testTopics();

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    kafka = createKafka({
      brokers: parseBrokers(infraEnv().KAFKA_BROKERS),
      clientId: 'read-model-test',
      log: () => undefined,
    });
    await ensureTopics(kafka, topics.all);
  });
  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topics.all }).catch(() => undefined);
    await admin.disconnect();
    await db.drop();
  });

  it('projects cases, tasks and counters from Kafka, and a rebuild from the event store gives the same rows', async () => {
    const store = new EventStore(db.dataSource, { topicFor: topics.topicFor });
    const cases = new CaseCommandService(store);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(await runDeviationScenario(cases, i, i % (DEVIATION_SCENARIO_STEPS + 1)));
    const expectedEvents: { count: string }[] = await db.dataSource.query(
      `SELECT count(*) FROM events WHERE aggregate_type = 'case'`,
    );

    const projection = createCaseReadModelProjection({ topic: topics.topicFor('case') });
    const runner = new ConsumerRunner(kafka, db.dataSource, {
      consumerName: `rm-${topics.prefix}`,
      topics: projection.topics,
      handleBatch: projection.handleBatch!,
    });
    const relay = new OutboxRelay(kafka, db.dataSource);
    await runner.start();
    await relay.start();
    const deadline = Date.now() + 60000;
    for (;;) {
      const [row] = await db.dataSource.query(`SELECT coalesce(sum(version), 0) AS versions FROM rm_cases`);
      if (Number(row.versions) === Number(expectedEvents[0]!.count)) break;
      if (Date.now() > deadline)
        throw new Error(`läsmodellen kom inte ikapp: ${row.versions} av ${expectedEvents[0]!.count}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await relay.stop();
    await runner.stop();
    const incremental = await snapshot(db);

    expect(incremental.cases).toHaveLength(30);
    const closed = incremental.cases.filter((c: { stage: string }) => c.stage === 'closed');
    expect(closed.length).toBeGreaterThan(0);
    expect(incremental.tasks.length).toBeGreaterThan(0);
    const reportedTotal = incremental.counters.reduce(
      (sum: number, c: { reported: number }) => sum + c.reported,
      0,
    );
    expect(reportedTotal).toBe(30);
    expect(incremental.counters.reduce((sum: number, c: { closed: number }) => sum + c.closed, 0)).toBe(
      closed.length,
    );

    // The task inbox is shared with other registers: a rebuild of the cases leaves their rows alone.
    const routineTask = {
      id: '00000000-0000-4000-8000-000000000001',
      case_id: '00000000-0000-4000-8000-000000000002',
      case_number: 'RT-2026-0001',
      case_type: 'routine',
    };
    await db.dataSource.query(
      `INSERT INTO rm_tasks (id, case_id, case_number, case_type, kind, unit_id, status, created_at) VALUES ($1, $2, $3, $4, 'revise', 'solgarden', 'open', now())`,
      [routineTask.id, routineTask.case_id, routineTask.case_number, routineTask.case_type],
    );
    const reports = await rebuildReadModels(db.dataSource, store, [projection]);
    expect(reports[0]!.events).toBe(Number(expectedEvents[0]!.count));
    const [kept] = await db.dataSource.query(
      `SELECT id, case_id, case_number, case_type FROM rm_tasks WHERE case_type = 'routine'`,
    );
    expect(kept).toEqual(routineTask);
    await db.dataSource.query(`DELETE FROM rm_tasks WHERE case_type = 'routine'`);
    expect(await snapshot(db)).toEqual(incremental);
  });
});
