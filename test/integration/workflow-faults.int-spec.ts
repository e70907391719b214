import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { CaseActor } from '@kvalitet/domain';
import { caseWorkflowId } from '@kvalitet/contracts';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { createCaseOrchestrator } from '../../apps/projector/src/orchestrator';
import { AppProcess, waitUntil } from '../support/app-process';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { temporalDataConverter } from '@kvalitet/runtime';

const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
const CASES = 60;

/**
 * Quality bar (architecture.md §5): kill -9 of the worker must not lose a deadline. The real worker
 * process (apps/worker/src/main.ts) runs the case workflows on the dev server; it is killed while it
 * starts the cases' action deadlines, stays down while every one of them falls due, and is started
 * again: every deadline fires exactly once, and no task or event is written twice.
 */
describe('kill -9 of the worker with open case workflows and deadlines falling due during the outage (real processes and servers)', () => {
  let db: TestDatabase;
  let worker: AppProcess;
  let connection: Connection;
  const taskQueue = `faults-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    const env = infraEnv();
    worker = new AppProcess(
      'apps/worker/src/main.ts',
      {
        DATABASE_URL: db.url,
        TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
        TEMPORAL_TASK_QUEUE: taskQueue,
        LOG_LEVEL: 'warn',
      },
      'worker',
    );
    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  });
  afterAll(async () => {
    await worker.stop();
    await connection.close();
    await db.drop();
  });

  it('every deadline fires once after the restart; nothing is written twice', async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`${what}: ${Math.round((Date.now() - t0) / 1000)} s`);
    const client = new Client({ connection, dataConverter: temporalDataConverter() });
    const cases = new CaseCommandService(new EventStore(db.dataSource));
    const orchestrator = createCaseOrchestrator({ client, taskQueue });
    const feed = async (events: Parameters<typeof orchestrator.handleBatch>[0]) =>
      orchestrator.handleBatch(events, undefined as never);

    worker.start();
    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const reported = await cases.report(
        {
          type: 'deviation',
          unitId: 'solgarden',
          occurredAt: '2026-11-20',
          description: `Avvikelse ${i}`,
          channel: 'staff_form',
        },
        STAFF,
      );
      caseIds.push(reported.state.id);
      await feed(reported.events);
    }
    await waitUntil(
      async () => (await count(`SELECT count(*) FROM events WHERE type = 'DeadlineStarted'`)) === CASES,
      90_000,
      'utredningsfristerna startar (arbetaren är igång)',
    );
    mark('worker up, investigation deadlines started');

    // Every case gets an action due 25–35 s from now; the worker dies while it is starting them.
    const dueFrom = Date.now() + 25_000;
    for (const [i, caseId] of caseIds.entries()) {
      await cases.execute(caseId, { type: 'start-investigation', actor: MANAGER, data: {} });
      const added = await cases.execute(caseId, {
        type: 'add-action',
        actor: MANAGER,
        data: {
          actionId: randomUUID(),
          title: 'Åtgärd',
          level: 'individual',
          owner: 'enhetschef',
          dueAt: new Date(dueFrom + (i % 10) * 1000).toISOString(),
        },
      });
      await feed(added.events);
      if (i === Math.floor(CASES / 3)) await worker.kill9();
    }
    const startedBeforeCrash = await count(
      `SELECT count(*) FROM events WHERE type = 'DeadlineStarted' AND data->>'kind' = 'action'`,
    );

    // Down until every action deadline has passed.
    await new Promise((r) => setTimeout(r, Math.max(0, dueFrom + 10_000 + 2_000 - Date.now())));
    mark('restarting the worker');
    const restartedAt = Date.now();
    worker.start();
    await waitUntil(
      async () => (await count(`SELECT count(*) FROM events WHERE type = 'DeadlineMissed'`)) >= CASES,
      120_000,
      'alla åtgärdsfrister har löpt ut och eskalerats',
    );
    const firedWithinMs = Date.now() - restartedAt;
    mark('all fired');
    // Let anything duplicated have a chance to show up.
    await new Promise((r) => setTimeout(r, 3000));

    const perCase: { type: string; n: string }[] = await db.dataSource.query(
      `SELECT type, count(*) AS n FROM events WHERE type IN ('DeadlineStarted', 'DeadlineMissed', 'TaskCreated') GROUP BY type ORDER BY type`,
    );
    expect(Object.fromEntries(perCase.map((r) => [r.type, Number(r.n)]))).toEqual({
      DeadlineStarted: 2 * CASES, // investigation + action
      DeadlineMissed: CASES, // each action deadline once
      TaskCreated: 3 * CASES, // acknowledge, carry_out_action, escalation
    });
    const duplicates = await count(
      `SELECT count(*) FROM (SELECT aggregate_id, data->>'taskId' FROM events WHERE type = 'TaskCreated' GROUP BY 1, 2 HAVING count(*) > 1) d`,
    );
    expect(duplicates).toBe(0);
    const wrongMisses = await count(
      `SELECT count(*) FROM events WHERE type = 'DeadlineMissed' AND (data->>'escalationLevel')::int <> 1`,
    );
    expect(wrongMisses).toBe(0);
    for (const caseId of caseIds.slice(0, 5)) {
      const description = await client.workflow.getHandle(caseWorkflowId(caseId)).describe();
      expect(description.status.name).toBe('RUNNING');
    }
    console.log(
      `worker kill -9: ${startedBeforeCrash}/${CASES} action deadlines started before the crash; all ${CASES} fired within ${firedWithinMs} ms of the restart`,
    );
    await Promise.all(
      caseIds.map((id) =>
        client.workflow
          .getHandle(caseWorkflowId(id))
          .terminate('test finished')
          .catch(() => undefined),
      ),
    );
  }, 300_000);

  async function count(sql: string): Promise<number> {
    const [row] = await db.dataSource.query(sql);
    return Number(row.count);
  }
});
