import { IdempotencyStore } from '@kvalitet/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Claims, leases and takeovers of Idempotency-Keys on the real Postgres (ADR 0009). */
describe('IdempotencyStore', () => {
  let db: TestDatabase;
  let store: IdempotencyStore;
  const lease = { leaseMs: 300, recoverable: true };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
    store = new IdempotencyStore(db.dataSource);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('binds one resource id to the key: every claim, takeover and retry sees the same id', async () => {
    const first = await store.claim('user:a', 'k1', 'h', lease);
    expect(first).toEqual({
      kind: 'claimed',
      aggregateId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      takeover: false,
    });
    expect(await store.claim('user:a', 'k1', 'h', lease)).toEqual({ kind: 'in_progress' });
    expect(await store.claim('user:a', 'k1', 'other', lease)).toEqual({ kind: 'conflict' });
    await sleep(400);
    const taken = await store.claim('user:a', 'k1', 'h', lease);
    expect(taken).toEqual({
      kind: 'claimed',
      aggregateId: first.kind === 'claimed' ? first.aggregateId : '',
      takeover: true,
    });
    // The new holder's lease is fresh: a third attempt waits.
    expect(await store.claim('user:a', 'k1', 'h', lease)).toEqual({ kind: 'in_progress' });
    await store.complete('user:a', 'k1', { status: 201, headers: { location: '/x' }, body: { id: 1 } });
    expect(await store.claim('user:a', 'k1', 'h', lease)).toEqual({
      kind: 'replay',
      response: { status: 201, headers: { location: '/x' }, body: { id: 1 } },
    });
  });

  it('a holder that renews keeps its claim; one that stops loses it', async () => {
    await store.claim('user:b', 'k2', 'h', lease);
    for (let i = 0; i < 4; i++) {
      await sleep(150);
      await store.renew('user:b', 'k2', lease.leaseMs);
      expect(await store.claim('user:b', 'k2', 'h', lease)).toEqual({ kind: 'in_progress' });
    }
    await sleep(400);
    expect(await store.claim('user:b', 'k2', 'h', lease)).toMatchObject({ kind: 'claimed', takeover: true });
  });

  it('routes that cannot rebuild their answer never take over (they wait, as before)', async () => {
    await store.claim('user:c', 'k3', 'h', lease);
    await sleep(400);
    expect(await store.claim('user:c', 'k3', 'h', { ...lease, recoverable: false })).toEqual({
      kind: 'in_progress',
    });
  });

  it('two retries racing for a stale claim: exactly one takes it over', async () => {
    await store.claim('user:d', 'k4', 'h', lease);
    await sleep(400);
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => store.claim('user:d', 'k4', 'h', lease)),
    );
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in_progress')).toHaveLength(7);
  });

  it('a claim from before the lease columns (no id, no lease) is taken over a lease after its creation', async () => {
    await db.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status, created_at) VALUES ('user:e', 'k5', 'h', 'in_progress', now() - interval '1 minute')`,
    );
    const taken = await store.claim('user:e', 'k5', 'h', lease);
    expect(taken).toMatchObject({
      kind: 'claimed',
      takeover: true,
      aggregateId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('release frees the key for a new claim with a new id', async () => {
    const first = await store.claim('user:f', 'k6', 'h', lease);
    await store.release('user:f', 'k6');
    const second = await store.claim('user:f', 'k6', 'h', lease);
    expect(second).toMatchObject({ kind: 'claimed', takeover: false });
    expect(
      second.kind === 'claimed' && first.kind === 'claimed' && second.aggregateId !== first.aggregateId,
    ).toBe(true);
  });
});
