import { stockholmLocalParts, stockholmWallClockToInstant } from './stockholm-time';

/**
 * A calendar period in Europe/Stockholm as UTC instants: `from` inclusive (00:00 local on the
 * first day), `to` exclusive (00:00 local on the first day after the period).
 */
export interface PeriodRange {
  readonly from: Date;
  readonly to: Date;
}

export type Tertial = 1 | 2 | 3;
export type Quarter = 1 | 2 | 3 | 4;
export type HalfYear = 1 | 2;

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) {
    throw new RangeError(`Ogiltigt år: ${year}`);
  }
}

function requireIndex(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`Ogiltig ${name}: ${value} (1–${max})`);
  }
}

/** Months [firstMonth, firstMonth + months) of a year, in Stockholm time. */
function monthsRange(year: number, firstMonth: number, months: number): PeriodRange {
  const endMonthIndex = firstMonth - 1 + months; // 0-based, may be 12 (→ January next year)
  return {
    from: stockholmWallClockToInstant({ year, month: firstMonth, day: 1 }),
    to: stockholmWallClockToInstant({
      year: year + Math.floor(endMonthIndex / 12),
      month: (endMonthIndex % 12) + 1,
      day: 1,
    }),
  };
}

export function monthRange(year: number, month: number): PeriodRange {
  requireYear(year);
  requireIndex('månad', month, 12);
  return monthsRange(year, month, 1);
}

/** Q1 Jan–Mar, Q2 Apr–Jun, Q3 Jul–Sep, Q4 Oct–Dec. */
export function quarterRange(year: number, quarter: Quarter): PeriodRange {
  requireYear(year);
  requireIndex('kvartal', quarter, 4);
  return monthsRange(year, (quarter - 1) * 3 + 1, 3);
}

/** T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec (DL-20). */
export function tertialRange(year: number, tertial: Tertial): PeriodRange {
  requireYear(year);
  requireIndex('tertial', tertial, 3);
  return monthsRange(year, (tertial - 1) * 4 + 1, 4);
}

/** H1 Jan–Jun, H2 Jul–Dec. */
export function halfYearRange(year: number, half: HalfYear): PeriodRange {
  requireYear(year);
  requireIndex('halvår', half, 2);
  return monthsRange(year, (half - 1) * 6 + 1, 6);
}

export function yearRange(year: number): PeriodRange {
  requireYear(year);
  return monthsRange(year, 1, 12);
}

/** The tertial an instant falls in, in Stockholm time. */
export function tertialOf(instant: Date): { readonly year: number; readonly tertial: Tertial } {
  const { year, month } = stockholmLocalParts(instant);
  return { year, tertial: (Math.floor((month - 1) / 4) + 1) as Tertial };
}

/** The quarter an instant falls in, in Stockholm time. */
export function quarterOf(instant: Date): { readonly year: number; readonly quarter: Quarter } {
  const { year, month } = stockholmLocalParts(instant);
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter };
}
