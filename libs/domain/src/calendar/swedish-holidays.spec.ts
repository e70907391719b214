import fc from 'fast-check';
import { isoWeekdayOf } from './local-date';
import { swedishHolidayOn, swedishHolidays } from './swedish-holidays';

function byName(year: number): Record<string, string> {
  return Object.fromEntries(swedishHolidays(year).map((h) => [h.name, h.date]));
}

describe('swedishHolidays', () => {
  it('lists the 2026 holidays', () => {
    expect(swedishHolidays(2026).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2026-01-01 Nyårsdagen',
      '2026-01-06 Trettondedag jul',
      '2026-04-03 Långfredagen',
      '2026-04-05 Påskdagen',
      '2026-04-06 Annandag påsk',
      '2026-05-01 Första maj',
      '2026-05-14 Kristi himmelsfärdsdag',
      '2026-05-24 Pingstdagen',
      '2026-06-06 Sveriges nationaldag',
      '2026-06-19 Midsommarafton',
      '2026-06-20 Midsommardagen',
      '2026-10-31 Alla helgons dag',
      '2026-12-24 Julafton',
      '2026-12-25 Juldagen',
      '2026-12-26 Annandag jul',
      '2026-12-31 Nyårsafton',
    ]);
  });

  it.each([
    // year, Långfredagen, Påskdagen, Annandag påsk, Kristi himmelsfärdsdag, Pingstdagen,
    // Midsommarafton, Midsommardagen, Alla helgons dag
    [
      2024,
      '2024-03-29',
      '2024-03-31',
      '2024-04-01',
      '2024-05-09',
      '2024-05-19',
      '2024-06-21',
      '2024-06-22',
      '2024-11-02',
    ],
    [
      2025,
      '2025-04-18',
      '2025-04-20',
      '2025-04-21',
      '2025-05-29',
      '2025-06-08',
      '2025-06-20',
      '2025-06-21',
      '2025-11-01',
    ],
    [
      2026,
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-14',
      '2026-05-24',
      '2026-06-19',
      '2026-06-20',
      '2026-10-31',
    ],
    [
      2027,
      '2027-03-26',
      '2027-03-28',
      '2027-03-29',
      '2027-05-06',
      '2027-05-16',
      '2027-06-25',
      '2027-06-26',
      '2027-11-06',
    ],
  ])('moving holidays of %i', (year, lf, pd, ap, kh, pi, ma, md, ah) => {
    const h = byName(year);
    expect(h['Långfredagen']).toBe(lf);
    expect(h['Påskdagen']).toBe(pd);
    expect(h['Annandag påsk']).toBe(ap);
    expect(h['Kristi himmelsfärdsdag']).toBe(kh);
    expect(h['Pingstdagen']).toBe(pi);
    expect(h['Midsommarafton']).toBe(ma);
    expect(h['Midsommardagen']).toBe(md);
    expect(h['Alla helgons dag']).toBe(ah);
  });

  it('marks only midsommarafton, julafton and nyårsafton as de facto (not official)', () => {
    expect(
      swedishHolidays(2026)
        .filter((h) => !h.official)
        .map((h) => h.name),
    ).toEqual(['Midsommarafton', 'Julafton', 'Nyårsafton']);
  });

  it('returns a fresh array each time (the cache cannot be mutated)', () => {
    const first = swedishHolidays(2026);
    first.pop();
    expect(swedishHolidays(2026)).toHaveLength(16);
  });

  it('keeps both holidays when two fall on the same date (2008: Kristi himmelsfärdsdag on 1 May)', () => {
    expect(
      swedishHolidays(2008)
        .filter((h) => h.date === '2008-05-01')
        .map((h) => h.name),
    ).toEqual(['Första maj', 'Kristi himmelsfärdsdag']);
  });

  it('finds the holiday on a date', () => {
    expect(swedishHolidayOn('2026-06-19')?.name).toBe('Midsommarafton');
    expect(swedishHolidayOn('2026-06-18')).toBeNull();
    expect(() => swedishHolidayOn('2026-6-19')).toThrow(RangeError);
  });

  it('property: weekday and window rules hold every year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 3000 }), (year) => {
        const h = byName(year);
        const list = swedishHolidays(year);
        expect(list).toHaveLength(16);
        expect(list.map((x) => x.date)).toEqual([...list.map((x) => x.date)].sort());
        expect(isoWeekdayOf(h['Långfredagen']!)).toBe(5);
        expect(isoWeekdayOf(h['Påskdagen']!)).toBe(7);
        expect(isoWeekdayOf(h['Annandag påsk']!)).toBe(1);
        expect(isoWeekdayOf(h['Kristi himmelsfärdsdag']!)).toBe(4);
        expect(isoWeekdayOf(h['Pingstdagen']!)).toBe(7);
        expect(isoWeekdayOf(h['Midsommarafton']!)).toBe(5);
        expect(isoWeekdayOf(h['Midsommardagen']!)).toBe(6);
        expect(isoWeekdayOf(h['Alla helgons dag']!)).toBe(6);
        expect(h['Midsommarafton']! >= `${year}-06-19` && h['Midsommarafton']! <= `${year}-06-25`).toBe(true);
        expect(h['Alla helgons dag']! >= `${year}-10-31` && h['Alla helgons dag']! <= `${year}-11-06`).toBe(
          true,
        );
        expect(h['Påskdagen']! >= `${year}-03-22` && h['Påskdagen']! <= `${year}-04-25`).toBe(true);
      }),
    );
  });
});
