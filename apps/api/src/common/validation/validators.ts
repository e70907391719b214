import { registerDecorator, type ValidationOptions } from 'class-validator';
import { ORGANISATION } from '../../org/organisation.instance';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,100}$/;

function validCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isDateTimeWithOffset(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m
    .slice(1, 7)
    .map((p) => (p === undefined ? 0 : Number(p))) as number[];
  if (
    year! < 1900 ||
    year! > 9999 ||
    !validCalendarDate(year!, month!, day!) ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  )
    return false;
  if (m[7] !== 'Z') {
    const [oh, om] = m[7]!.slice(1).split(':').map(Number) as [number, number];
    if (oh > 18 || om > 59) return false;
  }
  return !Number.isNaN(Date.parse(value));
}

export function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return !!m && Number(m[1]) >= 1900 && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function simple(name: string, test: (value: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (object, propertyName) =>
      registerDecorator({
        name,
        target: object.constructor,
        propertyName: String(propertyName),
        options,
        validator: { validate: test },
      });
}

/** ISO-8601 date-time with an offset (`2026-11-20T14:05:00+01:00`). */
export const IsDateTimeWithOffset = simple('isDateTimeWithOffset', isDateTimeWithOffset);

/** A calendar date (`2026-11-20`) or a date-time with offset. */
export const IsDateOrDateTime = simple('isDateOrDateTime', (v) => isDate(v) || isDateTimeWithOffset(v));

/** A unit id of the organisation (`solgarden`). */
export const IsKnownUnit = simple('isKnownUnit', (v) => typeof v === 'string' && ORGANISATION.has(v));

/** A string with something other than white space in it. */
export const IsNotBlank = simple('isNotBlank', (v) => typeof v === 'string' && v.trim().length > 0);

export const IsUsername = simple('isUsername', (v) => typeof v === 'string' && USERNAME_PATTERN.test(v));
