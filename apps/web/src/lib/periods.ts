import { isoWeekOf, formatIsoWeek, parseIsoWeek, isoWeekRange, isoWeeksInYear } from '@kvalitet/domain';

export function currentIsoWeek(now: Date = new Date()): string {
  return formatIsoWeek(isoWeekOf(now));
}

/** The ISO week `delta` weeks from `week` ("2026-W48" → "2026-W49"); the input unchanged if malformed. */
export function shiftIsoWeek(week: string, delta: number): string {
  const parsed = parseIsoWeek(week);
  if (!parsed) return week;
  let { year, week: w } = parsed;
  w += delta;
  while (w < 1) {
    year -= 1;
    w += isoWeeksInYear(year);
  }
  while (w > isoWeeksInYear(year)) {
    w -= isoWeeksInYear(year);
    year += 1;
  }
  return formatIsoWeek({ year, week: w });
}

export function isValidIsoWeek(week: string): boolean {
  return parseIsoWeek(week) !== null;
}

/** "Vecka 48, 23–29 november 2026". */
export function describeIsoWeek(week: string): string {
  const parsed = parseIsoWeek(week);
  if (!parsed) return week;
  const range = isoWeekRange(parsed);
  const fmt = new Intl.DateTimeFormat('sv-SE', {
    day: 'numeric',
    month: 'long',
    timeZone: 'Europe/Stockholm',
  });
  const last = new Date(range.to.getTime() - 1);
  return `Vecka ${parsed.week}, ${fmt.format(range.from)} – ${fmt.format(last)} ${parsed.year}`;
}

export function currentTertial(now: Date = new Date()): { year: number; tertial: 1 | 2 | 3 } {
  const month = Number(
    new Intl.DateTimeFormat('en-GB', { month: 'numeric', timeZone: 'Europe/Stockholm' }).format(now),
  );
  const year = Number(
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'Europe/Stockholm' }).format(now),
  );
  return { year, tertial: month <= 4 ? 1 : month <= 8 ? 2 : 3 };
}
