import { stockholmWallClockToInstant } from '../calendar/stockholm-time';
import type { ControlFrequency } from './egenkontroll-types';

export interface ControlOccurrence {
  /** `2026`, `2026-H1`, `2026-T2`, `2026-Q3`, `2026-M04` */
  readonly key: string;
  /** The period ends (exclusive, Stockholm midnight): the control is due then. */
  readonly dueAt: string;
}

const PERIODS: Record<ControlFrequency, { months: number; label: (i: number) => string }> = {
  yearly: { months: 12, label: () => '' },
  half_yearly: { months: 6, label: (i) => `-H${i}` },
  tertial: { months: 4, label: (i) => `-T${i}` },
  quarterly: { months: 3, label: (i) => `-Q${i}` },
  monthly: { months: 1, label: (i) => `-M${String(i).padStart(2, '0')}` },
};

/** The occurrences of a control in the plan's year, each due at the end of its period (DL-19, DL-20, DL-21, DL-26). */
export function controlOccurrences(year: number, frequency: ControlFrequency): ControlOccurrence[] {
  const { months, label } = PERIODS[frequency];
  const result: ControlOccurrence[] = [];
  for (let i = 1; i * months <= 12; i++) {
    const endMonth = i * months; // 1-based last month of the period
    const due = stockholmWallClockToInstant({
      year: year + Math.floor(endMonth / 12),
      month: (endMonth % 12) + 1,
      day: 1,
    });
    result.push({ key: `${year}${label(i)}`, dueAt: due.toISOString() });
  }
  return result;
}
