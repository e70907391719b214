import type { PolicyDuration } from './deadline-policy';
import { isWorkingDaysDuration } from './deadline-policy';
import { parseIsoDuration } from './iso-duration';

const UNITS = [
  ['years', 'år', 'år'],
  ['months', 'månad', 'månader'],
  ['weeks', 'vecka', 'veckor'],
  ['days', 'dag', 'dagar'],
  ['hours', 'timme', 'timmar'],
  ['minutes', 'minut', 'minuter'],
  ['seconds', 'sekund', 'sekunder'],
] as const;

const numberFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 3, useGrouping: false });

function count(n: number, singular: string, plural: string): string {
  return `${numberFormat.format(n)} ${n === 1 ? singular : plural}`;
}

function joinSwedish(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} och ${parts[parts.length - 1]}`;
}

/**
 * A Swedish description of a policy duration for the UI: "24 timmar", "3 arbetsdagar",
 * "14 dagar", "1 dag och 12 timmar", "10 sekunder". Unparseable input is returned as is.
 */
export function describeDuration(duration: PolicyDuration): string {
  if (isWorkingDaysDuration(duration)) {
    return count(duration.workingDays, 'arbetsdag', 'arbetsdagar');
  }
  const parsed = parseIsoDuration(duration);
  if (!parsed) return String(duration);
  const parts = UNITS.filter(([key]) => parsed[key] !== 0).map(([key, singular, plural]) =>
    count(parsed[key], singular, plural),
  );
  const text = parts.length === 0 ? '0 sekunder' : joinSwedish(parts);
  return parsed.sign < 0 ? `minus ${text}` : text;
}
