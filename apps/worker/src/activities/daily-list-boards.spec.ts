import { dailyListDayFor } from '@kvalitet/domain';
import { organisation } from '@kvalitet/runtime';
import { createDailyListActivities } from './daily-list-activities';

/** The 07:00 list stops at the board's edge (DATA-3, ADR 0030): each recipient sees their boards' new cases. */
describe('the daily list by board', () => {
  const day = dailyListDayFor(new Date('2026-12-08T06:00:00Z'));
  const at = new Date(Date.parse(day.from) + 3600_000).toISOString();
  const row = (id: string, unit_id: string, type = 'lex_sarah') => ({
    id,
    case_number: `2026-${id}`,
    type,
    unit_id,
    reported_at: at,
    category: null,
    stage: 'reported',
  });

  async function deliver(role: 'sas' | 'mas', to: string[]) {
    const notices: { key: string; username: string; items: { unitId: string }[] }[] = [];
    const mails: { key: string; to: readonly string[] }[] = [];
    const db = {
      async query(sql: string, params: unknown[] = []) {
        if (sql.includes('FROM rm_cases'))
          return [row('0001', 'solgarden'), row('0002', 'linden'), row('0003', 'linden', 'hsl_deviation')];
        const details = JSON.parse(String(params[5])) as { items: { unitId: string }[] };
        notices.push({ key: String(params[0]), username: String(params[1]), items: details.items });
        return [{ key: params[0] }];
      },
    };
    const mailer = {
      async send(mail: { key: string; to: readonly string[] }) {
        mails.push({ key: mail.key, to: mail.to });
        return { duplicate: false };
      },
    };
    const activities = createDailyListActivities({
      db,
      mailer: mailer as never,
      recipients: { sas: to, mas: to },
      organisation: organisation(),
    });
    const result = await activities.deliverDailyList({ role, day });
    return { result, notices, mails };
  }

  it("socialnämnden's SAS gets Solgården's case and not Linden's; the other board's SAS the other way round", async () => {
    const { notices, mails } = await deliver('sas', ['sas', 'sas.omsorg']);
    const of = (username: string) => notices.find((n) => n.username === username)!.items.map((i) => i.unitId);
    expect(of('sas')).toEqual(['solgarden']);
    expect(of('sas.omsorg')).toEqual(['linden']);
    expect(mails.map((m) => m.to)).toEqual([['sas'], ['sas.omsorg']]);
    expect(new Set(mails.map((m) => m.key)).size).toBe(2);
  });

  it('one group keeps the one key per day and role; the MAS who serves both boards sees both', async () => {
    const { notices, mails } = await deliver('mas', ['mas']);
    expect(mails).toEqual([{ key: `daily-list:${day.date}:mas`, to: ['mas'] }]);
    expect(notices[0]!.items.map((i) => i.unitId)).toEqual(['linden']);
    const sas = await deliver('sas', ['sas']);
    expect(sas.mails[0]!.key).toBe(`daily-list:${day.date}:sas`);
  });
});
