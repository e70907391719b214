import { randomUUID } from 'node:crypto';
import { DEFAULT_COPY_RETENTION_DAYS, EventStore, pruneExpiredCopies } from '@kvalitet/persistence';
import { createGallringActivities } from '../../apps/worker/src/activities/gallring-activities';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The TTL of working copies (ADR 0032; the review's idempotency keys without expiry): only copies
 * that nothing waits for and that are past their days go; open work of any age stays.
 */
describe('pruneExpiredCopies (real Postgres)', () => {
  let db: TestDatabase;
  const now = new Date('2026-12-07T03:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 2 });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('deletes old answers, published outbox rows, inbox rows and replayed dead letters; keeps the rest', async () => {
    const q = (sql: string, params: unknown[]) => db.dataSource.query(sql, params);
    const key = (
      name: string,
      status: string,
      created: string,
      completed: string | null,
      lockedUntil: string | null,
    ) =>
      q(
        `INSERT INTO idempotency_keys (scope, key, request_hash, status, response_status, response_body, created_at, completed_at, locked_until)
         VALUES ('user:medarbetare', $1, 'h', $2, 201, '{"id":"x"}', $3, $4, $5)`,
        [name, status, created, completed, lockedUntil],
      );
    await key('old-done', 'completed', daysAgo(9), daysAgo(8), null);
    await key('new-done', 'completed', daysAgo(2), daysAgo(2), null);
    await key('abandoned', 'in_progress', daysAgo(9), null, daysAgo(9));
    await key('running', 'in_progress', daysAgo(0), null, daysAgo(-1));
    const outbox = (published: string | null, created: string) =>
      q(
        `INSERT INTO outbox (event_id, topic, message_key, partition_no, created_at, published_at) VALUES ($1, 't', 'k', 0, $2, $3)`,
        [randomUUID(), created, published],
      );
    await outbox(daysAgo(8), daysAgo(8));
    await outbox(daysAgo(1), daysAgo(1));
    await outbox(null, daysAgo(40));
    const inbox = (processed: string) =>
      q(`INSERT INTO inbox (consumer, event_id, processed_at) VALUES ('c', $1, $2)`, [
        randomUUID(),
        processed,
      ]);
    await inbox(daysAgo(31));
    await inbox(daysAgo(29));
    const letter = (created: string, replayed: string | null) =>
      q(
        `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, payload, error, attempts, created_at, replayed_at, replayed_by, replay_outcome)
         VALUES ('c', 't', 0, '1', '{}', 'fel', 5, $1, $2, $3, $4)`,
        [created, replayed, replayed ? 'drift' : null, replayed ? 'handled' : null],
      );
    await letter(daysAgo(60), daysAgo(31));
    await letter(daysAgo(60), daysAgo(5));
    await letter(daysAgo(90), null);

    const pruned = await db.dataSource.transaction((manager) => pruneExpiredCopies(manager, now));
    expect(pruned).toEqual({ idempotency_keys: 2, outbox: 1, inbox: 1, dead_letters: 1 });
    const keys = (await q(`SELECT key FROM idempotency_keys ORDER BY key`, [])) as { key: string }[];
    expect(keys.map((k) => k.key)).toEqual(['new-done', 'running']);
    const left = (await q(
      `SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM outbox WHERE published_at IS NULL)::int AS unpublished,
              (SELECT count(*) FROM inbox)::int AS inbox, (SELECT count(*) FROM dead_letters)::int AS letters,
              (SELECT count(*) FROM dead_letters WHERE replayed_at IS NULL)::int AS open_letters`,
      [],
    )) as Record<string, number>[];
    expect(left[0]).toEqual({ outbox: 2, unpublished: 1, inbox: 1, letters: 2, open_letters: 1 });

    // Shorter days from configuration take more; a second run with the same days takes nothing.
    expect(await db.dataSource.transaction((manager) => pruneExpiredCopies(manager, now))).toEqual({
      idempotency_keys: 0,
      outbox: 0,
      inbox: 0,
      dead_letters: 0,
    });
    expect(
      await db.dataSource.transaction((manager) =>
        pruneExpiredCopies(manager, now, { ...DEFAULT_COPY_RETENTION_DAYS, idempotencyKeys: 1, inbox: 1 }),
      ),
    ).toEqual({ idempotency_keys: 1, outbox: 0, inbox: 1, dead_letters: 0 });
  });

  it('the nightly gallring prunes on its first batch only', async () => {
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    await q(`DELETE FROM idempotency_keys`);
    const answer = (key: string) =>
      q(
        `INSERT INTO idempotency_keys (scope, key, request_hash, status, response_status, response_body, created_at, completed_at)
         VALUES ('user:kvalitet', $1, 'h', 'completed', 201, '{}', $2, $2)`,
        [key, daysAgo(8)],
      );
    const activities = createGallringActivities({
      store: new EventStore(db.dataSource),
      db: db.dataSource,
      clock: () => now,
    });
    await answer('first');
    await activities.eraseDueCases({ batchSize: 10 });
    await answer('later');
    await activities.eraseDueCases({ batchSize: 10, afterId: randomUUID() });
    expect(((await q(`SELECT key FROM idempotency_keys`)) as { key: string }[]).map((r) => r.key)).toEqual([
      'later',
    ]);
  });
});
