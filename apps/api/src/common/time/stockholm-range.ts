import { addDaysToLocalDate, stockholmStartOfDay } from '@kvalitet/domain';
import { isDate } from '../validation/validators';

/** `from` of a filter: a date means the start of that day in Stockholm, a date-time is taken as is. */
export function rangeStart(value: string): Date {
  return isDate(value) ? stockholmStartOfDay(value) : new Date(value);
}

/** `to` of a filter, exclusive: a date means up to the end of that day in Stockholm. */
export function rangeEndExclusive(value: string): Date {
  return isDate(value)
    ? stockholmStartOfDay(addDaysToLocalDate(value, 1))
    : new Date(new Date(value).getTime() + 1);
}
