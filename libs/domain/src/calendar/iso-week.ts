import {
  dayNumberToLocalDateParts,
  isoWeekdayOfParts,
  localDateToDayNumber,
  parseLocalDate,
} from './local-date';
import type { LocalDate, LocalDateParts } from './local-date';
import type { PeriodRange } from './period-range';
import { stockholmLocalParts, stockholmWallClockToInstant } from './stockholm-time';

/** An ISO-8601 week (Monday first; week 1 contains the year's first Thursday). */
export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** Number of ISO weeks (52 or 53) in an ISO week-numbering year. */
export function isoWeeksInYear(year: number): 52 | 53 {
  // A year has 53 weeks when 1 January is a Thursday, or a Wednesday in a leap year;
  // equivalently when 28 December falls in week 53.
  return isoWeekOfParts({ year, month: 12, day: 28 }).week === 53 ? 53 : 52;
}

function isoWeekOfParts(parts: LocalDateParts): IsoWeek {
  const dayNumber = localDateToDayNumber(parts);
  const thursday = dayNumberToLocalDateParts(dayNumber + 4 - isoWeekdayOfParts(parts));
  const firstOfYear = localDateToDayNumber({ year: thursday.year, month: 1, day: 1 });
  const dayOfYear = localDateToDayNumber(thursday) - firstOfYear;
  return { year: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** The ISO week of a calendar date. */
export function isoWeekOfDate(date: LocalDate): IsoWeek {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Ogiltigt datum: "${date}" (förväntat YYYY-MM-DD)`);
  return isoWeekOfParts(parts);
}

/** The ISO week an instant falls in, in Stockholm time. */
export function isoWeekOf(instant: Date): IsoWeek {
  return isoWeekOfParts(stockholmLocalParts(instant));
}

/** `2026-W48` → { year: 2026, week: 48 }; null when malformed or the year has no such week. */
export function parseIsoWeek(value: string): IsoWeek | null {
  const match = ISO_WEEK_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 1000 || week < 1 || week > isoWeeksInYear(year)) return null;
  return { year, week };
}

export function formatIsoWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

/** Monday (as a day number) of an ISO week. */
function mondayOf(week: IsoWeek): number {
  const jan4 = { year: week.year, month: 1, day: 4 };
  const mondayOfWeek1 = localDateToDayNumber(jan4) - (isoWeekdayOfParts(jan4) - 1);
  return mondayOfWeek1 + (week.week - 1) * 7;
}

/**
 * Monday 00:00 Stockholm to the next Monday 00:00 Stockholm, as UTC instants (`to` exclusive).
 * Throws RangeError for a malformed or non-existent week.
 */
export function isoWeekRange(week: string | IsoWeek): PeriodRange {
  const parsed = typeof week === 'string' ? parseIsoWeek(week) : parseIsoWeek(formatIsoWeek(week));
  if (!parsed) {
    throw new RangeError(`Ogiltig vecka: ${typeof week === 'string' ? week : JSON.stringify(week)}`);
  }
  const monday = mondayOf(parsed);
  return {
    from: stockholmWallClockToInstant(dayNumberToLocalDateParts(monday)),
    to: stockholmWallClockToInstant(dayNumberToLocalDateParts(monday + 7)),
  };
}
