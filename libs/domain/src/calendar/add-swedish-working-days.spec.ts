import fc from 'fast-check';
import { addSwedishWorkingDays } from './add-swedish-working-days';
import { stockholmLocalParts } from './stockholm-time';
import { isSwedishWorkingDay } from './swedish-working-day';

const add = (iso: string, days: number): string => addSwedishWorkingDays(new Date(iso), days).toISOString();

describe('addSwedishWorkingDays', () => {
  it('skips weekends', () => {
    // Friday 2026-11-20 10:00 CET → Monday 2026-11-23 10:00 CET
    expect(add('2026-11-20T09:00:00.000Z', 1)).toBe('2026-11-23T09:00:00.000Z');
    expect(add('2026-11-16T09:00:00.000Z', 5)).toBe('2026-11-23T09:00:00.000Z');
  });

  it('skips Easter (långfredagen and annandag påsk)', () => {
    // Thursday 2026-04-02 10:00 CEST → Tuesday 2026-04-07 10:00 CEST
    expect(add('2026-04-02T08:00:00.000Z', 1)).toBe('2026-04-07T08:00:00.000Z');
    expect(add('2026-04-02T08:00:00.000Z', 2)).toBe('2026-04-08T08:00:00.000Z');
    expect(add('2026-04-07T08:00:00.000Z', -1)).toBe('2026-04-02T08:00:00.000Z');
  });

  it('skips Christmas and New Year (julafton, juldagen, nyårsafton, nyårsdagen)', () => {
    // Wednesday 2026-12-23 14:00 CET
    expect(add('2026-12-23T13:00:00.000Z', 1)).toBe('2026-12-28T13:00:00.000Z');
    expect(add('2026-12-23T13:00:00.000Z', 3)).toBe('2026-12-30T13:00:00.000Z');
    expect(add('2026-12-23T13:00:00.000Z', 4)).toBe('2027-01-04T13:00:00.000Z');
    // 2027-01-05 Tuesday, 2027-01-06 trettondedag jul
    expect(add('2026-12-23T13:00:00.000Z', 6)).toBe('2027-01-07T13:00:00.000Z');
  });

  it('skips midsommarafton', () => {
    // Thursday 2026-06-18 09:00 CEST → Monday 2026-06-22 09:00 CEST
    expect(add('2026-06-18T07:00:00.000Z', 1)).toBe('2026-06-22T07:00:00.000Z');
  });

  it('keeps the local time of day across the spring DST change', () => {
    // Friday 2026-03-27 09:00 CET (08:00Z) → Monday 2026-03-30 09:00 CEST (07:00Z)
    expect(add('2026-03-27T08:00:00.000Z', 1)).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps the local time of day across the autumn DST change', () => {
    // Friday 2026-10-23 09:00 CEST (07:00Z) → Monday 2026-10-26 09:00 CET (08:00Z)
    expect(add('2026-10-23T07:00:00.000Z', 1)).toBe('2026-10-26T08:00:00.000Z');
    expect(add('2026-10-26T08:00:00.000Z', -1)).toBe('2026-10-23T07:00:00.000Z');
  });

  it('counts from the Stockholm date, not the UTC date', () => {
    // 2026-03-27T23:30Z is Saturday 2026-03-28 00:30 CET → Monday 2026-03-30 00:30 CEST
    expect(add('2026-03-27T23:30:00.000Z', 1)).toBe('2026-03-29T22:30:00.000Z');
  });

  it('from a non-working day, +1 is the next working day', () => {
    // Saturday 2026-04-04 (påskafton) 12:00 CEST → Tuesday 2026-04-07 12:00
    expect(add('2026-04-04T10:00:00.000Z', 1)).toBe('2026-04-07T10:00:00.000Z');
  });

  it('returns the same instant for 0 and refuses non-integers', () => {
    expect(add('2026-04-04T10:00:00.000Z', 0)).toBe('2026-04-04T10:00:00.000Z');
    expect(() => addSwedishWorkingDays(new Date('2026-04-04T10:00:00Z'), 1.5)).toThrow(RangeError);
    expect(() => addSwedishWorkingDays(new Date('2026-04-04T10:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => addSwedishWorkingDays(new Date('x'), 1)).toThrow(RangeError);
  });

  const instants = fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2035-12-31T00:00:00Z'),
    noInvalidDate: true,
  });

  it('property: always lands on a working day, later, at the same local time of day', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 60 }), (instant, days) => {
        const result = addSwedishWorkingDays(instant, days);
        const before = stockholmLocalParts(instant);
        const after = stockholmLocalParts(result);
        expect(isSwedishWorkingDay(after.date)).toBe(true);
        expect(result.getTime()).toBeGreaterThan(instant.getTime());
        expect([after.hour, after.minute, after.second, after.millisecond]).toEqual(
          // a skipped spring hour can only be the start (a Sunday), never the result
          [before.hour, before.minute, before.second, before.millisecond],
        );
      }),
      { numRuns: 300 },
    );
  });

  it('property: strictly monotonic in the number of days', () => {
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: -40, max: 40 }),
        (instant, a, b) => {
          fc.pre(a !== b);
          const [lo, hi] = a < b ? [a, b] : [b, a];
          expect(addSwedishWorkingDays(instant, lo).getTime()).toBeLessThan(
            addSwedishWorkingDays(instant, hi).getTime(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: monotonic in the start instant (for starts on working days)', () => {
    fc.assert(
      fc.property(instants, instants, fc.integer({ min: 1, max: 30 }), (x, y, days) => {
        const [early, late] = x.getTime() <= y.getTime() ? [x, y] : [y, x];
        fc.pre(isSwedishWorkingDay(stockholmLocalParts(early).date));
        fc.pre(isSwedishWorkingDay(stockholmLocalParts(late).date));
        expect(addSwedishWorkingDays(early, days).getTime()).toBeLessThanOrEqual(
          addSwedishWorkingDays(late, days).getTime(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('property: n working days forward then n back returns to the start on working days', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 30 }), (instant, days) => {
        fc.pre(isSwedishWorkingDay(stockholmLocalParts(instant).date));
        expect(addSwedishWorkingDays(addSwedishWorkingDays(instant, days), -days).getTime()).toBe(
          instant.getTime(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
