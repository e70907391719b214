import { randomUUID } from 'node:crypto';
import { Mailer } from '@kvalitet/notifications';
import { createCaseReminderDelivery } from '../../apps/worker/src/activities/case-reminder-delivery';
import type { DeadlineReminder } from '../../apps/worker/src/activities/reminder-notifier';
import { startApi, type TestApi } from './support/api-harness';

interface ReminderPage {
  items: {
    id: string;
    caseNumber: string;
    kind: string;
    when: string;
    recipientUsername: string | null;
    recipientRole: string | null;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Deadline reminders delivered in-app by the worker's delivery (the same code the activity runs) and
 * read back through `GET /api/v1/reminders`: every demo user sees exactly the reminders addressed to
 * them by name or to one of their roles within their units; the mail goes to named users once.
 */
describe('GET /api/v1/reminders (in-app deadline reminders) — authorisation matrix', () => {
  let api: TestApi;
  const ids = {
    toEnhetschef: randomUUID(),
    toEkbackenManagers: randomUUID(),
    toSas: randomUUID(),
    both: randomUUID(),
  };

  function reminder(
    reminderId: string,
    recipients: DeadlineReminder['recipients'],
    caseNumber: string,
  ): DeadlineReminder {
    return {
      reminderId,
      caseId: randomUUID(),
      caseNumber,
      deadlineId: randomUUID(),
      kind: 'action',
      dueAt: '2026-12-01T09:00:00.000Z',
      when: 'before',
      recipients,
      at: new Date().toISOString(),
    };
  }

  beforeAll(async () => {
    api = await startApi();
    const delivery = createCaseReminderDelivery({
      db: api.db.dataSource,
      mailer: new Mailer({ db: api.db.dataSource }),
    });
    const all = [
      reminder(ids.toEnhetschef, [{ username: 'enhetschef' }], 'AV-2026-0001'),
      reminder(ids.toEkbackenManagers, [{ role: 'unit_manager', unitId: 'ekbacken' }], 'AV-2026-0002'),
      reminder(ids.toSas, [{ role: 'lex_sarah_investigator', unitId: 'solgarden' }], 'LS-2026-0003'),
      reminder(
        ids.both,
        [{ role: 'unit_manager', unitId: 'solgarden' }, { username: 'enhetschef' }],
        'KL-2026-0004',
      ),
    ];
    for (const r of all) await delivery.remind(r);
    // A retried activity delivers again: nothing doubles.
    for (const r of all) await delivery.remind(r);
  });
  afterAll(async () => {
    await api.close();
  });

  const expected: Record<string, string[]> = {
    medarbetare: [],
    enhetschef: ['toEnhetschef', 'both'],
    'enhetschef.ekbacken': ['toEkbackenManagers'],
    avdelningschef: [],
    forvaltningschef: [],
    sas: ['toSas'],
    mas: [],
    kvalitet: [],
    ledning: [],
  };

  it.each(Object.entries(expected))('%s sees exactly their own reminders', async (username, names) => {
    const response = await api.call<ReminderPage>('GET', '/api/v1/reminders', {
      token: await api.token(username),
    });
    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.id).sort()).toEqual(
      names.map((n) => ids[n as keyof typeof ids]).sort(),
    );
    expect(response.body.total).toBe(names.length);
  });

  it('answers 401 without a token and 400 for a bad page', async () => {
    const anonymous = await api.call<{ code: string }>('GET', '/api/v1/reminders');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    const bad = await api.call<{ code: string }>('GET', '/api/v1/reminders?page=0', {
      token: await api.token('enhetschef'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('a reminder to a person is mailed once, with the case number and due date and no personal data', async () => {
    const rows: { message_key: string; recipients: string[]; subject: string; text_body: string }[] =
      await api.db.dataSource.query(
        `SELECT message_key, recipients, subject, text_body FROM mail_messages ORDER BY id`,
      );
    expect(rows.map((row) => row.message_key).sort()).toEqual(
      [`reminder/${ids.both}`, `reminder/${ids.toEnhetschef}`].sort(),
    );
    const mail = rows.find((row) => row.message_key === `reminder/${ids.toEnhetschef}`)!;
    expect(mail.recipients).toEqual(['enhetschef@exempelkommun.se']);
    expect(mail.subject).toBe('Påminnelse: Åtgärd i AV-2026-0001 förfaller 2026-12-01 10:00');
    expect(mail.text_body).toContain('AV-2026-0001');
  });
});
