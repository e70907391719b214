import fc from 'fast-check';
import {
  formatIsoWeek,
  isoWeekOf,
  isoWeekOfDate,
  isoWeekRange,
  isoWeeksInYear,
  parseIsoWeek,
} from './iso-week';
import { stockholmLocalParts } from './stockholm-time';

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', 2026, 1], // Thursday
    ['2025-12-29', 2026, 1], // Monday of 2026-W01
    ['2024-12-30', 2025, 1],
    ['2027-01-01', 2026, 53], // 2026 has 53 weeks
    ['2027-01-03', 2026, 53],
    ['2027-01-04', 2027, 1],
    ['2021-01-03', 2020, 53],
    ['2026-11-23', 2026, 48],
    ['2026-11-29', 2026, 48],
  ])('%s is in %i-W%i', (date, year, week) => {
    expect(isoWeekOfDate(date)).toEqual({ year, week });
  });

  it('counts weeks per year', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2027)).toBe(52);
  });

  it('uses Stockholm time for instants', () => {
    // Sunday 23:30 UTC is Monday 00:30 in Stockholm
    expect(isoWeekOf(new Date('2026-11-22T23:30:00Z'))).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf(new Date('2026-11-22T22:30:00Z'))).toEqual({ year: 2026, week: 47 });
  });

  it('parses and formats 2026-W48', () => {
    expect(parseIsoWeek('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(formatIsoWeek({ year: 2026, week: 5 })).toBe('2026-W05');
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    for (const bad of [
      '2025-W53',
      '2026-W00',
      '2026-W54',
      '2026W48',
      '2026-w48',
      '2026-W4',
      '2026-W48-1',
      '',
    ]) {
      expect(parseIsoWeek(bad)).toBeNull();
    }
  });

  it('2026-W48 runs Monday 00:00 to next Monday 00:00 Stockholm', () => {
    const { from, to } = isoWeekRange('2026-W48');
    expect(from.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it('a week with the spring DST change is 167 hours long', () => {
    const { from, to } = isoWeekRange({ year: 2026, week: 13 });
    expect(from.toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(167);
  });

  it('a week with the autumn DST change is 169 hours long', () => {
    const { from, to } = isoWeekRange('2026-W43');
    expect(from.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(to.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('week 1 may start in the previous year and week 53 end in the next', () => {
    expect(isoWeekRange('2026-W01').from.toISOString()).toBe('2025-12-28T23:00:00.000Z');
    expect(isoWeekRange('2026-W53').to.toISOString()).toBe('2027-01-03T23:00:00.000Z');
  });

  it('refuses weeks that do not exist', () => {
    expect(() => isoWeekRange('2025-W53')).toThrow(RangeError);
    expect(() => isoWeekRange({ year: 2026, week: 0 })).toThrow(RangeError);
    expect(() => isoWeekRange({ year: 2026, week: 1.5 })).toThrow(RangeError);
  });

  it('property: every instant lies in the range of its own week, which starts on a Monday at 00:00', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2050-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const week = isoWeekOf(instant);
          const { from, to } = isoWeekRange(week);
          expect(from.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime()).toBeLessThan(to.getTime());
          expect(stockholmLocalParts(from)).toMatchObject({ weekday: 1, hour: 0, minute: 0 });
          expect(stockholmLocalParts(to)).toMatchObject({ weekday: 1, hour: 0, minute: 0 });
        },
      ),
      { numRuns: 300 },
    );
  });
});
