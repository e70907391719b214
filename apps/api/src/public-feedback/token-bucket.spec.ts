import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows the capacity, then refuses with a Retry-After until a token is back', () => {
    const buckets = new TokenBuckets(3, 60_000);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => buckets.take('1.2.3.4', t0).allowed)).toEqual([true, true, true]);
    expect(buckets.take('1.2.3.4', t0)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(buckets.take('5.6.7.8', t0).allowed).toBe(true);
    expect(buckets.take('1.2.3.4', t0 + 19_000).allowed).toBe(false);
    expect(buckets.take('1.2.3.4', t0 + 20_000).allowed).toBe(true);
  });

  it('never holds more than the capacity', () => {
    const buckets = new TokenBuckets(2, 1000);
    buckets.take('a', 0);
    expect(buckets.take('a', 1_000_000).allowed).toBe(true);
    expect(buckets.take('a', 1_000_000).allowed).toBe(true);
    expect(buckets.take('a', 1_000_000).allowed).toBe(false);
  });

  it('bounds the number of tracked clients', () => {
    const buckets = new TokenBuckets(1, 1000, 10);
    for (let i = 0; i < 100; i++) buckets.take(`c${i}`, i);
    expect((buckets as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(11);
  });
});
