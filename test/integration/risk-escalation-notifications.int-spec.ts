import { randomUUID } from 'node:crypto';
import { PROCESS_MANAGER, usernamesOf, type CaseActor } from '@kvalitet/domain';
import { Mailer } from '@kvalitet/notifications';
import { EventStore, RiskAssessmentCommandService, RiskPolicyRepository } from '@kvalitet/persistence';
import { organisation } from '@kvalitet/runtime';
import { createWorkTaskNotificationsConsumer } from '../../apps/projector/src/notifications/work-task-notifications.consumer';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };
const DAY = 86_400_000;

interface BellRow {
  username: string;
  kind: string;
  case_number: string;
  title: string;
  details: { path?: string; taskKind?: string };
}

/**
 * Issue 21, "Notifications": a risk action that lapsed is escalated (DL-15) with a task for the next
 * role of the chain, as the workflow's activity writes it; the consumer tells that role's holders in
 * the bell and by mail — as an escalation, once, with the reference and a link to the assessment,
 * never the action's or the risk's text.
 */
describe('notifications of risk action escalations (real Postgres)', () => {
  let db: TestDatabase;
  let mailer: Mailer;
  let offsetMs = 0;
  let service: RiskAssessmentCommandService;

  beforeAll(async () => {
    db = await createTestDatabase();
    mailer = new Mailer({ db: db.dataSource });
    const store = new EventStore(db.dataSource);
    service = new RiskAssessmentCommandService(
      store,
      new RiskPolicyRepository(store),
      () => new Date(Date.now() + offsetMs),
    );
  });
  afterAll(async () => {
    mailer?.close();
    await db?.drop();
  });

  it('tells the holders of the role it was escalated to, once', async () => {
    const secret = 'Dubbelbemanning vid förflyttning av Greta';
    const { state } = await service.create(
      {
        title: 'Fall vid förflyttning nattetid',
        unitId: 'solgarden',
        trigger: 'change',
        risks: [
          { riskId: 'r1', description: 'Fall', probability: 3, severity: 4, causes: ['Ensam personal'] },
        ],
      },
      MANAGER,
    );
    const id = state.id;
    const actionId = `a-${id.slice(0, 8)}`;
    const dueAt = new Date(Date.now() + DAY).toISOString();
    await service.execute(id, {
      type: 'add-action',
      actor: MANAGER,
      data: { actionId, riskId: 'r1', title: secret, owner: 'enhetschef', dueAt, causeIndexes: [0] },
    });
    offsetMs = 2 * DAY;
    await service.execute(id, {
      type: 'record-action-missed',
      actor: PROCESS_MANAGER,
      data: { actionId, escalationLevel: 1, escalatedTo: ['division_manager'] },
    });
    await service.execute(id, {
      type: 'create-task',
      actor: PROCESS_MANAGER,
      data: {
        taskId: randomUUID(),
        kind: 'risk_escalation',
        assigneeRole: 'division_manager',
        unitId: 'solgarden',
        dueAt,
        actionId,
      },
    });

    const events = await new EventStore(db.dataSource).load(id);
    const escalation = events.find(
      (e) => e.type === 'RiskTaskCreated' && (e.data as { kind?: string }).kind === 'risk_escalation',
    );
    expect(escalation).toBeDefined();
    const reference = (events[0]!.data as { reference: string }).reference;

    const consumer = createWorkTaskNotificationsConsumer({
      organisation: organisation(),
      webUrl: 'https://kvalitet.example.se',
      mailer,
    });
    for (let i = 0; i < 2; i++)
      await db.dataSource.transaction((manager) => consumer.handleBatch(events, manager));

    const rows: BellRow[] = await db.dataSource.query(
      `SELECT username, kind, case_number, title, details FROM user_notifications WHERE key LIKE $1 ORDER BY username`,
      [`notice/${escalation!.id}/%`],
    );
    const escalatedTo = usernamesOf(organisation(), [{ role: 'division_manager', unitId: 'solgarden' }]);
    expect(escalatedTo.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.username)).toEqual(escalatedTo);
    expect(rows[0]).toMatchObject({
      kind: 'escalation',
      case_number: reference,
      title: `Eskalerat till dig: åtgärd i riskanalys ${reference}`,
      details: { path: `/riskanalyser/${id}`, taskKind: 'risk_escalation' },
    });

    const mail = (await mailer.list({ to: escalatedTo[0]!, pageSize: 200 })).items as unknown as {
      subject: string;
      text: string;
    }[];
    const sent = mail.filter((m) => m.subject.includes(reference));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`https://kvalitet.example.se/riskanalyser/${id}`);
    expect(JSON.stringify([rows, sent])).not.toContain('Greta');
  });
});
