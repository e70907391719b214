import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { PROJECTOR_STARTED } from '../../apps/projector/src/projector-started';
import { AppProcess, waitUntil } from '../support/app-process';
import { MANAGER, STAFF } from '../support/case-scenarios';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testTopics } from '../support/test-topics';

const BACKLOG = 5000;
const SAMPLES = 15;
const SAS = { username: 'sas', roles: ['lex_sarah_investigator'] };
const DIRECTOR = { username: 'forvaltningschef', roles: ['director'] };

/**
 * Issue 22 / ADR 0021: what a command implies is in the inbox and on the case whatever Temporal's
 * lag. Here Temporal never runs these cases at all (no orchestrator, no worker) — an unbounded
 * backlog — while 5,000 reports wait for their workflows; the relay and the read-model projection
 * are the real projector process over Kafka.
 */
describe('a command records its tasks and deadlines itself (real relay, Kafka and projector; no workflows)', () => {
  let db: TestDatabase;
  let projector: AppProcess;
  let cases: CaseCommandService;
  const topics = testTopics();

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 12 });
    cases = new CaseCommandService(new EventStore(db.dataSource, { topicFor: topics.topicFor }));
    projector = new AppProcess(
      'apps/projector/src/main.ts',
      {
        ...(infraEnv() as unknown as Record<string, string>),
        DATABASE_URL: db.url,
        KAFKA_NAMESPACE: topics.prefix,
        ORCHESTRATOR_ENABLED: 'false',
        LOG_LEVEL: 'info',
      },
      'projector',
    );
    projector.watchFor(PROJECTOR_STARTED);
    projector.start();
    await projector.waitForOutput(PROJECTOR_STARTED, 120_000);
  });
  afterAll(async () => {
    await projector.stop();
    await db.drop();
  });

  const inboxHas = async (caseId: string, kind: string, assignee: string): Promise<boolean> => {
    const rows: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM rm_tasks WHERE case_id = $1 AND kind = $2 AND assignee = $3 AND status = 'open'`,
      [caseId, kind, assignee],
    );
    return rows.length > 0;
  };

  /** Milliseconds until the read model shows the task (polled every 10 ms), or Infinity after 10 s. */
  const msUntilInInbox = async (caseId: string, kind: string, assignee: string): Promise<number> => {
    const since = Date.now();
    while (Date.now() - since < 10_000) {
      if (await inboxHas(caseId, kind, assignee)) return Date.now() - since;
      await new Promise((r) => setTimeout(r, 10));
    }
    return Infinity;
  };

  it(`with ${BACKLOG} reports waiting for workflows that never run, assign is in the inbox within 1 s and a serious decision has its IVO deadline at once`, async () => {
    let next = 0;
    const writer = async () => {
      while (next < BACKLOG) {
        const index = next++;
        await cases.report(
          {
            type: index % 3 === 0 ? 'complaint' : 'deviation',
            unitId: index % 2 ? 'solgarden' : 'ekbacken',
            occurredAt: '2026-12-06',
            description: `Kö ${index}`,
            channel: 'staff_form',
          },
          STAFF,
        );
      }
    };
    await Promise.all(Array.from({ length: 10 }, writer));
    await waitUntil(
      async () => Number((await db.dataSource.query(`SELECT count(*) AS n FROM rm_cases`))[0].n) >= BACKLOG,
      240_000,
      'att läsmodellen har alla rapporter',
    );

    const assignMs: number[] = [];
    const ivoTaskMs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const { state: reported } = await cases.report(
        {
          type: 'lex_sarah',
          unitId: 'solgarden',
          occurredAt: '2026-12-06',
          description: `Mätning ${i}`,
          channel: 'staff_form',
        },
        STAFF,
      );
      // The report itself brought its deadlines and the acknowledge tasks (DL-3, DL-4).
      expect(Object.values(reported.deadlines).map((d) => d.kind)).toEqual([
        'lex_sarah_first_response',
        'lex_sarah_investigation',
      ]);
      const caseId = reported.id;
      await cases.execute(caseId, { type: 'assign', actor: MANAGER, data: { assignee: 'sas' } });
      assignMs.push(await msUntilInInbox(caseId, 'investigate', 'sas'));

      await cases.execute(caseId, { type: 'start-investigation', actor: SAS, data: {} });
      await cases.execute(caseId, {
        type: 'record-investigation',
        actor: SAS,
        data: { summary: 'Brister i tillsynen.', causes: ['bemanning'] },
      });
      const decided = await cases.execute(caseId, {
        type: 'decide',
        actor: DIRECTOR,
        data: { outcome: 'allvarligt_missforhallande', rationale: 'Allvarligt.' },
      });
      // At once: the IVO deadline is on the case in the command's own result (DL-5).
      const ivo = Object.values(decided.state.deadlines).find((d) => d.kind === 'ivo_report');
      expect(ivo).toMatchObject({ status: 'open' });
      expect(decided.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['CaseDecided', 'DeadlineStarted', 'TaskCreated']),
      );
      ivoTaskMs.push(await msUntilInInbox(caseId, 'report_to_ivo', 'forvaltningschef'));
    }
    // No workflow ever ran: every deadline and task was written by a person's command.
    const [systemWritten] = await db.dataSource.query(
      `SELECT count(*) AS n FROM events WHERE type IN ('DeadlineStarted', 'TaskCreated') AND metadata->>'actor' = 'system'`,
    );
    expect(Number(systemWritten.n)).toBe(0);
    process.stderr.write(
      `command → inbox with ${BACKLOG} reports waiting: assign max ${Math.max(...assignMs)} ms, ` +
        `report_to_ivo max ${Math.max(...ivoTaskMs)} ms (${SAMPLES} samples each)\n`,
    );
    expect(Math.max(...assignMs)).toBeLessThan(1000);
    expect(Math.max(...ivoTaskMs)).toBeLessThan(1000);
  }, 600_000);
});
