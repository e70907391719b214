import { addDaysToLocalDate, parseLocalDate } from './local-date';
import { stockholmLocalParts, stockholmWallClockToInstant } from './stockholm-time';
import { isSwedishWorkingDay } from './swedish-working-day';

/**
 * Moves an instant `days` Swedish working days forward (backward when negative) in Stockholm
 * local time, keeping the local time of day. The start day itself is never counted, so from a
 * Saturday, +1 lands on the following working Monday. With `days = 0` the instant is returned
 * unchanged.
 */
export function addSwedishWorkingDays(instant: Date, days: number): Date {
  if (!Number.isSafeInteger(days)) {
    throw new RangeError(`Antal arbetsdagar måste vara ett heltal: ${days}`);
  }
  const start = stockholmLocalParts(instant);
  if (days === 0) return new Date(instant.getTime());
  const step = days > 0 ? 1 : -1;
  let remaining = Math.abs(days);
  let date = start.date;
  while (remaining > 0) {
    date = addDaysToLocalDate(date, step);
    if (isSwedishWorkingDay(date)) remaining--;
  }
  const target = parseLocalDate(date);
  /* istanbul ignore next -- addDaysToLocalDate always returns a valid date */
  if (!target) throw new Error('unreachable');
  return stockholmWallClockToInstant({
    ...target,
    hour: start.hour,
    minute: start.minute,
    second: start.second,
    millisecond: start.millisecond,
  });
}
