/** Median and 90th percentile of durations in hours (nearest-rank on the sorted values). */
export interface LeadTimeSummary {
  readonly n: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
}

/** Nearest-rank percentile: the smallest value with at least `p`% of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

export function summariseLeadTimes(hours: readonly number[]): LeadTimeSummary {
  const sorted = [...hours].sort((a, b) => a - b);
  return { n: sorted.length, medianHours: round1(percentile(sorted, 50)), p90Hours: round1(percentile(sorted, 90)) };
}

export function hoursBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 3_600_000;
}
