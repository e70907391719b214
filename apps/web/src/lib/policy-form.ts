import type { PolicyDuration } from '../api/types';

export type DurationUnit = 'hours' | 'days' | 'working_days' | 'iso';

export interface DurationDraft {
  unit: DurationUnit;
  amount: string;
}

/** A policy duration as the editor shows it: whole hours, days, working days, or the raw ISO text. */
export function toDraft(duration: PolicyDuration): DurationDraft {
  if (typeof duration === 'object') return { unit: 'working_days', amount: String(duration.workingDays) };
  const hours = /^PT(\d+)H$/.exec(duration);
  if (hours) return { unit: 'hours', amount: hours[1]! };
  const days = /^P(\d+)D$/.exec(duration);
  if (days) return { unit: 'days', amount: days[1]! };
  return { unit: 'iso', amount: duration };
}

/** Back to the api's form; the api validates (400 naming the field) — the editor does not second-guess it. */
export function fromDraft(draft: DurationDraft): PolicyDuration {
  const amount = draft.amount.trim();
  switch (draft.unit) {
    case 'hours':
      return `PT${amount}H`;
    case 'days':
      return `P${amount}D`;
    case 'working_days':
      return { workingDays: /^\d+$/.test(amount) ? Number(amount) : (amount as unknown as number) };
    case 'iso':
      return amount;
  }
}

export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}
