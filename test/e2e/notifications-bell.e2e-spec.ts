import { dailyListDayFor } from '@kvalitet/domain';
import { Mailer, sendDailyNotificationSummaries } from '@kvalitet/notifications';
import { organisation } from '@kvalitet/runtime';
import { createPersonNotificationsConsumer } from '../../apps/projector/src/notifications/person-notifications.consumer';
import { startApi, expectProblem, type TestApi } from './support/api-harness';
import { report } from './support/fixtures';

interface Notice {
  key: string;
  kind: string;
  caseId: string | null;
  caseNumber: string | null;
  title: string;
  body: string;
  details: { path?: string };
  readAt: string | null;
}
interface NoticeList {
  items: Notice[];
  total: number;
  unread: number;
}
interface Mail {
  key: string;
  to: string[];
  subject: string;
  text: string;
}

/**
 * Issue 21, "Notifications": a new lex Sarah report puts a bell item and a mail in front of `sas`, an
 * assignment tells the assignee, mark-as-read and read-all work, and `daily_summary` keeps the
 * immediate mail back for the day's summary. The events go through the projector's own consumer
 * (the handler the live projector runs), twice, to show a replay sends nothing twice.
 */
describe('notifications: the bell, mail and mail preferences (e2e)', () => {
  let api: TestApi;
  let mailer: Mailer;
  const secret = 'Brukaren föll i badrummet';

  const consumer = () =>
    createPersonNotificationsConsumer({
      organisation: organisation(),
      webUrl: 'https://kvalitet.example.se',
      mailer,
    });

  /** Hands the case's events to the notification consumer, as the projector does after Kafka. */
  async function project(caseId: string): Promise<void> {
    const events = await api.store.load(caseId);
    await api.db.dataSource.transaction((manager) => consumer().handleBatch(events, manager));
  }

  const bell = async (username: string) =>
    (await api.call<NoticeList>('GET', '/api/v1/notifications/in-app', { token: await api.token(username) }))
      .body;
  const mailTo = async (username: string): Promise<Mail[]> =>
    (await mailer.list({ to: username, pageSize: 200 })).items as unknown as Mail[];

  async function reportLexSarah(): Promise<{ id: string; caseNumber: string }> {
    const created = await api.call<{ id: string; caseNumber: string }>('POST', '/api/v1/cases', {
      token: await api.token('medarbetare'),
      body: report('lex_sarah', 'solgarden', secret),
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  beforeAll(async () => {
    api = await startApi();
    mailer = new Mailer({ db: api.db.dataSource });
  });
  afterAll(async () => {
    mailer?.close();
    await api?.close();
  });

  let first: { id: string; caseNumber: string };

  it('a new lex Sarah report puts a bell item and a mail in front of sas, once, without the free text', async () => {
    first = await reportLexSarah();
    await project(first.id);
    await project(first.id);

    const sas = await bell('sas');
    const items = sas.items.filter((n) => n.caseId === first.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'new_report',
      caseNumber: first.caseNumber,
      title: `Ny rapport enligt lex Sarah: ${first.caseNumber}`,
      readAt: null,
      details: { path: `/arenden/${first.id}` },
    });
    expect(sas.unread).toBe(1);
    const unread = await api.call<{ unread: number }>('GET', '/api/v1/notifications/in-app/unread-count', {
      token: await api.token('sas'),
    });
    expect(unread.body).toEqual({ unread: 1 });

    const mails = (await mailTo('sas')).filter((m) => m.subject.includes(first.caseNumber));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['sas@exempelkommun.se']);
    expect(mails[0]!.text).toContain(`https://kvalitet.example.se/arenden/${first.id}`);
    expect(JSON.stringify([items, mails])).not.toContain(secret);
    // Nobody else holds the SAS role for Solgården; the reporter is not told.
    expect((await bell('mas')).items).toHaveLength(0);
    expect((await bell('medarbetare')).items).toHaveLength(0);
  });

  it('an assignment tells the assignee, in the bell and by mail', async () => {
    const assigned = await api.call('POST', `/api/v1/cases/${first.id}/assign`, {
      token: await api.token('enhetschef'),
      body: { assignee: 'sas' },
    });
    expect(assigned.status).toBe(200);
    await project(first.id);
    const items = (await bell('sas')).items.filter((n) => n.kind === 'assignment');
    expect(items.map((n) => n.title)).toEqual([`Du är handläggare för ${first.caseNumber}`]);
    expect((await mailTo('sas')).map((m) => m.subject)).toContain(
      `Du är handläggare för ${first.caseNumber}`,
    );
  });

  it('marks one item read, then all; another person’s item or a bad key is refused', async () => {
    const token = await api.token('sas');
    const before = await bell('sas');
    expect(before.unread).toBe(before.items.length);
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const one = before.items[0]!;
    const marked = await api.call<{ marked: number; unread: number }>(
      'POST',
      `/api/v1/notifications/in-app/${encodeURIComponent(one.key)}/read`,
      { token },
    );
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ marked: 1, unread: before.unread - 1 });
    const again = await api.call<{ marked: number }>(
      'POST',
      `/api/v1/notifications/in-app/${encodeURIComponent(one.key)}/read`,
      { token },
    );
    expect(again.body).toEqual({ marked: 0, unread: before.unread - 1 });

    const notMine = await api.call(
      'POST',
      `/api/v1/notifications/in-app/${encodeURIComponent(one.key)}/read`,
      {
        token: await api.token('mas'),
      },
    );
    expectProblem(notMine, 404, 'NOT_FOUND');
    const bad = await api.call(
      'POST',
      `/api/v1/notifications/in-app/${encodeURIComponent('nyckel med mellanslag')}/read`,
      {
        token,
      },
    );
    expectProblem(bad, 400, 'VALIDATION_FAILED');

    const all = await api.call<{ marked: number; unread: number }>(
      'POST',
      '/api/v1/notifications/in-app/read-all',
      {
        token,
      },
    );
    expect(all.body).toEqual({ marked: before.unread - 1, unread: 0 });
    expect((await bell('sas')).items.every((n) => n.readAt !== null)).toBe(true);
  });

  it('daily_summary keeps the immediate mail back; the day’s summary mails it once', async () => {
    const token = await api.token('sas');
    expect((await api.call('GET', '/api/v1/notifications/preferences', { token })).body).toEqual({
      mail: 'immediately',
    });
    const wrong = await api.call('PUT', '/api/v1/notifications/preferences', {
      token,
      body: { mail: 'ibland' },
    });
    expectProblem(wrong, 400, 'VALIDATION_FAILED');
    const set = await api.call('PUT', '/api/v1/notifications/preferences', {
      token,
      body: { mail: 'daily_summary' },
    });
    expect(set.status).toBe(200);
    expect((await api.call('GET', '/api/v1/notifications/preferences', { token })).body).toEqual({
      mail: 'daily_summary',
    });

    const mailsBefore = (await mailTo('sas')).length;
    const second = await reportLexSarah();
    await project(second.id);
    expect((await bell('sas')).items.map((n) => n.caseNumber)).toContain(second.caseNumber);
    expect(await mailTo('sas')).toHaveLength(mailsBefore);

    // Today's Stockholm day, as the 07:00 run tomorrow sees it.
    const day = dailyListDayFor(new Date(Date.now() + 24 * 60 * 60 * 1000));
    const deps = { db: api.db.dataSource, mailer, webUrl: 'https://kvalitet.example.se' };
    expect(await sendDailyNotificationSummaries(deps, { ...day, label: 'i dag' })).toEqual({
      people: 1,
      mailed: 1,
    });
    expect(await sendDailyNotificationSummaries(deps, { ...day, label: 'i dag' })).toEqual({
      people: 1,
      mailed: 0,
    });
    const summaries = (await mailTo('sas')).filter((m) => m.key.startsWith('notification-summary:'));
    expect(summaries).toHaveLength(1);
    const today = (await bell('sas')).items.length;
    expect(summaries[0]!.subject).toBe(`Dina notiser i dag: ${today} nya`);
    expect(summaries[0]!.text).toContain(second.caseNumber);
    expect(summaries[0]!.text).toContain(`https://kvalitet.example.se/arenden/${second.id}`);
    expect(summaries[0]!.text).not.toContain(secret);
  });
});
