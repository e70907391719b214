import {
  addDaysToLocalDate,
  daysInMonth,
  formatLocalDate,
  isLeapYear,
  isoWeekdayOf,
  isValidLocalDate,
  parseLocalDate,
} from './local-date';

describe('local-date', () => {
  it('parses and formats YYYY-MM-DD', () => {
    expect(parseLocalDate('2026-04-05')).toEqual({ year: 2026, month: 4, day: 5 });
    expect(formatLocalDate({ year: 2026, month: 4, day: 5 })).toBe('2026-04-05');
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-4-5', '26-04-05', '2026-04-05T00:00', ''])(
    'rejects %p',
    (value) => {
      expect(parseLocalDate(value)).toBeNull();
      expect(isValidLocalDate(value)).toBe(false);
    },
  );

  it('knows leap years and month lengths', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2026)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(parseLocalDate('2024-02-29')).not.toBeNull();
  });

  it('adds days across months and years', () => {
    expect(addDaysToLocalDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToLocalDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToLocalDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDaysToLocalDate('2026-04-05', 49)).toBe('2026-05-24');
    expect(() => addDaysToLocalDate('2026-04-05', 0.5)).toThrow(RangeError);
    expect(() => addDaysToLocalDate('nope', 1)).toThrow(RangeError);
  });

  it('gives the ISO weekday (1 = Monday)', () => {
    expect(isoWeekdayOf('2026-04-05')).toBe(7);
    expect(isoWeekdayOf('2026-04-06')).toBe(1);
    expect(isoWeekdayOf('1970-01-01')).toBe(4);
    expect(isoWeekdayOf('1969-12-31')).toBe(3);
  });
});
