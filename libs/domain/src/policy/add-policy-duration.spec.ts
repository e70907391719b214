import fc from 'fast-check';
import { stockholmLocalParts } from '../calendar/stockholm-time';
import { addPolicyDuration } from './add-policy-duration';
import { parseIsoDuration } from './iso-duration';

const add = (iso: string, d: Parameters<typeof addPolicyDuration>[1]): string =>
  addPolicyDuration(new Date(iso), d).toISOString();

describe('addPolicyDuration', () => {
  it('adds time components as exact elapsed time', () => {
    expect(add('2026-11-23T09:00:00.000Z', 'PT24H')).toBe('2026-11-24T09:00:00.000Z');
    expect(add('2026-11-23T09:00:00.000Z', 'PT4H')).toBe('2026-11-23T13:00:00.000Z');
    expect(add('2026-11-23T09:00:00.000Z', 'PT10S')).toBe('2026-11-23T09:00:10.000Z');
    expect(add('2026-11-23T09:00:00.000Z', 'PT1M30.5S')).toBe('2026-11-23T09:01:30.500Z');
  });

  it('PT24H across the spring DST change is 24 real hours (local clock moves 25 h)', () => {
    // Saturday 2026-03-28 10:00 CET (09:00Z) + 24 h = Sunday 11:00 CEST (09:00Z)
    expect(add('2026-03-28T09:00:00.000Z', 'PT24H')).toBe('2026-03-29T09:00:00.000Z');
  });

  it('P1D across the spring DST change keeps the wall-clock time (23 real hours)', () => {
    // Saturday 2026-03-28 10:00 CET → Sunday 10:00 CEST
    expect(add('2026-03-28T09:00:00.000Z', 'P1D')).toBe('2026-03-29T08:00:00.000Z');
  });

  it('P1D across the autumn DST change keeps the wall-clock time (25 real hours)', () => {
    // Saturday 2026-10-24 10:00 CEST (08:00Z) → Sunday 10:00 CET (09:00Z)
    expect(add('2026-10-24T08:00:00.000Z', 'P1D')).toBe('2026-10-25T09:00:00.000Z');
  });

  it('P1D landing in the skipped spring hour moves forward by the gap', () => {
    // Saturday 2026-03-28 02:30 CET (01:30Z) → Sunday 02:30 does not exist → 03:30 CEST (01:30Z)
    expect(add('2026-03-28T01:30:00.000Z', 'P1D')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('calendar days do not skip holidays; weeks are seven days', () => {
    // Thursday before Easter 2026 + P7D
    expect(add('2026-04-02T08:00:00.000Z', 'P7D')).toBe('2026-04-09T08:00:00.000Z');
    expect(add('2026-04-02T08:00:00.000Z', 'P1W')).toBe('2026-04-09T08:00:00.000Z');
    expect(add('2026-11-23T09:00:00.000Z', 'P14D')).toBe('2026-12-07T09:00:00.000Z');
  });

  it('P90D from summer to winter time keeps local time', () => {
    // 2026-08-01 12:00 CEST (10:00Z) + 90 days = 2026-10-30 12:00 CET (11:00Z)
    expect(add('2026-08-01T10:00:00.000Z', 'P90D')).toBe('2026-10-30T11:00:00.000Z');
  });

  it('months and years clamp to the end of the month', () => {
    expect(add('2026-01-31T11:00:00.000Z', 'P1M')).toBe('2026-02-28T11:00:00.000Z');
    expect(add('2028-01-31T11:00:00.000Z', 'P1M')).toBe('2028-02-29T11:00:00.000Z');
    expect(add('2028-02-29T11:00:00.000Z', 'P1Y')).toBe('2029-02-28T11:00:00.000Z');
    expect(add('2026-11-30T11:00:00.000Z', 'P3M')).toBe('2027-02-28T11:00:00.000Z');
  });

  it('applies calendar components first, then exact time', () => {
    // Saturday 2026-03-28 10:00 CET + P1D → Sunday 10:00 CEST, + PT1H → 11:00 CEST
    expect(add('2026-03-28T09:00:00.000Z', 'P1DT1H')).toBe('2026-03-29T09:00:00.000Z');
  });

  it('adds working days in Stockholm time', () => {
    // Thursday 2026-04-02 10:00 CEST + 3 working days → Thursday 2026-04-09 (3/4 and 6/4 skipped)
    expect(add('2026-04-02T08:00:00.000Z', { workingDays: 3 })).toBe('2026-04-09T08:00:00.000Z');
    expect(add('2026-04-02T08:00:00.000Z', { workingDays: 1 })).toBe('2026-04-07T08:00:00.000Z');
  });

  it('accepts parsed durations and negative ones', () => {
    expect(add('2026-11-23T09:00:00.000Z', parseIsoDuration('P2D')!)).toBe('2026-11-25T09:00:00.000Z');
    // action_reminder_before is applied backwards from the due date
    expect(add('2026-11-25T09:00:00.000Z', '-P2D')).toBe('2026-11-23T09:00:00.000Z');
    expect(add('2026-02-28T11:00:00.000Z', '-P1M')).toBe('2026-01-28T11:00:00.000Z');
  });

  it('throws on malformed durations', () => {
    expect(() => addPolicyDuration(new Date(), 'P1.5D')).toThrow(RangeError);
    expect(() => addPolicyDuration(new Date(), '24 hours')).toThrow(RangeError);
  });

  it('property: P1D keeps the Stockholm time of day (outside the skipped/repeated hours)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 400 }),
        (instant, days) => {
          const before = stockholmLocalParts(instant);
          fc.pre(before.hour !== 2);
          const after = stockholmLocalParts(addPolicyDuration(instant, `P${days}D`));
          expect([after.hour, after.minute, after.second, after.millisecond]).toEqual([
            before.hour,
            before.minute,
            before.second,
            before.millisecond,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: time components are exact elapsed time', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (instant, h, m, s) => {
          const result = addPolicyDuration(instant, `PT${h}H${m}M${s}S`);
          expect(result.getTime() - instant.getTime()).toBe(((h * 60 + m) * 60 + s) * 1000);
        },
      ),
    );
  });
});
