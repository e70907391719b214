import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Mailer } from '@kvalitet/notifications';
import { addDaysToLocalDate, stockholmDateOf, stockholmWallClockToInstant } from '@kvalitet/domain';
import { dailyListWorkflow } from '@kvalitet/workflows';
import { createDailyListActivities } from '../../apps/worker/src/activities/daily-list-activities';
import {
  dailyListScheduleId,
  ensureDailyListSchedule,
} from '../../apps/worker/src/activities/daily-list-schedule';
import { workflowBundleFor } from '../../apps/worker/src/workflow-bundle';
import { infraEnv } from '../support/infra-env';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';
import { syncReadModels } from './support/read-models';
import { temporalDataConverter } from '@kvalitet/runtime';

jest.setTimeout(180_000);

interface InApp {
  items: {
    key: string;
    kind: string;
    title: string;
    body: string;
    details: { items: { caseNumber: string; caseId: string }[] };
  }[];
}
interface MailPage {
  items: { key: string; to: string[]; subject: string; text: string }[];
}

/**
 * The daily list end to end (DL-16, LC-5): cases reported through the api, the workflow run by a
 * worker on the Temporal dev server, and what sas and mas then read: the in-app item
 * (`GET /notifications/in-app`) and the captured mail (`GET /notifications/mail`). Also the 07:00
 * Stockholm schedule that the report-schedules CLI makes.
 */
describe('the daily list for SAS and MAS (e2e)', () => {
  let api: TestApi;
  let connection: Connection;
  let client: Client;
  let native: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `daily-list-${randomUUID()}`;
  const prefix = `test-dl-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    api = await startApi();
    const address = infraEnv().TEMPORAL_ADDRESS;
    connection = await Connection.connect({ address });
    client = new Client({ connection, dataConverter: temporalDataConverter() });
    native = await NativeConnection.connect({ address });
    worker = await Worker.create({
      dataConverter: temporalDataConverter(),
      connection: native,
      taskQueue,
      workflowBundle: await workflowBundleFor(process.env['WORKFLOW_BUNDLE_PATH']),
      activities: createDailyListActivities({
        db: api.db.dataSource,
        mailer: new Mailer({ db: api.db.dataSource }),
        webUrl: api.baseUrl,
      }),
    });
    running = worker.run();
  });
  afterAll(async () => {
    await client?.schedule
      .getHandle(dailyListScheduleId(prefix))
      .delete()
      .catch(() => undefined);
    worker?.shutdown();
    await running?.catch(() => undefined);
    await native?.close();
    await connection?.close();
    await api?.close();
  });

  const call = async <T>(username: string, path: string) =>
    api.call<T>('GET', path, { token: await api.token(username) });

  it("tomorrow's 07:00 run lists today's new deviations: sas and mas each read theirs in-app and by mail, once", async () => {
    const staff = await api.token('medarbetare');
    const post = (body: object) =>
      api.call<{ id: string; caseNumber: string }>('POST', '/api/v1/cases', { token: staff, body });
    const deviation = await post(report('deviation', 'solgarden', 'Fritext: Kalle föll i korridoren'));
    const hsl = await post(report('hsl_deviation', 'solgarden', 'Fritext: fel dos till Stina'));
    const complaint = await post(report('complaint', 'solgarden', 'Fritext: maten var kall'));
    for (const r of [deviation, hsl, complaint]) expect(r.status).toBe(201);
    await syncReadModels(api.db.dataSource, api.store);

    const today = stockholmDateOf(new Date());
    const [year, month, day] = addDaysToLocalDate(today, 1).split('-').map(Number) as [
      number,
      number,
      number,
    ];
    const scheduledAt = stockholmWallClockToInstant({ year, month, day, hour: 7 }).toISOString();
    const execute = () =>
      client.workflow.execute(dailyListWorkflow, {
        args: [{ scheduledAt }],
        taskQueue,
        workflowId: `daily-list-${randomUUID()}`,
      });
    expect(await execute()).toEqual({
      date: today,
      lists: [
        { role: 'sas', count: 1, inApp: 1, mailed: true },
        { role: 'mas', count: 1, inApp: 1, mailed: true },
      ],
    });
    // A re-run of the same morning (a retried or repeated schedule run) sends nothing again.
    expect((await execute()).lists.map((l) => [l.inApp, l.mailed])).toEqual([
      [0, false],
      [0, false],
    ]);

    const sasInbox = await call<InApp>('sas', '/api/v1/notifications/in-app');
    expect(sasInbox.status).toBe(200);
    const sasList = sasInbox.body.items.filter((i) => i.kind === 'daily_list');
    expect(sasList).toHaveLength(1);
    expect(sasList[0]!.title).toBe(`Dagens lista ${today}: 1 ny avvikelse`);
    expect(sasList[0]!.details.items.map((i) => i.caseNumber)).toEqual([deviation.body.caseNumber]);
    expect(sasList[0]!.body).toContain(`${api.baseUrl}/arenden/${deviation.body.id}`);
    const masInbox = await call<InApp>('mas', '/api/v1/notifications/in-app');
    expect(
      masInbox.body.items.filter((i) => i.kind === 'daily_list').map((i) => i.details.items[0]!.caseNumber),
    ).toEqual([hsl.body.caseNumber]);
    // Nobody else gets a daily list.
    const director = await call<InApp>('forvaltningschef', '/api/v1/notifications/in-app');
    expect(director.body.items.filter((i) => i.kind === 'daily_list')).toEqual([]);

    const masMail = await call<MailPage>('mas', '/api/v1/notifications/mail');
    const masLists = masMail.body.items.filter((m) => m.key.startsWith('daily-list:'));
    expect(masLists.map((m) => m.subject)).toEqual([`Dagens lista ${today}: 1 ny avvikelse`]);
    expect(masLists[0]!.text).toContain(`${hsl.body.caseNumber} HSL-avvikelse, Särskilt boende Solgården`);
    const all = JSON.stringify([sasInbox.body, masInbox.body, masMail.body]);
    expect(all).not.toContain('Fritext');
    expect(all).not.toContain(complaint.body.caseNumber);
    // The mail capture stays the quality function's and one's own: sas cannot read mas's mail.
    expectProblem(await call('sas', '/api/v1/notifications/mail?to=mas'), 403, 'FORBIDDEN');
  });

  it("the schedule runs at 07:00 Stockholm every day, and a run it starts delivers yesterday's list", async () => {
    expect(await ensureDailyListSchedule(client, taskQueue, { prefix, paused: true })).toBe('created');
    expect(await ensureDailyListSchedule(client, taskQueue, { prefix, paused: true })).toBe('updated');
    const handle = client.schedule.getHandle(dailyListScheduleId(prefix));
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Europe/Stockholm');
    const next = described.info.nextActionTimes;
    expect(next.length).toBeGreaterThan(1);
    for (const at of next)
      expect(at.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm' })).toBe('07:00:00');
    expect(described.state.paused).toBe(true);

    await handle.trigger();
    const yesterday = addDaysToLocalDate(stockholmDateOf(new Date()), -1);
    const deadline = Date.now() + 60_000;
    let titles: string[] = [];
    while (Date.now() < deadline) {
      const inbox = await call<InApp>('sas', '/api/v1/notifications/in-app');
      titles = inbox.body.items
        .filter((i) => i.key.startsWith(`daily-list:${yesterday}:`))
        .map((i) => i.title);
      if (titles.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(titles).toEqual([`Dagens lista ${yesterday}: inga nya avvikelser`]);
  });
});
