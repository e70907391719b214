import { randomUUID } from 'node:crypto';
import { withRiskReminderInBell } from '../../apps/worker/src/activities/risk-reminder-bell';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** A risk action reminder reaches the owner's bell once, linking the assessment (issue 21). */
describe('risk action reminders in the bell (real Postgres)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('writes one bell item for the owner, also when the activity runs twice, after the reminder delivery', async () => {
    const delivered: string[] = [];
    const notifier = withRiskReminderInBell(
      { remind: async (r) => void delivered.push(r.reminderId) },
      { db: db.dataSource, webUrl: 'https://kvalitet.example.se' },
    );
    const reminder = {
      reminderId: randomUUID(),
      assessmentId: randomUUID(),
      reference: 'RA-2026-0004',
      actionId: 'a1',
      owner: 'Enhetschef',
      dueAt: '2026-12-10T12:00:00.000Z',
      at: '2026-12-08T12:00:00.000Z',
    };
    await notifier.remind(reminder);
    await notifier.remind(reminder);
    expect(delivered).toEqual([reminder.reminderId, reminder.reminderId]);
    const rows: { username: string; kind: string; case_number: string; title: string; details: unknown }[] =
      await db.dataSource.query(
        `SELECT username, kind, case_number, title, details FROM user_notifications WHERE key LIKE 'risk-reminder/%'`,
      );
    expect(rows).toEqual([
      {
        username: 'enhetschef',
        kind: 'reminder',
        case_number: 'RA-2026-0004',
        title: 'Påminnelse: åtgärd i riskanalys RA-2026-0004',
        details: { actionId: 'a1', path: `/riskanalyser/${reminder.assessmentId}` },
      },
    ]);
  });
});
