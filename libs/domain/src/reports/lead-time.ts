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
  return {
    n: sorted.length,
    medianHours: round1(percentile(sorted, 50)),
    p90Hours: round1(percentile(sorted, 90)),
  };
}

/**
 * The same summary from percentiles taken elsewhere (the read model's SQL, `percentile_disc`, which is
 * nearest-rank too) over durations in milliseconds: hours are a monotone function of milliseconds, so
 * the order statistic is the same value.
 */
export function summaryOfMilliseconds(
  n: number,
  medianMs: number | null,
  p90Ms: number | null,
): LeadTimeSummary {
  const hours = (v: number | null) => (v === null ? null : round1(v / 3_600_000));
  return { n, medianHours: n === 0 ? null : hours(medianMs), p90Hours: n === 0 ? null : hours(p90Ms) };
}
