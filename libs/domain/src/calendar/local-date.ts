/**
 * Calendar dates without a time zone ("2026-04-05"), as used for holidays, working days and
 * period boundaries. Arithmetic is done on the proleptic Gregorian calendar via UTC day numbers,
 * so it never depends on the host's time zone.
 */

/** A calendar date in the form `YYYY-MM-DD`. */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 for a calendar date (negative before it). */
export function localDateToDayNumber(parts: LocalDateParts): number {
  const d = new Date(0);
  d.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return Math.round(d.getTime() / DAY_MS);
}

export function dayNumberToLocalDateParts(dayNumber: number): LocalDateParts {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function formatLocalDate(parts: LocalDateParts): LocalDate {
  const y = String(parts.year).padStart(4, '0');
  const m = String(parts.month).padStart(2, '0');
  const d = String(parts.day).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Parses `YYYY-MM-DD`; null when malformed or not a real date (e.g. 2026-02-30). */
export function parseLocalDate(value: string): LocalDateParts | null {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isValidLocalDate(value: string): boolean {
  return parseLocalDate(value) !== null;
}

function requireLocalDate(value: LocalDate): LocalDateParts {
  const parts = parseLocalDate(value);
  if (!parts) throw new RangeError(`Ogiltigt datum: "${value}" (förväntat YYYY-MM-DD)`);
  return parts;
}

export function addDaysToLocalDate(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Antal dagar måste vara ett heltal: ${days}`);
  return formatLocalDate(dayNumberToLocalDateParts(localDateToDayNumber(requireLocalDate(date)) + days));
}

export function isoWeekdayOfParts(parts: LocalDateParts): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const n = localDateToDayNumber(parts);
  return (((((n + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isoWeekdayOf(date: LocalDate): IsoWeekday {
  return isoWeekdayOfParts(requireLocalDate(date));
}
