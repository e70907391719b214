import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Mailer } from '@kvalitet/notifications';
import { dailyListWorkflow } from '@kvalitet/workflows';
import { createDailyListActivities } from '../../apps/worker/src/activities/daily-list-activities';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { quietTemporalRuntime } from './support/case-workflow-harness';
import { startTimeSkippingWorker } from './support/time-skipping-worker';

quietTemporalRuntime();

/**
 * The daily summary of notifications (issue 21) rides on the 07:00 daily list run: a person who
 * chose `daily_summary` gets one mail with the previous Stockholm day's bell items, once, however
 * often the run is repeated; a person who chose `immediately` or `off` gets none.
 */
describe('daily summary of notifications (time-skipping test server, real activity on Postgres)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stopWorker: (() => Promise<void>) | undefined;
  const taskQueue = `notification-summary-${randomUUID()}`;

  const notify = (username: string, key: string, title: string, at: string) =>
    db.dataSource.query(
      `INSERT INTO user_notifications (key, username, kind, case_id, case_number, title, body, details, created_at)
       VALUES ($1, $2, 'new_task', NULL, 'AV-2027-0001', $3, 'text', $4::jsonb, $5)`,
      [key, username, title, JSON.stringify({ path: '/arenden/x' }), at],
    );

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

  it('one mail per person who chose it, with the day’s items only, and none on a re-run', async () => {
    await db.dataSource.query(
      `INSERT INTO notification_preferences (username, mail) VALUES ('enhetschef', 'daily_summary'), ('sas', 'off')`,
    );
    await notify('enhetschef', 'a', 'Ny uppgift i AV-2027-0001: Ge återkoppling', '2027-03-10T08:00:00Z');
    await notify('enhetschef', 'b', 'Du är handläggare för AV-2027-0002', '2027-03-10T22:59:00Z');
    await notify('enhetschef', 'c', 'Dagen efter', '2027-03-10T23:00:00Z'); // 11 March in Stockholm
    await notify('sas', 'd', 'Ny rapport enligt lex Sarah: LS-2027-0001', '2027-03-10T09:00:00Z');

    const run = () =>
      env.client.workflow.execute(dailyListWorkflow, {
        args: [{ scheduledAt: '2027-03-11T06:00:00Z' }],
        taskQueue,
        workflowId: `daily-list-${randomUUID()}`,
      });
    await run();
    await run();

    const mails: { message_key: string; recipients: string[]; subject: string; text_body: string }[] =
      await db.dataSource.query(
        `SELECT message_key, recipients, subject, text_body FROM mail_messages WHERE message_key LIKE 'notification-summary:%'`,
      );
    expect(mails.map((m) => [m.message_key, m.recipients])).toEqual([
      ['notification-summary:2027-03-10:enhetschef', ['enhetschef@exempelkommun.se']],
    ]);
    expect(mails[0]!.subject).toBe('Dina notiser 10 mars 2027: 2 nya');
    expect(mails[0]!.text_body).toContain('Du är handläggare för AV-2027-0002');
    expect(mails[0]!.text_body).toContain('https://kvalitet.example.se/arenden/x');
    expect(mails[0]!.text_body).not.toContain('Dagen efter');
  });
});
