import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CaseCommandService, EventStore, RetentionRulesRepository } from '@kvalitet/persistence';
import { DEFAULT_RETENTION_RULES, type CaseActor } from '@kvalitet/domain';
import { gallringWorkflow } from '@kvalitet/workflows';
import { createGallringActivities } from '../../apps/worker/src/activities/gallring-activities';
import { gallringScheduleOptions } from '../../apps/worker/src/activities/gallring-schedule';
import { syncReadModels } from '../e2e/support/read-models';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { quietTemporalRuntime } from './support/case-workflow-harness';
import { startTimeSkippingWorker } from './support/time-skipping-worker';

quietTemporalRuntime();
jest.setTimeout(120_000);

const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const KVALITET: CaseActor = { username: 'kvalitet', roles: ['quality_coordinator'] };
const NAME = 'Sven Gallringsson';

/**
 * The nightly gallring (DATA-2, DATA-7; ADR 0027) on the time-skipping test server with the real
 * activity on Postgres: due cases erased a batch per activity, a held and a recent one left, and a
 * second run erasing nothing twice. The workflow's history holds case numbers only.
 */
describe('gallring workflow (time-skipping test server, real activity on Postgres)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let store: EventStore;
  let cases: CaseCommandService;
  let stopWorker: (() => Promise<void>) | undefined;
  const taskQueue = `gallring-${randomUUID()}`;

  async function closedPraise(reportedAt: string): Promise<string> {
    const { state } = await cases.report(
      {
        type: 'praise',
        unitId: 'solgarden',
        channel: 'staff_form',
        description: `Beröm till ${NAME}`,
        reportedAt,
        reporter: { username: 'medarbetare', name: 'Mia Medarbetare' },
      },
      STAFF,
    );
    await cases.execute(state.id, { type: 'close', actor: KVALITET, data: { summary: `Tackat ${NAME}` } });
    return state.id;
  }

  const run = (batchSize: number, workflowId = `gallring-${randomUUID()}`) =>
    env.client.workflow.execute(gallringWorkflow, { args: [{ batchSize }], taskQueue, workflowId });

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    store = new EventStore(db.dataSource);
    cases = new CaseCommandService(store);
    ({ env, stop: stopWorker } = await startTimeSkippingWorker(
      taskQueue,
      createGallringActivities({ store, db: db.dataSource }),
    ));
  });
  afterAll(async () => {
    await stopWorker?.();
    await db?.drop();
  });

  it('erases the due cases in batches, leaves the held and the recent ones, and erases nothing twice', async () => {
    await new RetentionRulesRepository(store).change(
      [
        ...DEFAULT_RETENTION_RULES.filter((r) => r.caseType !== 'praise'),
        { caseType: 'praise', keepYears: 1, from: 'reported' },
      ],
      'dataskydd',
    );
    const longAgo = new Date(Date.now() - 2 * 366 * 86_400_000).toISOString();
    const due = [await closedPraise(longAgo), await closedPraise(longAgo), await closedPraise(longAgo)];
    const held = await closedPraise(longAgo);
    await cases.execute(held, {
      type: 'place-legal-hold',
      actor: KVALITET,
      data: { reason: 'Begärd av IVO' },
    });
    const recent = await closedPraise(new Date(Date.now() - 3_600_000).toISOString());
    await syncReadModels(db.dataSource, store);

    const firstId = `gallring-${randomUUID()}`;
    const first = await run(2, firstId);
    expect(first).toMatchObject({ erased: 3, skipped: 0 });
    // 3 candidates in batches of 2: a full batch, then a short one that ends the run.
    expect(first.batches).toBe(2);

    const erasedAt = async (id: string) => (await cases.load(id)).state?.erasedAt;
    for (const id of due) expect(await erasedAt(id)).toEqual(expect.any(String));
    expect(await erasedAt(held)).toBeUndefined();
    expect(await erasedAt(recent)).toBeUndefined();
    const log: { case_id: string; erased_by: string }[] = await db.dataSource.query(
      `SELECT case_id, erased_by FROM retention_log ORDER BY case_id`,
    );
    expect(log).toEqual([...due].sort().map((id) => ({ case_id: id, erased_by: 'gallring' })));
    const personal: { data: unknown; subject_id: string }[] = await db.dataSource.query(
      `SELECT subject_id, data FROM personal_data WHERE subject_id = ANY($1::uuid[])`,
      [due],
    );
    expect(JSON.stringify(personal)).not.toContain('Gallringsson');
    const kept: { data: unknown }[] = await db.dataSource.query(
      `SELECT data FROM personal_data WHERE subject_id = $1`,
      [held],
    );
    expect(JSON.stringify(kept)).toContain('Gallringsson');

    // Until the projector has folded CaseErased the read model still offers them: the decider skips them.
    expect(await run(10)).toMatchObject({ erased: 0, skipped: 3 });
    await syncReadModels(db.dataSource, store);
    expect(await run(10)).toMatchObject({ erased: 0, skipped: 0, batches: 1 });
    const events: { n: string }[] = await db.dataSource.query(
      `SELECT count(*) AS n FROM events WHERE type = 'CaseErased'`,
    );
    expect(Number(events[0]!.n)).toBe(3);

    // The workflow's history holds numbers and ids, never a name or free text.
    const history = await env.client.workflow.getHandle(firstId).fetchHistory();
    const text = JSON.stringify(history);
    expect(text).not.toContain('Gallringsson');
    expect(text).not.toContain('Beröm');
  });

  it('the schedule runs the workflow every night at 02:30 Stockholm time, skipping overlaps', () => {
    const options = gallringScheduleOptions('kvalitet-cases', { prefix: 'test' });
    expect(options.scheduleId).toBe('test-gallring');
    expect(options.spec).toMatchObject({
      calendars: [{ hour: 2, minute: 30 }],
      timezone: 'Europe/Stockholm',
    });
    expect(options.action).toMatchObject({ workflowType: 'gallringWorkflow', taskQueue: 'kvalitet-cases' });
  });
});
