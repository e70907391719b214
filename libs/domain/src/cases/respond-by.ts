import { addDaysToLocalDate } from '../calendar/local-date';
import { stockholmStartOfDay } from '../calendar/stockholm-time';

/**
 * When an external finding's answer is due: the end of the issuer's date in Stockholm, i.e. the
 * next day's Stockholm midnight (exclusive, like the end of a filter's `to` date) (DL-13).
 */
export function respondByDueAt(respondBy: string): string {
  return stockholmStartOfDay(addDaysToLocalDate(respondBy, 1)).toISOString();
}
