/**
 * In-memory token buckets per client: `capacity` requests, refilled evenly over `windowMs`. The
 * fallback of the shared (Postgres) limit when the database cannot answer: then each process limits alone.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();
  private readonly refillPerMs: number;

  constructor(
    private readonly capacity: number,
    windowMs: number,
    private readonly maxClients = 50_000,
  ) {
    this.refillPerMs = capacity / windowMs;
  }

  /** Takes one token; when none is left, says how many seconds until one is. */
  take(client: string, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const bucket = this.buckets.get(client) ?? { tokens: this.capacity, updatedAt: now };
    const tokens = Math.min(
      this.capacity,
      bucket.tokens + Math.max(0, now - bucket.updatedAt) * this.refillPerMs,
    );
    if (tokens >= 1) {
      this.buckets.set(client, { tokens: tokens - 1, updatedAt: now });
      this.prune(now);
      return { allowed: true };
    }
    this.buckets.set(client, { tokens, updatedAt: now });
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000)),
    };
  }

  /** Forgets full buckets when too many clients are tracked (they would be full anyway). */
  private prune(now: number): void {
    if (this.buckets.size <= this.maxClients) return;
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs >= this.capacity)
        this.buckets.delete(client);
    }
    if (this.buckets.size > this.maxClients) {
      const oldest = [...this.buckets.entries()]
        .sort((a, b) => a[1].updatedAt - b[1].updatedAt)
        .slice(0, this.buckets.size - this.maxClients);
      for (const [client] of oldest) this.buckets.delete(client);
    }
  }
}
