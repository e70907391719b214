import { registerDecorator, type ValidationOptions } from 'class-validator';
import { ORGANISATION } from '../../org/organisation.instance';
import { acceptedYearRange } from './accepted-year-range';
import {
  offsetIsStorable,
  parseCalendarDate,
  parseDateTimeWithOffset,
  parseIsoWeekInput,
  yearsWithin,
} from './date-input';

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,100}$/;

/** A date-time with offset that a store can hold: right form, storable offset, years in the accepted range. */
export function isDateTimeWithOffset(value: unknown): value is string {
  return (
    parseDateTimeWithOffset(value) !== null && offsetIsStorable(value) === true && withinAcceptedYears(value)
  );
}

/** A calendar date `YYYY-MM-DD` in the accepted range of years. */
export function isDate(value: unknown): value is string {
  return parseCalendarDate(value) !== null && withinAcceptedYears(value);
}

/** An ISO week `YYYY-Www` that exists, in the accepted range of years. */
export function isIsoWeek(value: unknown): value is string {
  return parseIsoWeekInput(value) !== null && withinAcceptedYears(value);
}

/** Not date-like at all counts as within: the form is another constraint's to report. */
function withinAcceptedYears(value: unknown): boolean {
  return yearsWithin(value, acceptedYearRange()) !== false;
}

/** A constraint `name` that holds where `test` does; the message comes from swedish-validation-messages. */
export function simpleConstraint(name: string, test: (value: unknown) => boolean) {
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

/**
 * Next to a `Matches`: a date, date-time or ISO week whose years (for a date-time both the written
 * one and the one in UTC) lie outside the accepted range (`accepted-year-range.ts`) is OUT_OF_RANGE.
 * Anything not date-like passes here; its form is the other constraint's to report.
 */
export const IsWithinAcceptedYears = simpleConstraint('isWithinAcceptedYears', withinAcceptedYears);

/**
 * A format constraint (INVALID_FORMAT) and, for a value of that form only, the store's: the years
 * and, for date-times, the offset (each OUT_OF_RANGE) — so every failure is reported once, by itself.
 */
function dateLike(name: string, format: (value: unknown) => boolean, checks: { offset: boolean }) {
  const constraints = [
    simpleConstraint(name, format),
    ...(checks.offset
      ? [simpleConstraint('hasStorableOffset', (v) => !format(v) || offsetIsStorable(v) !== false)]
      : []),
    simpleConstraint('isWithinAcceptedYears', (v) => !format(v) || withinAcceptedYears(v)),
  ];
  return (options?: ValidationOptions): PropertyDecorator =>
    (object, propertyName) => {
      for (const constraint of constraints) constraint(options)(object, propertyName);
    };
}

/** ISO-8601 date-time with an offset (`2026-11-20T14:05:00+01:00`) a store can hold. */
export const IsDateTimeWithOffset = dateLike(
  'isDateTimeWithOffset',
  (v) => parseDateTimeWithOffset(v) !== null,
  { offset: true },
);

/** A calendar date (`2026-11-20`) or a date-time with offset, a store can hold. */
export const IsDateOrDateTime = dateLike(
  'isDateOrDateTime',
  (v) => parseCalendarDate(v) !== null || parseDateTimeWithOffset(v) !== null,
  { offset: true },
);

/** A calendar date `YYYY-MM-DD` in the accepted years. */
export const IsCalendarDate = dateLike('isCalendarDate', (v) => parseCalendarDate(v) !== null, {
  offset: false,
});

/** An ISO week (`2026-W48`) that exists, in the accepted years. */
export const IsIsoWeek = dateLike('isIsoWeek', (v) => parseIsoWeekInput(v) !== null, { offset: false });

/** A unit id of the organisation (`solgarden`). */
export const IsKnownUnit = simpleConstraint(
  'isKnownUnit',
  (v) => typeof v === 'string' && ORGANISATION.has(v),
);

/** A string with something other than white space in it. */
export const IsNotBlank = simpleConstraint('isNotBlank', (v) => typeof v === 'string' && v.trim().length > 0);

export const IsUsername = simpleConstraint(
  'isUsername',
  (v) => typeof v === 'string' && USERNAME_PATTERN.test(v),
);
