import { Mailer } from '@kvalitet/notifications';
import { startApi, type TestApi } from './support/api-harness';

interface MailPage {
  items: { id: string; key: string; to: string[]; subject: string; attachments: { filename: string }[] }[];
  total: number;
}

describe('GET /api/v1/notifications/mail (the local mail capture)', () => {
  let api: TestApi;
  let toLedning: string;

  beforeAll(async () => {
    api = await startApi();
    const mailer = new Mailer({ db: api.db.dataSource });
    toLedning = (
      await mailer.send({
        key: 'e2e:digest',
        to: ['ledning', 'forvaltningschef'],
        subject: 'Veckosammanställning',
        text: 'x',
        attachments: [{ filename: 'v.pdf', contentType: 'application/pdf', content: new Uint8Array([1, 2]) }],
      })
    ).id;
    await mailer.send({
      key: 'e2e:mas',
      to: ['mas'],
      subject: 'Påminnelse patientsäkerhetsberättelse',
      text: 'y',
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('lets kvalitet read all mail and filter by recipient', async () => {
    const token = await api.token('kvalitet');
    const all = await api.call<MailPage>('GET', '/api/v1/notifications/mail', { token });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    const mas = await api.call<MailPage>('GET', '/api/v1/notifications/mail?to=mas', { token });
    expect(mas.body.items.map((m) => m.key)).toEqual(['e2e:mas']);
    const byAddress = await api.call<MailPage>(
      'GET',
      '/api/v1/notifications/mail?to=ledning@exempelkommun.se',
      { token },
    );
    expect(byAddress.body.items.map((m) => m.key)).toEqual(['e2e:digest']);
  });

  it('gives every other user their own mail only', async () => {
    const token = await api.token('ledning');
    const own = await api.call<MailPage>('GET', '/api/v1/notifications/mail', { token });
    expect(own.status).toBe(200);
    expect(own.body.items.map((m) => m.key)).toEqual(['e2e:digest']);
    expect(own.body.items[0]!.attachments).toEqual([
      { filename: 'v.pdf', contentType: 'application/pdf', size: 2 },
    ]);
    const other = await api.call<{ code: string }>('GET', '/api/v1/notifications/mail?to=mas', { token });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    expect((await api.call('GET', `/api/v1/notifications/mail/${toLedning}`, { token })).status).toBe(200);
    const masToken = await api.token('mas');
    expect(
      (await api.call('GET', `/api/v1/notifications/mail/${toLedning}`, { token: masToken })).status,
    ).toBe(404);
    expect(
      (
        await api.call<MailPage>('GET', '/api/v1/notifications/mail', {
          token: await api.token('medarbetare'),
        })
      ).body.total,
    ).toBe(0);
  });

  it('answers bad input and missing login with problem+json', async () => {
    const token = await api.token('kvalitet');
    expect((await api.call('GET', '/api/v1/notifications/mail?to=två%20ord', { token })).status).toBe(400);
    expect((await api.call('GET', '/api/v1/notifications/mail?okänd=1', { token })).status).toBe(400);
    expect((await api.call('GET', '/api/v1/notifications/mail/abc', { token })).status).toBe(400);
    expect((await api.call('GET', '/api/v1/notifications/mail/999999', { token })).status).toBe(404);
    expect((await api.call('GET', '/api/v1/notifications/mail')).status).toBe(401);
  });
});
