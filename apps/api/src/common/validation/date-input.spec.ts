import {
  offsetIsStorable,
  parseCalendarDate,
  parseDateTimeWithOffset,
  parseIsoWeekInput,
  yearsOf,
  yearsWithin,
} from './date-input';

const RANGE = { min: 1900, max: 2100 };

describe('date-like input: form', () => {
  it('reads a date-time with offset into its parts', () => {
    expect(parseDateTimeWithOffset('2026-11-20T14:05:09.123+01:30')).toEqual({
      year: 2026,
      month: 11,
      day: 20,
      hour: 14,
      minute: 5,
      second: 9,
      fraction: '123',
      offsetMinutes: 90,
    });
    expect(parseDateTimeWithOffset('2026-11-20T14:05Z')).toMatchObject({
      second: 0,
      fraction: '',
      offsetMinutes: 0,
    });
    expect(parseDateTimeWithOffset('2026-11-20T14:05:00-03:45')).toMatchObject({ offsetMinutes: -225 });
  });

  it.each([
    '2026-11-20T14:05:00', // no offset
    '2026-11-20 14:05:00Z',
    '2026-02-29T00:00:00Z', // not a leap year
    '2026-11-20T24:00:00Z',
    '2026-11-20T23:60:00Z',
    '2026-11-20T23:59:60Z', // a leap second
    '2026-11-20T10:00:00+24:00',
    '2026-11-20T10:00:00+01:60',
    '2026-11-20T10:00:00.1234567890Z', // ten fraction digits
    '+010000-01-01T00:00:00Z',
    20261120,
  ])('%j is no date-time', (value) => {
    expect(parseDateTimeWithOffset(value)).toBeNull();
  });

  it('accepts any four-digit year and offsets up to ±23:59 as form (the range is judged apart)', () => {
    expect(parseDateTimeWithOffset('9999-12-31T23:59:59-18:00')).not.toBeNull();
    expect(parseDateTimeWithOffset('0001-01-01T00:00:00+23:59')).not.toBeNull();
    expect(parseCalendarDate('1066-10-14')).toEqual({ year: 1066, month: 10, day: 14 });
  });

  it('knows leap days, also of years 0–99 and centuries', () => {
    expect(parseCalendarDate('2028-02-29')).not.toBeNull();
    expect(parseCalendarDate('2000-02-29')).not.toBeNull();
    expect(parseCalendarDate('1900-02-29')).toBeNull();
    expect(parseCalendarDate('2100-02-29')).toBeNull();
    expect(parseCalendarDate('0004-02-29')).not.toBeNull();
    expect(parseCalendarDate('2026-1-2')).toBeNull();
    expect(parseCalendarDate('2026-04-31')).toBeNull();
  });

  it('knows which ISO weeks exist', () => {
    expect(parseIsoWeekInput('2026-W53')).toEqual({ year: 2026, week: 53 }); // 2026 starts on a Thursday
    expect(parseIsoWeekInput('2027-W53')).toBeNull();
    expect(parseIsoWeekInput('2020-W53')).not.toBeNull();
    expect(parseIsoWeekInput('2026-W00')).toBeNull();
    expect(parseIsoWeekInput('2026-W54')).toBeNull();
    expect(parseIsoWeekInput('2026-W1')).toBeNull();
    expect(parseIsoWeekInput('vecka')).toBeNull();
  });
});

describe('date-like input: what a store holds', () => {
  it('names the written year and the year in UTC of a date-time', () => {
    expect(yearsOf('2026-11-20T14:05:00+01:00')).toEqual([2026, 2026]);
    expect(yearsOf('2100-12-31T23:30:00-01:00')).toEqual([2100, 2101]);
    expect(yearsOf('1900-01-01T00:30:00+01:00')).toEqual([1900, 1899]);
    expect(yearsOf('9999-12-31T23:59:59-18:00')).toEqual([9999, 10000]);
    expect(yearsOf('2026-11-20')).toEqual([2026]);
    expect(yearsOf('2026-W48')).toEqual([2026]);
    expect(yearsOf('igår')).toBeNull();
  });

  it('rounds the fraction to microseconds as Postgres does', () => {
    expect(yearsOf('2100-12-31T23:59:59.999999Z')).toEqual([2100, 2100]);
    expect(yearsOf('2100-12-31T23:59:59.9999994Z')).toEqual([2100, 2100]);
    expect(yearsOf('2100-12-31T23:59:59.9999995Z')).toEqual([2101, 2101]);
    expect(yearsOf('2100-12-31T23:59:59.999999999+01:00')).toEqual([2101, 2100]);
  });

  it('puts both years in the range, or says the value is not date-like', () => {
    expect(yearsWithin('2100-12-31T23:59:59Z', RANGE)).toBe(true);
    expect(yearsWithin('2100-12-31T23:59:59-00:01', RANGE)).toBe(false);
    expect(yearsWithin('1900-01-01T00:00:00+00:01', RANGE)).toBe(false);
    expect(yearsWithin('2101-01-01T00:30:00+01:00', RANGE)).toBe(false);
    expect(yearsWithin('1899-12-31', RANGE)).toBe(false);
    expect(yearsWithin('1900-W01', RANGE)).toBe(true);
    expect(yearsWithin('2101-W01', RANGE)).toBe(false);
    expect(yearsWithin('20 nov', RANGE)).toBeNull();
  });

  it('accepts offsets Postgres accepts: up to ±15:59', () => {
    expect(offsetIsStorable('2026-01-01T00:00:00+15:59')).toBe(true);
    expect(offsetIsStorable('2026-01-01T00:00:00-15:59')).toBe(true);
    expect(offsetIsStorable('2026-01-01T00:00:00Z')).toBe(true);
    expect(offsetIsStorable('2026-01-01T00:00:00+16:00')).toBe(false);
    expect(offsetIsStorable('2026-01-01T00:00:00-18:00')).toBe(false);
    expect(offsetIsStorable('2026-01-01')).toBeNull();
  });
});
