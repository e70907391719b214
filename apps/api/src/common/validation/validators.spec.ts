import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsDefined, IsString, Matches, validateSync } from 'class-validator';
import { Optional } from './optional';
import { toFieldErrors } from './swedish-validation-messages';
import {
  IsCalendarDate,
  IsDateOrDateTime,
  IsDateTimeWithOffset,
  IsIsoWeek,
  IsWithinAcceptedYears,
  isDate,
  isDateTimeWithOffset,
  isIsoWeek,
} from './validators';

class Dates {
  @Optional()
  @IsDateTimeWithOffset()
  occurredAt?: string;

  @Optional()
  @IsDateOrDateTime()
  from?: string;

  @Optional()
  @IsCalendarDate()
  validFrom?: string;

  @Optional()
  @IsString()
  @IsIsoWeek()
  week?: string;

  @Optional()
  @IsDefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsWithinAcceptedYears()
  date?: string;
}

const errorsOf = (plain: Record<string, unknown>) =>
  toFieldErrors(validateSync(plainToInstance(Dates, plain)));

describe('date validators: the accepted years (default 1900–2100)', () => {
  it.each([
    ['1900-01-01T00:00:00Z', true],
    ['1900-01-01T00:00:00.000-00:30', true],
    ['2100-12-31T23:59:59Z', true],
    ['2100-12-31T23:59:59.999999Z', true],
    ['2100-12-31T23:59:59.999999+15:59', true],
    ['1899-12-31T23:59:59Z', false],
    ['2101-01-01T00:00:00Z', false],
    // the written year is 2100 / 1900, but the instant is in 2101 / 1899
    ['2100-12-31T23:00:00-01:00', false],
    ['2100-12-31T20:00:00-15:59', false],
    ['1900-01-01T00:59:59+01:00', false],
    ['1900-01-01T01:00:00+01:00', true],
    // the written year is 2101 / 1899, though the instant is in 2100 / 1900
    ['2101-01-01T00:30:00+01:00', false],
    ['1899-12-31T23:30:00-01:00', false],
    // Postgres would round this into 2101
    ['2100-12-31T23:59:59.9999995Z', false],
    // the case: year 10000 in UTC (and an offset Postgres refuses)
    ['9999-12-31T23:59:59-18:00', false],
    ['9999-12-31T23:59:59Z', false],
    ['0001-01-01T00:00:00Z', false],
  ])('isDateTimeWithOffset(%s) = %s', (value, expected) => {
    expect(isDateTimeWithOffset(value)).toBe(expected);
  });

  it('accepts only offsets Postgres stores (±15:59)', () => {
    expect(isDateTimeWithOffset('2026-06-01T12:00:00+14:00')).toBe(true);
    expect(isDateTimeWithOffset('2026-06-01T12:00:00-15:59')).toBe(true);
    expect(isDateTimeWithOffset('2026-06-01T12:00:00+16:00')).toBe(false);
    expect(isDateTimeWithOffset('2026-06-01T12:00:00-18:00')).toBe(false);
  });

  it('knows leap days at the ends of the range', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2000-02-29')).toBe(true);
    expect(isDate('2096-02-29')).toBe(true);
    expect(isDate('1904-02-29')).toBe(true);
    expect(isDate('1900-02-29')).toBe(false);
    expect(isDate('2100-02-29')).toBe(false);
    expect(isDateTimeWithOffset('2096-02-29T23:59:59-15:00')).toBe(true);
    expect(isDateTimeWithOffset('2100-02-29T12:00:00Z')).toBe(false);
  });

  it.each([
    ['1900-01-01', true],
    ['2100-12-31', true],
    ['1899-12-31', false],
    ['2101-01-01', false],
    ['9999-12-31', false],
  ])('isDate(%s) = %s', (value, expected) => {
    expect(isDate(value)).toBe(expected);
  });

  it.each([
    ['1900-W01', true],
    ['2100-W52', true],
    ['2100-W53', false], // 2100 has 52 ISO weeks
    ['2099-W53', true],
    ['1899-W52', false],
    ['2101-W01', false],
    ['2026-W00', false],
    ['2026-W54', false],
  ])('isIsoWeek(%s) = %s', (value, expected) => {
    expect(isIsoWeek(value)).toBe(expected);
  });
});

