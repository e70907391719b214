import { addSwedishWorkingDays } from '../calendar/add-swedish-working-days';
import { daysInMonth, dayNumberToLocalDateParts, localDateToDayNumber } from '../calendar/local-date';
import { stockholmLocalParts, stockholmWallClockToInstant } from '../calendar/stockholm-time';
import type { PolicyDuration } from './deadline-policy';
import { isWorkingDaysDuration } from './deadline-policy';
import { parseIsoDuration } from './iso-duration';
import type { IsoDuration } from './iso-duration';

/**
 * Adds a policy duration to an instant.
 *
 * - `{ workingDays: n }`: n Swedish working days in Stockholm time, same local time of day.
 * - ISO-8601: the calendar components (years, months, weeks, days) move the Stockholm wall-clock
 *   date, keeping the local time of day (P1D across a DST change is 23 or 25 hours; a month end
 *   is clamped, 31 Jan + P1M = 28/29 Feb); then hours, minutes and seconds are added as exact
 *   elapsed time (PT24H is always 24 hours).
 *
 * Throws RangeError for a malformed duration; validate policies with `validatePolicy` first.
 */
export function addPolicyDuration(instant: Date, duration: PolicyDuration | IsoDuration): Date {
  if (typeof duration === 'object' && duration !== null && !('sign' in duration)) {
    if (!isWorkingDaysDuration(duration)) throw new RangeError('Ogiltig varaktighet');
    return addSwedishWorkingDays(instant, duration.workingDays);
  }
  const parsed = typeof duration === 'string' ? parseIsoDuration(duration) : duration;
  if (!parsed) throw new RangeError(`Ogiltig varaktighet: ${String(duration)}`);
  return addIsoDuration(instant, parsed);
}

function addIsoDuration(instant: Date, d: IsoDuration): Date {
  let result = instant;
  if (d.years !== 0 || d.months !== 0 || d.weeks !== 0 || d.days !== 0) {
    const local = stockholmLocalParts(instant);
    const monthIndex = local.year * 12 + (local.month - 1) + d.sign * (d.years * 12 + d.months);
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const day = Math.min(local.day, daysInMonth(year, month));
    const date = dayNumberToLocalDateParts(
      localDateToDayNumber({ year, month, day }) + d.sign * (d.weeks * 7 + d.days),
    );
    result = stockholmWallClockToInstant({
      ...date,
      hour: local.hour,
      minute: local.minute,
      second: local.second,
      millisecond: local.millisecond,
    });
  }
  const elapsedMs = d.sign * (d.hours * 3_600_000 + d.minutes * 60_000 + Math.round(d.seconds * 1000));
  const out = new Date(result.getTime() + elapsedMs);
  if (!Number.isFinite(out.getTime())) throw new RangeError('Tidpunkten hamnar utanför giltigt intervall');
  return out;
}
