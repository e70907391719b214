import { randomUUID } from 'node:crypto';
import {
  DEFAULT_DEADLINE_POLICY,
  TRAINING_AGGREGATE,
  dutyTimingsFromPolicy,
  usernamesOf,
} from '@kvalitet/domain';
import { Mailer } from '@kvalitet/notifications';
import { EventStore, LsCommandService } from '@kvalitet/persistence';
import { organisation } from '@kvalitet/runtime';
import { createWorkTaskNotificationsConsumer } from '../../apps/projector/src/notifications/work-task-notifications.consumer';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const KVALITET = { username: 'kvalitet', roles: ['quality_coordinator'] };
const SYSTEM = { username: 'system', roles: ['system'] };
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

interface BellRow {
  username: string;
  kind: string;
  title: string;
  body: string;
  details: { path?: string; taskKind?: string };
}

/**
 * Issue 21, "Notifications": a register's duty task (here DL-29, informing a new employee about lex
 * Sarah) reaches the bell and mail of the role holders when the process manager opens it, and its
 * escalation (DL-15) reaches the role it was escalated to — once each, however often the consumer
 * handles the events, linking the training page and never naming the employee.
 */
describe('notifications of register tasks and their escalations (real Postgres)', () => {
  let db: TestDatabase;
  let mailer: Mailer;
  let records: LsCommandService<never, never, never>;
  const org = organisation();

  beforeAll(async () => {
    db = await createTestDatabase();
    mailer = new Mailer({ db: db.dataSource });
    records = new LsCommandService(TRAINING_AGGREGATE, new EventStore(db.dataSource)) as never;
  });
  afterAll(async () => {
    mailer?.close();
    await db?.drop();
  });

  const advance = (id: string, at: Date) =>
    records.execute(id, {
      type: 'advance-duties',
      actor: SYSTEM,
      at: at.toISOString(),
      timings: dutyTimingsFromPolicy(DEFAULT_DEADLINE_POLICY),
      newId: () => randomUUID(),
    } as never);

  it('tells the holders of a new duty task and of its escalation, once each', async () => {
    const id = randomUUID();
    const employee = `nyanstalld-${id.slice(0, 6)}`;
    await records.execute(id, {
      type: 'register-employee',
      actor: KVALITET,
      data: { recordId: id, username: employee, unitId: 'solgarden', hiredOn: day(-30) },
    } as never);
    await advance(id, new Date());
    await advance(id, new Date(Date.now() + 120 * DAY));

    const store = new EventStore(db.dataSource);
    const events = await store.load(id);
    const opened = events.filter((e) => e.type === 'DutyTasksOpened');
    const tasks = opened.flatMap(
      (e) =>
        (e.data as { tasks: { level: number; assignee: string | null; assigneeRole: string | null }[] })
          .tasks,
    );
    const duty = tasks.find((task) => task.level === 0);
    // Long past the due date: an escalation for each step of the chain that has lapsed.
    const escalationTasks = tasks.filter((task) => task.level > 0);
    expect(duty).toBeDefined();
    expect(escalationTasks.length).toBeGreaterThan(0);

    const consumer = createWorkTaskNotificationsConsumer({
      organisation: org,
      webUrl: 'https://kvalitet.example.se',
      mailer,
    });
    expect(consumer.topics).toContain('kvalitet.training.events.v1');
    for (let i = 0; i < 2; i++)
      await db.dataSource.transaction((manager) => consumer.handleBatch(events, manager));

    const rows: BellRow[] = await db.dataSource.query(
      `SELECT username, kind, title, body, details FROM user_notifications WHERE key LIKE ANY($1::text[]) ORDER BY key, username`,
      [opened.map((e) => `notice/${e.id}/%`)],
    );
    const holders = usernamesOf(
      org,
      duty!.assignee ? [{ username: duty!.assignee }] : [{ role: duty!.assigneeRole!, unitId: 'solgarden' }],
    );
    const escalatedTo = escalationTasks
      .flatMap((task) => usernamesOf(org, [{ role: task.assigneeRole!, unitId: 'solgarden' }]))
      .sort();
    expect(holders.length).toBeGreaterThan(0);
    expect(escalatedTo.length).toBeGreaterThan(0);

    const news = rows.filter((r) => r.kind === 'new_task');
    expect(news.map((r) => r.username).sort()).toEqual(holders);
    expect(news[0]).toMatchObject({
      title: 'Informera om lex Sarah',
      details: { path: `/ledningssystem/utbildning?person=${id}`, taskKind: 'lex_sarah_information' },
    });
    const escalations = rows.filter((r) => r.kind === 'escalation');
    expect(escalations.map((r) => r.username).sort()).toEqual(escalatedTo);
    expect(escalations[0]).toMatchObject({
      title: 'Eskalerat till dig: informera om lex Sarah',
      details: { path: `/ledningssystem/utbildning?person=${id}` },
    });
    expect(rows).toHaveLength(holders.length + escalatedTo.length);

    const someone = holders[0]!;
    const mail = (await mailer.list({ to: someone, pageSize: 200 })).items as unknown as {
      subject: string;
      text: string;
    }[];
    const sent = mail.filter((m) => m.text.includes(`utbildning?person=${id}`));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`https://kvalitet.example.se/ledningssystem/utbildning?person=${id}`);
    expect(JSON.stringify([rows, sent])).not.toContain(employee);
  });
});
