import type { DataSource } from 'typeorm';

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Row {
  taken: number | null;
}

/**
 * A sliding-window rate limit shared by every api instance, kept in Postgres (`rate_limit_windows`):
 * per bucket a counter per fixed window, and the limit applied to the current window's count plus the
 * previous window's weighted by how much of it still overlaps the last `windowMs` (the usual
 * sliding-window estimate). One statement takes a hit or refuses it; the row lock of the upsert
 * serialises concurrent requests from all instances, so the limit holds across them.
 */
export class SharedRateLimiter {
  constructor(
    private readonly db: Pick<DataSource, 'query'>,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  async take(bucket: string, now = Date.now()): Promise<RateVerdict> {
    const windowStart = Math.floor(now / this.windowMs) * this.windowMs;
    const overlap = 1 - (now - windowStart) / this.windowMs;
    const rows: Row[] = await this.db.query(
      `WITH prev AS (
         SELECT COALESCE((SELECT hits FROM rate_limit_windows
                           WHERE bucket = $1 AND window_start = to_timestamp($3::double precision / 1000)), 0) AS hits
       ), hit AS (
         INSERT INTO rate_limit_windows AS w (bucket, window_start, hits)
         SELECT $1, to_timestamp($2::double precision / 1000), 1 FROM prev WHERE prev.hits * $4::double precision + 1 <= $5::integer
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = w.hits + 1
           WHERE w.hits + (SELECT hits FROM prev) * $4::double precision + 1 <= $5::integer
         RETURNING hits
       )
       SELECT (SELECT hits FROM hit) AS taken`,
      [bucket, windowStart, windowStart - this.windowMs, overlap, this.limit],
    );
    if (this.random() < 0.01) void this.prune(windowStart).catch(() => undefined);
    if (rows[0]?.taken !== null && rows[0]?.taken !== undefined) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((windowStart + this.windowMs - now) / 1000)),
    };
  }

  /** Windows older than the previous one no longer count. */
  private async prune(windowStart: number): Promise<void> {
    await this.db.query(
      `DELETE FROM rate_limit_windows WHERE window_start < to_timestamp($1::double precision / 1000)`,
      [windowStart - this.windowMs],
    );
  }
}
