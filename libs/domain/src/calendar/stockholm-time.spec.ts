import fc from 'fast-check';
import {
  stockholmDateOf,
  stockholmLocalParts,
  stockholmOffsetMinutes,
  stockholmStartOfDay,
  stockholmWallClockToInstant,
} from './stockholm-time';

const at = (iso: string): Date => new Date(iso);

describe('stockholmLocalParts', () => {
  it('reads winter time (UTC+1) and summer time (UTC+2)', () => {
    expect(stockholmLocalParts(at('2026-01-15T11:30:45.123Z'))).toEqual({
      year: 2026,
      month: 1,
      day: 15,
      hour: 12,
      minute: 30,
      second: 45,
      millisecond: 123,
      weekday: 4,
      date: '2026-01-15',
    });
    expect(stockholmLocalParts(at('2026-07-01T22:15:00Z'))).toMatchObject({
      date: '2026-07-02',
      hour: 0,
      minute: 15,
      weekday: 4,
    });
  });

  it('jumps 02:00 → 03:00 on the last Sunday of March', () => {
    expect(stockholmLocalParts(at('2026-03-29T00:59:59.999Z'))).toMatchObject({
      hour: 1,
      minute: 59,
      millisecond: 999,
    });
    expect(stockholmLocalParts(at('2026-03-29T01:00:00Z'))).toMatchObject({ hour: 3, minute: 0 });
    expect(stockholmOffsetMinutes(at('2026-03-29T00:59:59Z'))).toBe(60);
    expect(stockholmOffsetMinutes(at('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('repeats 02:00–03:00 on the last Sunday of October', () => {
    expect(stockholmLocalParts(at('2026-10-25T00:30:00Z'))).toMatchObject({ hour: 2, minute: 30 });
    expect(stockholmLocalParts(at('2026-10-25T01:30:00Z'))).toMatchObject({ hour: 2, minute: 30 });
    expect(stockholmOffsetMinutes(at('2026-10-25T00:30:00Z'))).toBe(120);
    expect(stockholmOffsetMinutes(at('2026-10-25T01:30:00Z'))).toBe(60);
  });

  it('gives the Stockholm date, not the UTC date', () => {
    expect(stockholmDateOf(at('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('refuses an invalid Date', () => {
    expect(() => stockholmLocalParts(new Date('nope'))).toThrow(RangeError);
  });
});

describe('stockholmWallClockToInstant', () => {
  it('converts ordinary times', () => {
    expect(stockholmWallClockToInstant({ year: 2026, month: 1, day: 15, hour: 12 }).toISOString()).toBe(
      '2026-01-15T11:00:00.000Z',
    );
    expect(stockholmWallClockToInstant({ year: 2026, month: 7, day: 1, hour: 12 }).toISOString()).toBe(
      '2026-07-01T10:00:00.000Z',
    );
  });

  it('moves a skipped time forward by the gap (02:30 → 03:30 CEST)', () => {
    expect(
      stockholmWallClockToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }).toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
  });

  it('resolves a repeated time to the earlier instant', () => {
    expect(
      stockholmWallClockToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
    expect(stockholmWallClockToInstant({ year: 2026, month: 10, day: 25, hour: 3 }).toISOString()).toBe(
      '2026-10-25T02:00:00.000Z',
    );
  });

  it('gives the start of a Stockholm day', () => {
    expect(stockholmStartOfDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(stockholmStartOfDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(() => stockholmStartOfDay('2026-02-30')).toThrow(RangeError);
  });

  it('property: round-trips every instant up to the repeated autumn hour', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2060-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const parts = stockholmLocalParts(instant);
          const back = stockholmWallClockToInstant(parts);
          expect(stockholmLocalParts(back)).toEqual(parts);
          const diff = instant.getTime() - back.getTime();
          // the repeated hour 02:00–03:00: last Sunday of October, before 1996 of September
          const autumnMonth = parts.year < 1996 ? 9 : 10;
          expect(diff === 0 || (diff === 3_600_000 && parts.hour === 2 && parts.month === autumnMonth)).toBe(
            true,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
