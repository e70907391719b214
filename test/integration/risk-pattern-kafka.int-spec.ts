import type { Kafka } from 'kafkajs';
import type { CaseActor } from '@kvalitet/domain';
import { ConsumerRunner, OutboxRelay, createKafka, ensureTopics, parseBrokers } from '@kvalitet/messaging';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { createRiskAssessmentReadModelProjection } from '../../apps/projector/src/projections/risk-assessments/risk-assessment-read-model.projection';
import { createRiskPatternProjection } from '../../apps/projector/src/projections/risk-assessments/risk-pattern.projection';
import { UNIT_PARENTS } from '../../apps/projector/src/projections/risk-assessments/unit-parents';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';

const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };

/**
 * The live path of RA-8 on the real servers: case events → outbox → Kafka → the pattern projection
 * proposes a risk assessment → its events → outbox → Kafka → the risk assessment list and the task
 * inbox. Topics of its own, so it runs beside anything else on the broker.
 */
describe('deviation pattern through Kafka (real Postgres and Kafka)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  const topics = testTopics();

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    kafka = createKafka({
      brokers: parseBrokers(infraEnv().KAFKA_BROKERS),
      clientId: 'risk-pattern-test',
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

  it('three classified falls in Solgården end as a proposed risk assessment in the list with tasks for the unit manager and kvalitet', async () => {
    const store = new EventStore(db.dataSource, { topicFor: topics.topicFor });
    const cases = new CaseCommandService(store);
    const pattern = createRiskPatternProjection({ namespace: topics.prefix, unitParents: UNIT_PARENTS });
    const list = createRiskAssessmentReadModelProjection({ namespace: topics.prefix });
    const runners = [pattern, list].map(
      (projection) =>
        new ConsumerRunner(kafka, db.dataSource, {
          consumerName: `${topics.prefix}-${projection.name}`,
          topics: projection.topics,
          handleBatch: projection.handleBatch!,
        }),
    );
    const relay = new OutboxRelay(kafka, db.dataSource);
    await Promise.all(runners.map((runner) => runner.start()));
    await relay.start();
    try {
      for (const daysAgo of [1, 10, 30]) {
        const reported = await cases.report(
          {
            type: 'deviation',
            unitId: 'solgarden',
            occurredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
            channel: 'staff_form',
            description: 'Fall',
          },
          STAFF,
        );
        await cases.execute(reported.state.id, {
          type: 'classify',
          actor: MANAGER,
          data: { category: 'fall' },
        });
      }
      const deadline = Date.now() + 90_000;
      let rows: { id: string; stage: string; pattern_key: string }[] = [];
      let tasks: { assignee_role: string }[] = [];
      for (;;) {
        rows = await db.dataSource.query(`SELECT id, stage, pattern_key FROM rm_risk_assessments`);
        tasks = rows[0]
          ? await db.dataSource.query(
              `SELECT assignee_role FROM rm_tasks WHERE case_id = $1 ORDER BY assignee_role`,
              [rows[0].id],
            )
          : [];
        if (rows.length > 0 && tasks.length === 2) break;
        if (Date.now() > deadline)
          throw new Error(`inget förslag kom fram: ${JSON.stringify({ rows, tasks })}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(rows).toEqual([
        { id: rows[0]!.id, stage: 'proposed', pattern_key: 'unit:solgarden:deviation|fall' },
      ]);
      expect(tasks.map((t) => t.assignee_role)).toEqual(['quality_coordinator', 'unit_manager']);
    } finally {
      await relay.stop();
      await Promise.all(runners.map((runner) => runner.stop()));
    }
  });
});
