import { dailyListDayFor, dailyListFor, dailyListMessage, type DailyListCase } from './daily-list';

// DL-16 (daily: new deviations listed for SAS, MAS), LC-5 (SAS sees new deviations daily).
describe('dailyListDayFor: the Stockholm day before the run', () => {
  it('a winter day is 24 hours from Stockholm midnight (UTC+1)', () => {
    expect(dailyListDayFor(new Date('2026-12-08T06:00:00Z'))).toEqual({
      date: '2026-12-07',
      from: '2026-12-06T23:00:00.000Z',
      to: '2026-12-07T23:00:00.000Z',
    });
  });

  it('the day summer time starts is 23 hours, the day it ends 25', () => {
    const spring = dailyListDayFor(new Date('2027-03-29T05:00:00Z'));
    expect(spring).toEqual({
      date: '2027-03-28',
      from: '2027-03-27T23:00:00.000Z',
      to: '2027-03-28T22:00:00.000Z',
    });
    const autumn = dailyListDayFor(new Date('2026-10-26T06:00:00Z'));
    expect(autumn).toEqual({
      date: '2026-10-25',
      from: '2026-10-24T22:00:00.000Z',
      to: '2026-10-25T23:00:00.000Z',
    });
  });

  it('takes the Stockholm date of the scheduled time, not the UTC date', () => {
    // 23:30 UTC on the 7th is 00:30 on the 8th in Stockholm: the list is for the 7th.
    expect(dailyListDayFor(new Date('2026-12-07T23:30:00Z')).date).toBe('2026-12-07');
  });
});

describe('dailyListFor: which cases go on whose list', () => {
  const day = dailyListDayFor(new Date('2026-12-08T06:00:00Z'));
  const base = { unitId: 'solgarden', category: null, stage: 'reported' as const };
  const cases: DailyListCase[] = [
    {
      ...base,
      caseId: 'a',
      caseNumber: 'AV-2026-0003',
      type: 'deviation',
      reportedAt: '2026-12-07T12:00:00.000Z',
    },
    {
      ...base,
      caseId: 'b',
      caseNumber: 'AV-2026-0002',
      type: 'lex_sarah',
      reportedAt: '2026-12-06T23:00:00.000Z',
    },
    {
      ...base,
      caseId: 'c',
      caseNumber: 'AV-2026-0004',
      type: 'hsl_deviation',
      reportedAt: '2026-12-07T22:59:59.000Z',
      category: 'fall',
    },
    {
      ...base,
      caseId: 'd',
      caseNumber: 'AV-2026-0005',
      type: 'lex_maria',
      reportedAt: '2026-12-07T08:00:00.000Z',
      stage: 'investigating',
    },
    // The day before and the day after (Stockholm), and types outside both areas.
    {
      ...base,
      caseId: 'e',
      caseNumber: 'AV-2026-0001',
      type: 'deviation',
      reportedAt: '2026-12-06T22:59:59.000Z',
    },
    {
      ...base,
      caseId: 'f',
      caseNumber: 'AV-2026-0006',
      type: 'hsl_deviation',
      reportedAt: '2026-12-07T23:00:00.000Z',
    },
    {
      ...base,
      caseId: 'g',
      caseNumber: 'AV-2026-0007',
      type: 'complaint',
      reportedAt: '2026-12-07T10:00:00.000Z',
    },
    {
      ...base,
      caseId: 'h',
      caseNumber: 'AV-2026-0008',
      type: 'data_breach',
      reportedAt: '2026-12-07T10:00:00.000Z',
    },
  ];

  it('sas gets deviations and lex Sarah (SoL/LSS) of the day, oldest first', () => {
    const list = dailyListFor('sas', day, cases, { solgarden: 'Särskilt boende Solgården' });
    expect(list.items.map((i) => i.caseId)).toEqual(['b', 'a']);
    expect(list.items[1]).toMatchObject({
      typeLabel: 'Kvalitetsavvikelse',
      unitName: 'Särskilt boende Solgården',
      stageLabel: 'Rapporterad',
    });
  });

  it('mas gets HSL deviations and lex Maria of the day', () => {
    expect(dailyListFor('mas', day, cases).items.map((i) => i.caseId)).toEqual(['d', 'c']);
  });

  it('a day without new deviations is an empty list', () => {
    expect(dailyListFor('mas', dailyListDayFor(new Date('2026-12-20T06:00:00Z')), cases).items).toEqual([]);
  });

  it('the message carries number, type, unit, time, category and stage with a link, and nothing else', () => {
    const list = dailyListFor('mas', day, cases, { solgarden: 'Särskilt boende Solgården' });
    const message = dailyListMessage(list, 'https://kvalitet.example.se/');
    expect(message.title).toBe('Dagens lista 2026-12-07: 2 nya avvikelser');
    expect(message.body).toContain(
      '– AV-2026-0004 HSL-avvikelse, Särskilt boende Solgården, kl. 23:59, fall, rapporterad: https://kvalitet.example.se/arenden/c',
    );
    expect(message.body).toContain(
      'kl. 09:00, ej kategoriserad, utreds: https://kvalitet.example.se/arenden/d',
    );
    const empty = dailyListMessage(
      dailyListFor('sas', dailyListDayFor(new Date('2026-12-20T06:00:00Z')), cases),
      'x',
    );
    expect(empty.title).toBe('Dagens lista 2026-12-19: inga nya avvikelser');
  });
});
