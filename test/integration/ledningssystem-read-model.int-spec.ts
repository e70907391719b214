import { DEFAULT_DEADLINE_POLICY } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { EventStore, seedLedningssystemDemo } from '@kvalitet/persistence';
import { createLedningssystemActivities } from '../../apps/worker/src/activities/ledningssystem-activities';
import { staticPolicySource } from '../../apps/worker/src/activities/policy-source';
import { createLedningssystemReadModelProjection } from '../../apps/projector/src/projections/ledningssystem-read-model.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

async function snapshot(db: TestDatabase) {
  const items = await db.dataSource.query(
    `SELECT id, aggregate_type, unit_id, label, status, version, state FROM rm_ledningssystem ORDER BY id`,
  );
  const tasks = await db.dataSource.query(
    `SELECT id, case_id, case_number, case_type, kind, assignee, assignee_role, unit_id, due_at, deadline_id, status, completed_at IS NULL AS open FROM rm_tasks ORDER BY id`,
  );
  return { items, tasks };
}

/** ADR 0008: the register read model from live batches (with redelivery) equals its rebuild from the event store; the demo data seeds. */
describe('ledningssystem read model (real Postgres)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('seeds the demo registers, whose duties become tasks, and projects them the same live and rebuilt', async () => {
    const store = new EventStore(db.dataSource);
    expect(await seedLedningssystemDemo(db.dataSource, store)).toBe(true);
    expect(await seedLedningssystemDemo(db.dataSource, store)).toBe(false);

    const activities = createLedningssystemActivities({
      store,
      policy: staticPolicySource(DEFAULT_DEADLINE_POLICY),
    });
    const ids: { aggregate_type: string; aggregate_id: string }[] = await db.dataSource.query(
      `SELECT DISTINCT aggregate_type, aggregate_id FROM events`,
    );
    let opened = 0;
    for (const subject of ids)
      opened += (
        await activities.advanceLedningssystemDuties({
          subject: { aggregateType: subject.aggregate_type, aggregateId: subject.aggregate_id },
          at: new Date().toISOString(),
        })
      ).opened;
    expect(opened).toBeGreaterThanOrEqual(4); // the overdue review, the lapsed routine, the due information, the plan's missing checks …

    const events: EventEnvelope[] = [];
    for await (const page of store.readAllPages()) events.push(...page);
    const projection = createLedningssystemReadModelProjection();
    // Live: batches of 7, the middle of the stream delivered twice.
    for (let i = 0; i < events.length; i += 7)
      await db.dataSource.transaction((m) => projection.handleBatch!(events.slice(i, i + 7), m));
    await db.dataSource.transaction((m) => projection.handleBatch!(events.slice(10, 30), m));
    const live = await snapshot(db);

    await rebuildReadModels(db.dataSource, store, [projection]);
    const rebuilt = await snapshot(db);
    expect(rebuilt).toEqual(live);

    const types = live.items.map((i: { aggregate_type: string }) => i.aggregate_type);
    expect(new Set(types)).toEqual(
      new Set(['ledningssystem', 'routine', 'appointment', 'egenkontroll', 'training', 'internkontroll']),
    );
    const missing = live.tasks.filter(
      (t: { kind: string; open: boolean }) => t.kind === 'appointment_missing' && t.open,
    );
    expect(missing.map((t: { deadline_id: string }) => t.deadline_id)).toEqual(['verksamhetschef_hsl']);
    expect(
      live.tasks.some(
        (t: { kind: string; assignee: string }) =>
          t.kind === 'routine_revision' && t.assignee === 'enhetschef',
      ),
    ).toBe(true);
  });
});
