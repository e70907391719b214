import {
  halfYearRange,
  monthRange,
  quarterOf,
  quarterRange,
  tertialOf,
  tertialRange,
  yearRange,
} from './period-range';
import type { PeriodRange } from './period-range';

const iso = (r: PeriodRange): [string, string] => [r.from.toISOString(), r.to.toISOString()];

describe('period ranges in Stockholm time', () => {
  it('tertials: T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec', () => {
    expect(iso(tertialRange(2026, 1))).toEqual(['2025-12-31T23:00:00.000Z', '2026-04-30T22:00:00.000Z']);
    expect(iso(tertialRange(2026, 2))).toEqual(['2026-04-30T22:00:00.000Z', '2026-08-31T22:00:00.000Z']);
    expect(iso(tertialRange(2026, 3))).toEqual(['2026-08-31T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
  });

  it('quarters', () => {
    expect(iso(quarterRange(2026, 1))).toEqual(['2025-12-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(iso(quarterRange(2026, 2))).toEqual(['2026-03-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z']);
    expect(iso(quarterRange(2026, 3))).toEqual(['2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z']);
    expect(iso(quarterRange(2026, 4))).toEqual(['2026-09-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
  });

  it('years, half-years and months', () => {
    expect(iso(yearRange(2026))).toEqual(['2025-12-31T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(iso(halfYearRange(2026, 2))).toEqual(['2026-06-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(iso(monthRange(2026, 3))).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(iso(monthRange(2026, 12))).toEqual(['2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
  });

  it('consecutive periods meet without gaps', () => {
    expect(tertialRange(2026, 3).to.getTime()).toBe(tertialRange(2027, 1).from.getTime());
    expect(quarterRange(2026, 4).to.getTime()).toBe(yearRange(2027).from.getTime());
  });

  it('refuses invalid arguments', () => {
    expect(() => tertialRange(2026, 4 as never)).toThrow(RangeError);
    expect(() => quarterRange(2026, 0 as never)).toThrow(RangeError);
    expect(() => monthRange(2026, 13)).toThrow(RangeError);
    expect(() => yearRange(2026.5)).toThrow(RangeError);
  });

  it('finds the tertial and quarter of an instant in Stockholm time', () => {
    // 2026-04-30T22:30Z is 1 May 00:30 in Stockholm → T2, Q2
    expect(tertialOf(new Date('2026-04-30T22:30:00Z'))).toEqual({ year: 2026, tertial: 2 });
    expect(tertialOf(new Date('2026-04-30T21:30:00Z'))).toEqual({ year: 2026, tertial: 1 });
    expect(quarterOf(new Date('2026-12-31T23:30:00Z'))).toEqual({ year: 2027, quarter: 1 });
    expect(quarterOf(new Date('2026-08-15T12:00:00Z'))).toEqual({ year: 2026, quarter: 3 });
  });
});
