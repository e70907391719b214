import { randomUUID } from 'node:crypto';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import { MailCaseId1764201000000 } from '../../libs/persistence/src/migrations/1764201000000-mail-case-id';
import { runDeviationScenario } from '../support/case-scenarios';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Mail written before `mail_messages.case_id` gets its case from its key, so the gallring finds it
 * (ADR 0032): answers and outcome notices by their event, reminders by their reminder.
 */
describe('migration 1764201000000: mail_messages.case_id from the keys of older mail', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 2 });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('ties answers, outcome notices and reminders to their case and leaves other mail without one', async () => {
    const store = new EventStore(db.dataSource);
    const caseId = await runDeviationScenario(new CaseCommandService(store), 0, 0);
    const [reported] = await store.load(caseId);
    const reminderId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO case_reminders (reminder_id, recipient, recipient_username, case_id, case_number, deadline_id, kind, due_at, reminder_when)
       VALUES ($1, 'user:enhetschef', 'enhetschef', $2, 'AVV-2026-0001', $3, 'investigation', now(), 'before')`,
      [reminderId, caseId, randomUUID()],
    );
    const runner = db.dataSource.createQueryRunner();
    const migration = new MailCaseId1764201000000();
    await migration.down(runner);
    const keys = [
      `case-answer/${reported!.id}`,
      `case-outcome/${reported!.id}`,
      `reminder/${reminderId}`,
      'daily-list:2026-12-07:sas',
      `case-answer/${randomUUID()}`,
    ];
    for (const key of keys)
      await db.dataSource.query(
        `INSERT INTO mail_messages (message_key, sender, recipients, subject, text_body, transport, status)
         VALUES ($1, 'k@exempelkommun.se', '{a@example.se}', 'Ämne', 'Text', 'capture', 'captured')`,
        [key],
      );
    await migration.up(runner);
    await runner.release();
    const rows = (await db.dataSource.query(
      `SELECT message_key, case_id FROM mail_messages ORDER BY id`,
    )) as { message_key: string; case_id: string | null }[];
    expect(rows.map((r) => r.case_id)).toEqual([caseId, caseId, caseId, null, null]);
  });
});
