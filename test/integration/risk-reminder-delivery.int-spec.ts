import { randomUUID } from 'node:crypto';
import { createCaseReminderDelivery } from '../../apps/worker/src/activities/case-reminder-delivery';
import { riskReminderDelivery } from '../../apps/worker/src/activities/risk-reminder-delivery';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('risk action reminders go through the case reminder delivery (real Postgres)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("lands once in the owner's reminder inbox with the assessment reference, also when delivered twice", async () => {
    const sent: { to: unknown }[] = [];
    const notifier = riskReminderDelivery(
      createCaseReminderDelivery({
        db: db.dataSource,
        mailer: {
          send: async (message: { to: unknown }) => (
            sent.push(message),
            { id: `m${sent.length}`, duplicate: sent.length > 1 }
          ),
        } as never,
      }),
    );
    const reminder = {
      reminderId: randomUUID(),
      assessmentId: randomUUID(),
      reference: 'RA-2026-0001',
      actionId: 'a1',
      owner: 'enhetschef',
      dueAt: '2026-12-10T12:00:00.000Z',
      at: '2026-12-08T12:00:00.000Z',
    };
    await notifier.remind(reminder);
    await notifier.remind(reminder);
    const rows = await db.dataSource.query(
      `SELECT recipient, recipient_username, case_id, case_number, kind, reminder_when FROM case_reminders`,
    );
    expect(rows).toEqual([
      {
        recipient: 'user:enhetschef',
        recipient_username: 'enhetschef',
        case_id: reminder.assessmentId,
        case_number: 'RA-2026-0001',
        kind: 'action',
        reminder_when: 'before',
      },
    ]);
    expect(sent.length).toBeGreaterThanOrEqual(1);
  });
});
