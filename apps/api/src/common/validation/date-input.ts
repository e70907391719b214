import { daysInMonth, isoWeeksInYear } from '@kvalitet/domain';
import type { YearRange } from './accepted-year-range';

/**
 * The date-like strings a request may carry, read as the stores will read them: a calendar date
 * (`2026-11-20`), a date-time with offset (`2026-11-20T14:05:00+01:00`) and an ISO week (`2026-W48`).
 * The parsers judge the form only (any four-digit year, any offset up to ±23:59); whether a store can
 * hold the value is asked separately (`yearsWithin`, `offsetIsStorable`), so a request hears which
 * of the two is wrong.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** Postgres refuses a UTC offset beyond ±15:59 in `timestamptz` input ("time zone displacement out of range"). */
export const MAX_STORABLE_OFFSET_MINUTES = 15 * 60 + 59;

export interface CalendarDateInput {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface DateTimeInput extends CalendarDateInput {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** The digits after the decimal point, '' when none. */
  readonly fraction: string;
  /** East of UTC positive; 0 for `Z`. */
  readonly offsetMinutes: number;
}

export interface IsoWeekInput {
  readonly year: number;
  readonly week: number;
}

function calendarDate(year: number, month: number, day: number): CalendarDateInput | null {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
    ? { year, month, day }
    : null;
}

export function parseCalendarDate(value: unknown): CalendarDateInput | null {
  if (typeof value !== 'string') return null;
  const m = DATE.exec(value);
  return m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function parseDateTimeWithOffset(value: unknown): DateTimeInput | null {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const date = calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const [offsetHours, offsetMins] = [Number(m[9] ?? 0), Number(m[10] ?? 0)];
  if (!date || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMins > 59) return null;
  // The domain reads it with Date.parse; a value JavaScript cannot read is not a timestamp here either.
  if (Number.isNaN(Date.parse(value))) return null;
  const offsetMinutes = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  return { ...date, hour, minute, second, fraction: m[7] ?? '', offsetMinutes };
}

/** `2026-W48`; null when malformed or the year has no such week (W00, W53 of a 52-week year). */
export function parseIsoWeekInput(value: unknown): IsoWeekInput | null {
  if (typeof value !== 'string') return null;
  const m = ISO_WEEK.exec(value);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  return week >= 1 && week <= isoWeeksInYear(year) ? { year, week } : null;
}

/** Postgres keeps microseconds and rounds the rest: `.9999995` and up is the next second. */
function roundsIntoNextSecond(fraction: string): boolean {
  return fraction.length > 6 && Number(fraction.slice(0, 7)) >= 9_999_995;
}

/** The year of the written wall-clock time and the year of the instant in UTC, as Postgres stores it. */
export function yearsOfDateTime(input: DateTimeInput): { readonly local: number; readonly utc: number } {
  const wallClock = new Date(0);
  wallClock.setUTCFullYear(input.year, input.month - 1, input.day);
  wallClock.setUTCHours(
    input.hour,
    input.minute,
    input.second + (roundsIntoNextSecond(input.fraction) ? 1 : 0),
  );
  const instant = new Date(wallClock.getTime() - input.offsetMinutes * 60_000);
  return { local: wallClock.getUTCFullYear(), utc: instant.getUTCFullYear() };
}

/** The years a date-like value names (date, date-time: written and UTC, ISO week); null when it is none. */
export function yearsOf(value: unknown): readonly number[] | null {
  const dateTime = parseDateTimeWithOffset(value);
  if (dateTime) {
    const { local, utc } = yearsOfDateTime(dateTime);
    return [local, utc];
  }
  const date = parseCalendarDate(value) ?? parseIsoWeekInput(value);
  return date ? [date.year] : null;
}

/** Whether every year of a date-like value lies in `range`; null when the value is not date-like. */
export function yearsWithin(value: unknown, range: YearRange): boolean | null {
  const years = yearsOf(value);
  return years === null ? null : years.every((year) => year >= range.min && year <= range.max);
}

/** Whether a date-time's offset is one Postgres accepts; null when the value is no date-time. */
export function offsetIsStorable(value: unknown): boolean | null {
  const dateTime = parseDateTimeWithOffset(value);
  return dateTime === null ? null : Math.abs(dateTime.offsetMinutes) <= MAX_STORABLE_OFFSET_MINUTES;
}
