import { parseIsoDuration, type IsoDuration } from '@kvalitet/domain';
import type { PolicyDuration } from '../api/types';

export type DurationUnit =
  'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years' | 'working_days' | 'other';

export interface DurationDraft {
  unit: DurationUnit;
  amount: string;
  /** For `other`: the saved duration, kept as it is until someone picks a unit. */
  original?: PolicyDuration;
}

export const DURATION_UNIT_LABELS: Record<DurationUnit, string> = {
  seconds: 'sekunder',
  minutes: 'minuter',
  hours: 'timmar',
  days: 'dagar',
  weeks: 'veckor',
  months: 'månader',
  years: 'år',
  working_days: 'arbetsdagar',
  other: 'annan längd',
};

const TIME_UNITS = [
  ['weeks', 604_800],
  ['days', 86_400],
  ['hours', 3_600],
  ['minutes', 60],
  ['seconds', 1],
] as const;

function other(duration: PolicyDuration): DurationDraft {
  return { unit: 'other', amount: '', original: duration };
}

function calendarDraft(parsed: IsoDuration): DurationDraft | null {
  if (parsed.years === 0 && parsed.months === 0) return null;
  if (parsed.months === 0) return { unit: 'years', amount: String(parsed.years) };
  return { unit: 'months', amount: String(parsed.years * 12 + parsed.months) };
}

/**
 * A policy duration as one number and one unit, in the finest unit it was written with: `PT24H`
 * is 24 timmar, `P1DT12H` 36 timmar. What cannot be said that way (a month and a day, a fraction
 * of a second) stays as it is, shown in words.
 */
export function toDraft(duration: PolicyDuration): DurationDraft {
  if (typeof duration === 'object') return { unit: 'working_days', amount: String(duration.workingDays) };
  const parsed = parseIsoDuration(duration);
  if (!parsed || parsed.sign < 0 || !Number.isInteger(parsed.seconds)) return other(duration);
  const timeParts = TIME_UNITS.filter(([unit]) => parsed[unit] !== 0);
  const calendar = calendarDraft(parsed);
  if (calendar) return timeParts.length === 0 ? calendar : other(duration);
  const finest = timeParts[timeParts.length - 1];
  if (!finest) return other(duration);
  const totalSeconds = TIME_UNITS.reduce((sum, [unit, seconds]) => sum + parsed[unit] * seconds, 0);
  return { unit: finest[0], amount: String(totalSeconds / finest[1]) };
}

/** Back to the api's form; the api validates (400 naming the field) — the editor does not second-guess it. */
export function fromDraft(draft: DurationDraft): PolicyDuration {
  const amount = draft.amount.trim();
  switch (draft.unit) {
    case 'seconds':
      return `PT${amount}S`;
    case 'minutes':
      return `PT${amount}M`;
    case 'hours':
      return `PT${amount}H`;
    case 'days':
      return `P${amount}D`;
    case 'weeks':
      return `P${amount}W`;
    case 'months':
      return `P${amount}M`;
    case 'years':
      return `P${amount}Y`;
    case 'working_days':
      return { workingDays: /^\d+$/.test(amount) ? Number(amount) : (amount as unknown as number) };
    case 'other':
      return draft.original ?? amount;
  }
}

/** A new unit keeps the number typed, or starts at 1 when leaving `other`. */
export function withUnit(draft: DurationDraft, unit: DurationUnit): DurationDraft {
  if (unit === draft.unit) return draft;
  if (unit === 'other') return draft.original === undefined ? draft : { ...draft, unit };
  const amount = draft.unit === 'other' ? '1' : draft.amount;
  return { unit, amount, ...(draft.original === undefined ? {} : { original: draft.original }) };
}

export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}
