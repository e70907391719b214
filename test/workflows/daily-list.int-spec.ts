import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Mailer } from '@kvalitet/notifications';
import { dailyListWorkflow } from '@kvalitet/workflows';
import { createDailyListActivities } from '../../apps/worker/src/activities/daily-list-activities';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { quietTemporalRuntime } from './support/case-workflow-harness';
import { startTimeSkippingWorker } from './support/time-skipping-worker';

quietTemporalRuntime();

interface Notification {
  key: string;
  username: string;
  kind: string;
  title: string;
  body: string;
  details: { date: string; items: { caseNumber: string }[] };
}

/**
 * The 07:00 daily list (DL-16, LC-5) on the time-skipping test server with the real activity on
 * Postgres: the previous Stockholm day's new deviations for sas and mas, in-app and by mail, once.
 */
describe('daily list for SAS and MAS (time-skipping test server, real activity on Postgres)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stopWorker: (() => Promise<void>) | undefined;
  const taskQueue = `daily-list-${randomUUID()}`;
  let seq = 0;

  async function reported(
    type: string,
    reportedAt: string,
    extra: { category?: string; stage?: string } = {},
  ) {
    seq += 1;
    const id = randomUUID();
    const caseNumber = `AV-2027-${String(seq).padStart(4, '0')}`;
    await db.dataSource.query(
      `INSERT INTO rm_cases (id, case_number, type, reported_type, unit_id, stage, channel, unclassified, category,
                             reported_at, reported_by, description, version, state)
       VALUES ($1, $2, $3, $3, 'solgarden', $4, 'staff', false, $5, $6, 'medarbetare', $7, 1, '{}'::jsonb)`,
      [
        id,
        caseNumber,
        type,
        extra.stage ?? 'reported',
        extra.category ?? null,
        reportedAt,
        'Fritext som aldrig får följa med',
      ],
    );
    return { id, caseNumber };
  }

  const run = (scheduledAt: string) =>
    env.client.workflow.execute(dailyListWorkflow, {
      args: [{ scheduledAt }],
      taskQueue,
      workflowId: `daily-list-${randomUUID()}`,
    });

  const notifications = async (date: string): Promise<Notification[]> =>
    db.dataSource.query(
      `SELECT key, username, kind, title, body, details FROM user_notifications WHERE key LIKE $1 ORDER BY key`,
      [`daily-list:${date}:%`],
    );
  const mails = async (to: string) => (await new Mailer({ db: db.dataSource }).list({ to })).items;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    ({ env, stop: stopWorker } = await startTimeSkippingWorker(
      taskQueue,
      createDailyListActivities({
        db: db.dataSource,
        mailer: new Mailer({ db: db.dataSource }),
        webUrl: 'https://kvalitet.example.se',
      }),
    ));
  });
  afterAll(async () => {
    await stopWorker?.();
    await db?.drop();
  });

  it('a day with new deviations: each role gets its own, in-app and by mail, and a re-run sends nothing twice', async () => {
    // Sunday 2027-03-28, the day summer time starts: 00:00 is 23:00Z the 27th, 24:00 is 22:00Z the 28th.
    const deviation = await reported('deviation', '2027-03-27T23:00:00Z', { category: 'fall' });
    const lexSarah = await reported('lex_sarah', '2027-03-28T21:59:59Z');
    const hsl = await reported('hsl_deviation', '2027-03-28T10:15:00Z', { stage: 'investigating' });
    await reported('hsl_deviation', '2027-03-28T22:00:00Z'); // Monday in Stockholm
    await reported('deviation', '2027-03-27T22:59:00Z'); // Saturday in Stockholm
    await reported('complaint', '2027-03-28T10:00:00Z'); // nobody's daily list

    // Monday 07:00 Stockholm (summer time: 05:00Z).
    const first = await run('2027-03-29T05:00:00Z');
    expect(first).toEqual({
      date: '2027-03-28',
      lists: [
        { role: 'sas', count: 2, inApp: 1, mailed: true },
        { role: 'mas', count: 1, inApp: 1, mailed: true },
      ],
    });
    const again = await run('2027-03-29T05:00:00Z');
    expect(again.lists.map((l) => [l.count, l.inApp, l.mailed])).toEqual([
      [2, 0, false],
      [1, 0, false],
    ]);

    const items = await notifications('2027-03-28');
    expect(items.map((n) => [n.key, n.username, n.kind])).toEqual([
      ['daily-list:2027-03-28:mas:mas', 'mas', 'daily_list'],
      ['daily-list:2027-03-28:sas:sas', 'sas', 'daily_list'],
    ]);
    const sas = items.find((n) => n.username === 'sas')!;
    expect(sas.title).toBe('Dagens lista 2027-03-28: 2 nya avvikelser');
    expect(sas.details.items.map((i) => i.caseNumber)).toEqual([deviation.caseNumber, lexSarah.caseNumber]);
    expect(sas.body).toContain(`https://kvalitet.example.se/arenden/${deviation.id}`);
    expect(sas.body).toContain('kl. 00:00, fall, rapporterad');
    expect(JSON.stringify(items)).not.toContain('Fritext');

    const masMail = await mails('mas');
    expect(masMail.map((m) => m.subject)).toEqual(['Dagens lista 2027-03-28: 1 ny avvikelse']);
    expect(masMail[0]!.text).toContain(
      `${hsl.caseNumber} HSL-avvikelse, Särskilt boende Solgården, kl. 12:15`,
    );
    expect(masMail[0]!.text).not.toContain('Fritext');
    expect((await mails('sas')).map((m) => m.subject)).toEqual(['Dagens lista 2027-03-28: 2 nya avvikelser']);
  });

  it('a day without new deviations: the in-app item says so, and no mail goes out', async () => {
    const result = await run('2027-04-06T05:00:00Z');
    expect(result).toEqual({
      date: '2027-04-05',
      lists: [
        { role: 'sas', count: 0, inApp: 1, mailed: false },
        { role: 'mas', count: 0, inApp: 1, mailed: false },
      ],
    });
    const items = await notifications('2027-04-05');
    expect(items.map((n) => n.title)).toEqual([
      'Dagens lista 2027-04-05: inga nya avvikelser',
      'Dagens lista 2027-04-05: inga nya avvikelser',
    ]);
    expect((await mails('mas')).map((m) => m.subject)).toEqual(['Dagens lista 2027-03-28: 1 ny avvikelse']);
  });
});
