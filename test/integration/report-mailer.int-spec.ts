import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { Mailer } from '@kvalitet/notifications';

/** A minimal SMTP server that accepts everything and keeps the DATA of each message. */
function fakeSmtpServer(): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket: Socket) => {
    let inData = false;
    let buffer = '';
    let data = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(data);
            data = '';
            socket.write('250 OK queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO') socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (command === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, messages }),
    ),
  );
}

describe('Mailer (Postgres capture and SMTP)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('captures a message with its attachment in mail_messages, once per key', async () => {
    const mailer = new Mailer({ db: db.dataSource });
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7 test'));
    const mail = {
      key: 'report:weekly-digest:2026-W48',
      to: ['ledning', 'forvaltningschef'],
      subject: 'Veckosammanställning v. 48',
      text: 'Hej',
      html: '<p>Hej</p>',
      attachments: [{ filename: 'v48.pdf', contentType: 'application/pdf', content: pdf }],
    };
    const first = await mailer.send(mail);
    const again = await mailer.send({ ...mail, subject: 'ändrad' });
    expect(first).toEqual({ id: first.id, status: 'captured', duplicate: false });
    expect(again).toEqual({ id: first.id, status: 'captured', duplicate: true });

    const stored = await mailer.getByKey(mail.key);
    expect(stored).toMatchObject({
      to: ['ledning@exempelkommun.se', 'forvaltningschef@exempelkommun.se'],
      toUsernames: ['ledning', 'forvaltningschef'],
      subject: 'Veckosammanställning v. 48',
      transport: 'capture',
      status: 'captured',
      attachments: [{ filename: 'v48.pdf', contentType: 'application/pdf', size: pdf.byteLength }],
    });
    const raw = (await mailer.raw(first.id))!.toString('utf8');
    expect(raw).toContain('filename=v48.pdf');
    expect(raw).toContain('X-Kvalitet-Key: report:weekly-digest:2026-W48');

    const forLedning = await mailer.list({ to: 'ledning' });
    expect(forLedning.items.map((m) => m.id)).toEqual([first.id]);
    expect((await mailer.list({ to: 'mas' })).total).toBe(0);
  });

  it('sends the same key once when two senders race', async () => {
    const mailer = new Mailer({ db: db.dataSource });
    const mail = { key: 'race:1', to: ['mas'], subject: 'Påminnelse', text: 'x' };
    const results = await Promise.all([mailer.send(mail), mailer.send(mail), mailer.send(mail)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const rows = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM mail_messages WHERE message_key = 'race:1'`,
    )) as { n: number }[];
    expect(rows[0]!.n).toBe(1);
  });

  it('sends over SMTP when SMTP_URL is set, records it, and never sends a key twice', async () => {
    const smtp = await fakeSmtpServer();
    try {
      const mailer = new Mailer({
        db: db.dataSource,
        smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
      });
      const mail = {
        key: 'smtp:1',
        to: ['kvalitet', 'namnd@exempelkommun.se'],
        subject: 'Tertialrapport T1 2026',
        text: 'Bifogad',
      };
      expect((await mailer.send(mail)).status).toBe('sent');
      expect((await mailer.send(mail)).duplicate).toBe(true);
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain('Subject: Tertialrapport T1 2026');
      expect((await mailer.getByKey('smtp:1'))!.transport).toBe('smtp');
      mailer.close();
    } finally {
      smtp.server.close();
    }
  });

  it('records a failed SMTP send and lets the retry send it', async () => {
    const closed = await fakeSmtpServer();
    const port = closed.port;
    closed.server.close();
    const failing = new Mailer({
      db: db.dataSource,
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true&connectionTimeout=2000`,
    });
    const mail = { key: 'smtp:retry', to: ['mas'], subject: 'Påminnelse', text: 'x' };
    await expect(failing.send(mail)).rejects.toThrow();
    expect((await failing.getByKey('smtp:retry'))!.status).toBe('failed');
    const smtp = await new Promise<Awaited<ReturnType<typeof fakeSmtpServer>>>((resolve) => {
      void fakeSmtpServer().then(resolve);
    });
    try {
      const working = new Mailer({
        db: db.dataSource,
        smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
      });
      expect(await working.send(mail)).toMatchObject({ status: 'sent', duplicate: false });
      expect(smtp.messages).toHaveLength(1);
      working.close();
    } finally {
      smtp.server.close();
    }
  });
});