describe('date validators: Swedish field errors', () => {
  const outOfRange = (field: string) => ({
    field,
    code: 'OUT_OF_RANGE',
    message: `Fältet ${field} måste ligga mellan år 1900 och 2100.`,
  });

  it('names the field of a value outside the years, with its own code', () => {
    expect(errorsOf({ occurredAt: '2101-01-01T00:00:00Z' })).toEqual([outOfRange('occurredAt')]);
    expect(errorsOf({ occurredAt: '2100-12-31T23:30:00-01:00' })).toEqual([outOfRange('occurredAt')]);
    expect(errorsOf({ from: '1899-12-31' })).toEqual([outOfRange('from')]);
    expect(errorsOf({ from: '1900-01-01T00:00:00+01:00' })).toEqual([outOfRange('from')]);
    expect(errorsOf({ validFrom: '2101-01-01' })).toEqual([outOfRange('validFrom')]);
    expect(errorsOf({ week: '2101-W01' })).toEqual([outOfRange('week')]);
    expect(errorsOf({ date: '1850-06-01' })).toEqual([outOfRange('date')]);
  });

  it('the issue’s timestamp: both the year and the offset, each named', () => {
    expect(errorsOf({ occurredAt: '9999-12-31T23:59:59-18:00' })).toEqual([
      {
        field: 'occurredAt',
        code: 'OUT_OF_RANGE',
        message: 'Fältet occurredAt måste ha en tidszon mellan -15:59 och +15:59.',
      },
      outOfRange('occurredAt'),
    ]);
    expect(errorsOf({ occurredAt: '2026-11-20T14:05:00+16:00' })).toEqual([
      expect.objectContaining({
        field: 'occurredAt',
        code: 'OUT_OF_RANGE',
        message: expect.stringContaining('tidszon'),
      }),
    ]);
  });

  it('a wrong form is INVALID_FORMAT alone, whatever year it names', () => {
    expect(errorsOf({ occurredAt: '1800-01-01' })).toEqual([
      {
        field: 'occurredAt',
        code: 'INVALID_FORMAT',
        message:
          'Fältet occurredAt måste vara en tidpunkt med datum, klockslag och tidszon, till exempel 2026-11-20T14:05:00+01:00.',
      },
    ]);
    expect(errorsOf({ from: '1800-02-30' })).toEqual([
      expect.objectContaining({ field: 'from', code: 'INVALID_FORMAT' }),
    ]);
    expect(errorsOf({ validFrom: '2101-01-01T00:00:00Z' })).toEqual([
      {
        field: 'validFrom',
        code: 'INVALID_FORMAT',
        message: 'Fältet validFrom måste vara ett datum. Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-20.',
      },
    ]);
    expect(errorsOf({ week: '2027-W53' })).toEqual([
      {
        field: 'week',
        code: 'INVALID_FORMAT',
        message:
          'Fältet week måste vara en vecka som finns (vecka 01–52 eller 53). Ange vecka som ÅÅÅÅ-Www, till exempel 2026-W48.',
      },
    ]);
    expect(errorsOf({ date: '2027-02-30' })).toEqual([]); // a real calendar date is the domain's to judge here
    expect(errorsOf({ date: '3/4/2027' })).toEqual([
      expect.objectContaining({ field: 'date', code: 'INVALID_FORMAT' }),
    ]);
  });

  it('lets values inside the range through', () => {
    expect(
      errorsOf({
        occurredAt: '2100-12-31T23:59:59.999999Z',
        from: '1900-01-01',
        validFrom: '2028-02-29',
        week: '2026-W53',
        date: '2100-12-31',
      }),
    ).toEqual([]);
  });
});

describe('date validators: a configured range', () => {
  const saved = { min: process.env['ACCEPTED_YEAR_MIN'], max: process.env['ACCEPTED_YEAR_MAX'] };
  afterEach(() => {
    for (const [name, value] of [
      ['ACCEPTED_YEAR_MIN', saved.min],
      ['ACCEPTED_YEAR_MAX', saved.max],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('is read from ACCEPTED_YEAR_MIN / ACCEPTED_YEAR_MAX, once, and named in the message', async () => {
    process.env['ACCEPTED_YEAR_MIN'] = '2000';
    process.env['ACCEPTED_YEAR_MAX'] = '2030';
    // A fresh module registry, so the range is read anew from this environment.
    await jest.isolateModulesAsync(async () => {
      const validators = await import('./validators');
      const messages = await import('./swedish-validation-messages');
      expect(validators.isDate('2000-01-01')).toBe(true);
      expect(validators.isDate('1999-12-31')).toBe(false);
      expect(validators.isDateTimeWithOffset('2030-12-31T23:59:59Z')).toBe(true);
      expect(validators.isDateTimeWithOffset('2030-12-31T23:59:59-00:01')).toBe(false);
      process.env['ACCEPTED_YEAR_MAX'] = '2100'; // read once: a later change is not seen
      expect(validators.isDate('2031-01-01')).toBe(false);

      class Configured {
        @validators.IsDateTimeWithOffset()
        at!: string;
      }
      expect(
        messages.toFieldErrors(validateSync(plainToInstance(Configured, { at: '1999-06-01T12:00:00Z' }))),
      ).toEqual([
        { field: 'at', code: 'OUT_OF_RANGE', message: 'Fältet at måste ligga mellan år 2000 och 2030.' },
      ]);
    });
  });
});
