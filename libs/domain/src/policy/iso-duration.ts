/**
 * ISO-8601 durations in the form `PnYnMnWnDTnHnMnS` (weeks may be combined with other
 * components). Only the seconds — necessarily the last component — may have a fraction
 * (`PT0.5S`, `PT1,25S`). An optional leading sign (`-P1D`) is accepted so that callers can
 * report "negative" instead of "malformed".
 */
export interface IsoDuration {
  readonly sign: 1 | -1;
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  /** May be fractional. */
  readonly seconds: number;
}

const PATTERN =
  /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Parses an ISO-8601 duration; null when malformed. */
export function parseIsoDuration(value: string): IsoDuration | null {
  if (typeof value !== 'string') return null;
  const match = PATTERN.exec(value);
  if (!match) return null;
  const [, sign, y, mo, w, d, h, mi, s] = match;
  // "P" alone, or a "T" without any time component, is not a duration.
  if ([y, mo, w, d, h, mi, s].every((part) => part === undefined)) return null;
  if (value.includes('T') && [h, mi, s].every((part) => part === undefined)) return null;
  const int = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  const components = {
    years: int(y),
    months: int(mo),
    weeks: int(w),
    days: int(d),
    hours: int(h),
    minutes: int(mi),
    seconds: s === undefined ? 0 : Number(s.replace(',', '.')),
  };
  if (!Object.values(components).every((n) => Number.isFinite(n) && n <= Number.MAX_SAFE_INTEGER))
    return null;
  return { sign: sign === '-' ? -1 : 1, ...components };
}

/** True when every component is zero (`PT0S`, `P0D`). */
export function isZeroDuration(duration: IsoDuration): boolean {
  return (
    duration.years === 0 &&
    duration.months === 0 &&
    duration.weeks === 0 &&
    duration.days === 0 &&
    duration.hours === 0 &&
    duration.minutes === 0 &&
    duration.seconds === 0
  );
}

/**
 * Rough length in milliseconds (a year = 365.25 days, a month = 30.44 days), for ordering and
 * sanity limits only — never for computing deadlines.
 */
export function approximateDurationMs(duration: IsoDuration): number {
  const day = 86_400_000;
  return (
    duration.sign *
    (duration.years * 365.25 * day +
      duration.months * 30.44 * day +
      duration.weeks * 7 * day +
      duration.days * day +
      duration.hours * 3_600_000 +
      duration.minutes * 60_000 +
      duration.seconds * 1000)
  );
}
