import type { FlatUnit } from '../api/hooks';

export type StatisticsPeriod = 'year' | 't1' | 't2' | 't3';

export const STATISTICS_PERIOD_OPTIONS: { value: StatisticsPeriod; label: string }[] = [
  { value: 'year', label: 'Hela året' },
  { value: 't1', label: 'Tertial 1 (januari–april)' },
  { value: 't2', label: 'Tertial 2 (maj–augusti)' },
  { value: 't3', label: 'Tertial 3 (september–december)' },
];

const TERTIAL_MONTHS: Record<Exclude<StatisticsPeriod, 'year'>, [string, string]> = {
  t1: ['01-01', '04-30'],
  t2: ['05-01', '08-31'],
  t3: ['09-01', '12-31'],
};

/** The first and last day of a year or one of its tertials, as the statistics api takes them. */
export function statisticsRange(year: number, period: StatisticsPeriod): { from: string; to: string } {
  const [first, last] = period === 'year' ? ['01-01', '12-31'] : TERTIAL_MONTHS[period];
  return { from: `${year}-${first}`, to: `${year}-${last}` };
}

/** "2026", "tertial 2 2026": the period in a chart's title. */
export function statisticsPeriodLabel(year: number, period: StatisticsPeriod): string {
  return period === 'year' ? String(year) : `tertial ${period.slice(1)} ${year}`;
}

/**
 * A unit and every unit below it, from the depth-first list the unit pickers use: a unit's
 * descendants follow it until the next unit at its depth or above.
 */
export function unitAndBelow(units: readonly FlatUnit[], unitId: string): Set<string> {
  const start = units.findIndex((u) => u.id === unitId);
  if (start < 0) return new Set([unitId]);
  const depth = units[start]!.depth;
  const ids = new Set([unitId]);
  for (const unit of units.slice(start + 1)) {
    if (unit.depth <= depth) break;
    ids.add(unit.id);
  }
  return ids;
}
