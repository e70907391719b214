import { formatLocalDate, isoWeekdayOfParts, parseLocalDate } from './local-date';
import type { IsoWeekday, LocalDate } from './local-date';

/** All calendar reasoning in the system happens in this zone (DATA-12). */
export const STOCKHOLM_TIME_ZONE = 'Europe/Stockholm';

/** Wall-clock reading of an instant in Europe/Stockholm. */
export interface StockholmLocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly weekday: IsoWeekday;
  /** `YYYY-MM-DD` */
  readonly date: LocalDate;
}

/** A Stockholm wall-clock time to convert to an instant; omitted time fields are 0. */
export interface StockholmWallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
  readonly millisecond?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let formatter: Intl.DateTimeFormat | undefined;

function stockholmFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: STOCKHOLM_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return formatter;
}

function requireValidInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError('Ogiltig tidpunkt');
  return ms;
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. */
function wallClockAsUtcMs(w: StockholmWallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour ?? 0, w.minute ?? 0, w.second ?? 0, w.millisecond ?? 0);
  return d.getTime();
}

function readWallClock(ms: number): Omit<StockholmLocalParts, 'weekday' | 'date'> {
  const fields: Record<string, number> = {};
  for (const part of stockholmFormatter().formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const millisecond = ((ms % 1000) + 1000) % 1000;
  return {
    year: fields['year'] ?? Number.NaN,
    month: fields['month'] ?? Number.NaN,
    day: fields['day'] ?? Number.NaN,
    hour: (fields['hour'] ?? Number.NaN) % 24,
    minute: fields['minute'] ?? Number.NaN,
    second: fields['second'] ?? Number.NaN,
    millisecond,
  };
}

/** Offset of Stockholm from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetMsAt(ms: number): number {
  return wallClockAsUtcMs(readWallClock(ms)) - ms;
}

/** The Stockholm wall-clock reading of an instant. */
export function stockholmLocalParts(instant: Date): StockholmLocalParts {
  const parts = readWallClock(requireValidInstant(instant));
  return {
    ...parts,
    weekday: isoWeekdayOfParts(parts),
    date: formatLocalDate(parts),
  };
}

/** The Stockholm calendar date (`YYYY-MM-DD`) of an instant. */
export function stockholmDateOf(instant: Date): LocalDate {
  return stockholmLocalParts(instant).date;
}

/** Stockholm's offset from UTC at an instant, in minutes (60 or 120). */
export function stockholmOffsetMinutes(instant: Date): number {
  return offsetMsAt(requireValidInstant(instant)) / 60_000;
}

/**
 * The instant at which Stockholm clocks show the given wall-clock time.
 *
 * Disambiguation follows Temporal's "compatible" rule: a time that occurs twice (the repeated hour
 * when summer time ends) resolves to the earlier instant; a time that does not exist (the skipped
 * hour when summer time starts) is moved forward by the length of the gap (02:30 → 03:30).
 */
export function stockholmWallClockToInstant(wall: StockholmWallClock): Date {
  const localMs = wallClockAsUtcMs(wall);
  if (!Number.isFinite(localMs)) throw new RangeError('Ogiltig lokal tid');
  const offsetBefore = offsetMsAt(localMs - DAY_MS);
  const offsetAfter = offsetMsAt(localMs + DAY_MS);
  const valid = [offsetBefore, offsetAfter]
    .map((offset) => localMs - offset)
    .filter((candidate) => offsetMsAt(candidate) === localMs - candidate)
    .sort((a, b) => a - b);
  const chosen = valid[0] ?? localMs - offsetBefore;
  return new Date(chosen);
}

/** The instant at which a Stockholm calendar date begins (00:00 local). */
export function stockholmStartOfDay(date: LocalDate): Date {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Ogiltigt datum: "${date}" (förväntat YYYY-MM-DD)`);
  return stockholmWallClockToInstant(parts);
}
