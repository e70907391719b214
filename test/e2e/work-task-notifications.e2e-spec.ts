import { Mailer } from '@kvalitet/notifications';
import { organisation } from '@kvalitet/runtime';
import { createWorkTaskNotificationsConsumer } from '../../apps/projector/src/notifications/work-task-notifications.consumer';
import { startApi, type TestApi } from './support/api-harness';

interface NoticeList {
  items: { key: string; kind: string; title: string; body: string; details: { path?: string } }[];
}

/**
 * Issue 21, "Notifications" beyond cases: a new improvement task reaches the bell and the mail of the
 * role holders of the unit, through the projector's consumer (handled twice: nothing is sent twice),
 * with the reference and a link to the improvement page but not the proposal's text.
 */
describe('notifications of improvement and risk tasks (e2e)', () => {
  let api: TestApi;
  let mailer: Mailer;
  const secret = 'Nattpersonalen missar ibland nya ordinationer';

  beforeAll(async () => {
    api = await startApi();
    mailer = new Mailer({ db: api.db.dataSource });
  });
  afterAll(async () => {
    mailer?.close();
    await api?.close();
  });

  it('a new proposal tells the unit manager in the bell and by mail, once', async () => {
    const proposed = await api.call<{ id: string; reference: string }>(
      'POST',
      '/api/v1/improvement-proposals',
      {
        token: await api.token('medarbetare'),
        body: { unitId: 'solgarden', title: 'Checklista vid överlämning', description: secret },
      },
    );
    expect(proposed.status).toBe(201);
    const consumer = createWorkTaskNotificationsConsumer({
      organisation: organisation(),
      webUrl: 'https://kvalitet.example.se',
      mailer,
    });
    const events = await api.store.load(proposed.body.id);
    for (let i = 0; i < 2; i++)
      await api.db.dataSource.transaction((manager) => consumer.handleBatch(events, manager));

    const bell = (
      await api.call<NoticeList>('GET', '/api/v1/notifications/in-app', {
        token: await api.token('enhetschef'),
      })
    ).body;
    const mine = bell.items.filter((n) => n.title.includes(proposed.body.reference));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'new_task',
      title: `Bedöm förbättringsförslag: ${proposed.body.reference}`,
      details: { path: `/forbattringar/${proposed.body.id}` },
    });
    const mail = (await mailer.list({ to: 'enhetschef', pageSize: 200 })).items as unknown as {
      subject: string;
      text: string;
    }[];
    const sent = mail.filter((m) => m.subject.includes(proposed.body.reference));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`https://kvalitet.example.se/forbattringar/${proposed.body.id}`);
    expect(JSON.stringify([mine, sent])).not.toContain(secret);
  });
});
