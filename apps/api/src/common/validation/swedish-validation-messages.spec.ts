import 'reflect-metadata';
import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { Optional } from './optional';
import { toFieldErrors } from './swedish-validation-messages';
import {
  IsDateOrDateTime,
  IsDateTimeWithOffset,
  IsKnownUnit,
  IsNotBlank,
  isDate,
  isDateTimeWithOffset,
} from './validators';

class Inner {
  @IsDefined()
  @IsString()
  name!: string;
}

class Sample {
  @IsDefined()
  @IsIn(['a', 'b'])
  kind!: string;

  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(5)
  text!: string;

  @Optional()
  @IsInt()
  @Max(10)
  count?: number;

  @Optional()
  @IsKnownUnit()
  unitId?: string;

  @Optional()
  @IsDateTimeWithOffset()
  at?: string;

  @Optional()
  @IsDateOrDateTime()
  on?: string;

  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => Inner)
  inner?: Inner;
}

function errorsOf(plain: Record<string, unknown>) {
  return toFieldErrors(
    validateSync(plainToInstance(Sample, plain), { whitelist: true, forbidNonWhitelisted: true }),
  );
}

describe('Swedish field errors from class-validator', () => {
  it('says what is wrong, per field, in Swedish with a stable code', () => {
    expect(
      errorsOf({
        kind: 'c',
        text: 'abcdefg',
        count: 11,
        unitId: 'månen',
        at: '2026-11-20',
        on: 'igår',
        extra: 1,
      }),
    ).toEqual(
      expect.arrayContaining([
        { field: 'kind', code: 'INVALID_ENUM', message: 'Fältet kind måste vara något av: a, b.' },
        { field: 'text', code: 'TOO_LONG', message: 'Fältet text får vara högst 5 tecken långt.' },
        { field: 'count', code: 'OUT_OF_RANGE', message: 'Fältet count får vara högst 10.' },
        { field: 'unitId', code: 'UNKNOWN_UNIT', message: 'Fältet unitId anger en enhet som inte finns.' },
        {
          field: 'at',
          code: 'INVALID_FORMAT',
          message: expect.stringContaining('datum, klockslag och tidszon'),
        },
        { field: 'on', code: 'INVALID_FORMAT', message: expect.stringContaining('ÅÅÅÅ-MM-DD') },
        { field: 'extra', code: 'UNKNOWN_FIELD', message: 'Fältet extra är okänt och får inte skickas.' },
      ]),
    );
  });

  it('reports a missing field once, as REQUIRED', () => {
    expect(errorsOf({ text: 'x' })).toEqual([
      { field: 'kind', code: 'REQUIRED', message: 'Fältet kind måste anges.' },
    ]);
    expect(errorsOf({ kind: 'a', text: '  ' })).toEqual([
      { field: 'text', code: 'REQUIRED', message: 'Fältet text måste anges och får inte vara tomt.' },
    ]);
  });

  it('refuses null for an optional field and names nested fields by path', () => {
    expect(errorsOf({ kind: 'a', text: 'x', count: null })).toEqual([
      { field: 'count', code: 'INVALID_TYPE', message: 'Fältet count måste vara ett heltal.' },
    ]);
    expect(errorsOf({ kind: 'a', text: 'x', inner: {} })).toEqual([
      { field: 'inner.name', code: 'REQUIRED', message: 'Fältet inner.name måste anges.' },
    ]);
    expect(errorsOf({ kind: 'a', text: 'x', inner: 'text' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'inner', code: 'INVALID_TYPE' })]),
    );
  });
});

describe('date validators', () => {
  it.each([
    ['2026-11-20T14:05:00+01:00', true],
    ['2026-11-20T14:05Z', true],
    ['2026-11-20T14:05:00.123456+01:00', true],
    ['2026-11-20T14:05:00', false],
    ['2026-02-30T14:05:00Z', false],
    ['2026-11-20T24:00:00Z', false],
    ['2026-11-20T10:00:00+25:00', false],
    ['0001-01-01T00:00:00Z', false],
  ])('isDateTimeWithOffset(%s) = %s', (value, expected) => {
    expect(isDateTimeWithOffset(value)).toBe(expected);
  });

  it('knows calendar dates', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-1-2')).toBe(false);
  });
});
