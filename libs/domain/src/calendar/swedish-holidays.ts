import { easterSunday } from './easter';
import {
  addDaysToLocalDate,
  dayNumberToLocalDateParts,
  formatLocalDate,
  isoWeekdayOfParts,
  localDateToDayNumber,
  parseLocalDate,
} from './local-date';
import type { LocalDate } from './local-date';

export interface SwedishHoliday {
  readonly date: LocalDate;
  readonly name: string;
  /**
   * false for the de facto non-working days that are not public holidays by law
   * (midsommarafton, julafton, nyårsafton).
   */
  readonly official: boolean;
}

/** The date in [fromDay, fromDay + 6] (rolling into the next month if need be) on `isoWeekday`. */
function weekdayOnOrAfter(year: number, month: number, fromDay: number, isoWeekday: number): LocalDate {
  const first = localDateToDayNumber({ year, month, day: fromDay });
  const offset = (isoWeekday - isoWeekdayOfParts({ year, month, day: fromDay }) + 7) % 7;
  return formatLocalDate(dayNumberToLocalDateParts(first + offset));
}

const cache = new Map<number, readonly SwedishHoliday[]>();

/**
 * Swedish public holidays of a year, computed by rule (lag 1989:253 om allmänna helgdagar),
 * plus the de facto non-working eves midsommarafton, julafton and nyårsafton. Sorted by date.
 */
export function swedishHolidays(year: number): SwedishHoliday[] {
  const cached = cache.get(year);
  if (cached) return [...cached];
  const easter = easterSunday(year); // validates the year
  const fixed = (month: number, day: number): LocalDate => formatLocalDate({ year, month, day });
  const list: SwedishHoliday[] = [
    { date: fixed(1, 1), name: 'Nyårsdagen', official: true },
    { date: fixed(1, 6), name: 'Trettondedag jul', official: true },
    { date: addDaysToLocalDate(easter, -2), name: 'Långfredagen', official: true },
    { date: easter, name: 'Påskdagen', official: true },
    { date: addDaysToLocalDate(easter, 1), name: 'Annandag påsk', official: true },
    { date: fixed(5, 1), name: 'Första maj', official: true },
    { date: addDaysToLocalDate(easter, 39), name: 'Kristi himmelsfärdsdag', official: true },
    { date: addDaysToLocalDate(easter, 49), name: 'Pingstdagen', official: true },
    { date: fixed(6, 6), name: 'Sveriges nationaldag', official: true },
    { date: weekdayOnOrAfter(year, 6, 19, 5), name: 'Midsommarafton', official: false },
    { date: weekdayOnOrAfter(year, 6, 20, 6), name: 'Midsommardagen', official: true },
    { date: weekdayOnOrAfter(year, 10, 31, 6), name: 'Alla helgons dag', official: true },
    { date: fixed(12, 24), name: 'Julafton', official: false },
    { date: fixed(12, 25), name: 'Juldagen', official: true },
    { date: fixed(12, 26), name: 'Annandag jul', official: true },
    { date: fixed(12, 31), name: 'Nyårsafton', official: false },
  ];
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(year, Object.freeze(list.map((h) => Object.freeze(h))));
  return [...list];
}

/** The holiday (or de facto non-working eve) on a date, or null. */
export function swedishHolidayOn(date: LocalDate): SwedishHoliday | null {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Ogiltigt datum: "${date}" (förväntat YYYY-MM-DD)`);
  return swedishHolidays(parts.year).find((h) => h.date === date) ?? null;
}
