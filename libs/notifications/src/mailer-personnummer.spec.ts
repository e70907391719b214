import { Mailer } from './mailer';

describe('mail never carries a full personnummer (issue 21, DATA-2)', () => {
  it('masks subject, text and html in what is recorded and in what is sent', async () => {
    const queries: { sql: string; params: unknown[] }[] = [];
    const db = {
      query: async (sql: string, params: unknown[] = []) => {
        queries.push({ sql, params });
        return sql.startsWith('INSERT') ? [{ id: '1' }] : [];
      },
    };
    const mailer = new Mailer({ db });
    const result = await mailer.send({
      key: 'test/1',
      to: ['sas'],
      subject: 'Om 19121212-1212',
      text: 'Brukaren 811218-9876 föll. Ring 070-123 45 69.',
      html: '<p>Brukaren 191212121212</p>',
    });
    expect(result).toEqual({ id: '1', status: 'captured', duplicate: false });
    const [insert, update] = queries;
    expect(insert!.params).toEqual(
      expect.arrayContaining([
        'Om ÅÅMMDD-XXXX',
        'Brukaren ÅÅMMDD-XXXX föll. Ring 070-123 45 69.',
        '<p>Brukaren ÅÅMMDD-XXXX</p>',
      ]),
    );
    const raw = (update!.params[2] as Buffer).toString('utf8');
    expect(raw).not.toMatch(/19121212-1212|811218-9876|191212121212/);
    expect(JSON.stringify(insert!.params)).not.toMatch(/19121212-1212|811218-9876|191212121212/);
  });
});
