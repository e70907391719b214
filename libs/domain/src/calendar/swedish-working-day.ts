import { isoWeekdayOfParts, parseLocalDate } from './local-date';
import type { LocalDate } from './local-date';
import { swedishHolidays } from './swedish-holidays';

const holidayDates = new Map<number, ReadonlySet<LocalDate>>();

function holidaysOf(year: number): ReadonlySet<LocalDate> {
  let set = holidayDates.get(year);
  if (!set) {
    set = new Set(swedishHolidays(year).map((h) => h.date));
    holidayDates.set(year, set);
  }
  return set;
}

/**
 * A Swedish working day: Monday–Friday that is neither a public holiday nor a de facto
 * non-working eve (midsommarafton, julafton, nyårsafton).
 */
export function isSwedishWorkingDay(date: LocalDate): boolean {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Ogiltigt datum: "${date}" (förväntat YYYY-MM-DD)`);
  if (isoWeekdayOfParts(parts) >= 6) return false;
  return !holidaysOf(parts.year).has(date);
}
