import { SharedRateLimiter } from '../../apps/api/src/public-feedback/shared-rate-limit';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The Postgres-backed limit of POST /public/feedback, on the real database with simulated clocks. */
describe('SharedRateLimiter (Postgres, shared by api instances)', () => {
  let db: TestDatabase;
  const MINUTE = 60_000;
  const T = Date.parse('2026-11-25T10:00:00.000Z');

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('two limiters (two api instances) share one limit: 40 concurrent hits against a limit of 10 let exactly 10 through', async () => {
    const a = new SharedRateLimiter(db.dataSource, 10, MINUTE);
    const b = new SharedRateLimiter(db.dataSource, 10, MINUTE);
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).take('client:203.0.113.7', T + 1000)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
    const refused = verdicts.find((v) => !v.allowed);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 59 });
    // Another client has its own budget.
    expect(await a.take('client:203.0.113.8', T + 1000)).toEqual({ allowed: true });
  });

  it('slides: the previous window counts by its overlap, so a burst at the end of a minute is not doubled', async () => {
    const limiter = new SharedRateLimiter(db.dataSource, 10, MINUTE);
    const bucket = 'client:198.51.100.1';
    for (let i = 0; i < 10; i++) expect((await limiter.take(bucket, T + 59_000)).allowed).toBe(true);
    // 1 s into the next window the previous one still weighs 59/60 × 10 ≈ 9.8: nothing more fits.
    expect((await limiter.take(bucket, T + MINUTE + 1000)).allowed).toBe(false);
    // Half-way through, half of it is left: 5 more fit, the 6th not.
    const halfway = T + MINUTE + 30_000;
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await limiter.take(bucket, halfway)).allowed);
    expect(results).toEqual([true, true, true, true, true, false]);
    // Two windows later the old counts are gone.
    expect((await limiter.take(bucket, T + 3 * MINUTE)).allowed).toBe(true);
  });

  it('old windows are pruned', async () => {
    const limiter = new SharedRateLimiter(db.dataSource, 10, MINUTE, () => 0);
    await limiter.take('client:old', T - 10 * MINUTE);
    await limiter.take('client:new', T + 10 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rows: { bucket: string }[] = await db.dataSource.query(
      `SELECT bucket FROM rate_limit_windows WHERE bucket LIKE 'client:%'`,
    );
    expect(rows.map((r) => r.bucket)).not.toContain('client:old');
    expect(rows.map((r) => r.bucket)).toContain('client:new');
  });
});
