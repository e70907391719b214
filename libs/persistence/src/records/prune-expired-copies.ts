import type { EntityManager } from 'typeorm';
import { rowsOf } from '../sql/rows-of';

/**
 * How many days each kind of working copy is kept after it stopped being needed (ADR 0032). They are
 * copies, not records: the events hold the case. The defaults leave room for a retry, a redelivery
 * and an operator's look at a replayed dead letter.
 */
export interface CopyRetentionDays {
  /** A completed idempotency answer: a client retries within minutes, not days. */
  readonly idempotencyKeys: number;
  /** An outbox row already published to Kafka (a pointer to its event). */
  readonly publishedOutbox: number;
  /** A consumer's record of a handled event: kept longer, it guards against a late redelivery. */
  readonly inbox: number;
  /** A dead letter already replayed (handled or found already handled); open ones are never pruned. */
  readonly replayedDeadLetters: number;
}

export const DEFAULT_COPY_RETENTION_DAYS: CopyRetentionDays = {
  idempotencyKeys: 7,
  publishedOutbox: 7,
  inbox: 30,
  replayedDeadLetters: 30,
};

const ENV_KEYS: Readonly<Record<keyof CopyRetentionDays, string>> = {
  idempotencyKeys: 'RETENTION_IDEMPOTENCY_KEYS_DAYS',
  publishedOutbox: 'RETENTION_PUBLISHED_OUTBOX_DAYS',
  inbox: 'RETENTION_INBOX_DAYS',
  replayedDeadLetters: 'RETENTION_REPLAYED_DEAD_LETTERS_DAYS',
};

/** The days from the environment (`RETENTION_IDEMPOTENCY_KEYS_DAYS`, …), the defaults where unset. */
export function copyRetentionDaysFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): CopyRetentionDays {
  const days = { ...DEFAULT_COPY_RETENTION_DAYS };
  for (const [key, name] of Object.entries(ENV_KEYS) as [keyof CopyRetentionDays, string][]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${name} måste vara ett heltal, minst 1 (dagar), inte "${raw}"`);
    days[key] = value;
  }
  return days;
}

export interface PrunedCopies {
  readonly idempotency_keys: number;
  readonly outbox: number;
  readonly inbox: number;
  readonly dead_letters: number;
}

/**
 * Deletes working copies past their days (the review's TTL on idempotency keys): completed
 * idempotency answers and claims long abandoned, published outbox rows, inbox rows, replayed dead
 * letters. Only rows that nothing waits for: an unpublished outbox row, an open dead letter and a
 * claim still in progress are kept whatever their age. The daily gallring calls it.
 */
export async function pruneExpiredCopies(
  manager: EntityManager,
  now: Date,
  days: CopyRetentionDays = DEFAULT_COPY_RETENTION_DAYS,
): Promise<PrunedCopies> {
  const before = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
  const count = async (sql: string, cutoff: string) =>
    rowsOf<{ n: number }>(
      await manager.query(`WITH d AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM d`, [cutoff]),
    )[0]!.n;
  return {
    idempotency_keys: await count(
      `DELETE FROM idempotency_keys
        WHERE (status = 'completed' AND completed_at < $1)
           OR (status = 'in_progress' AND COALESCE(locked_until, created_at) < $1)`,
      before(days.idempotencyKeys),
    ),
    outbox: await count(
      `DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1`,
      before(days.publishedOutbox),
    ),
    inbox: await count(`DELETE FROM inbox WHERE processed_at < $1`, before(days.inbox)),
    dead_letters: await count(
      `DELETE FROM dead_letters WHERE replayed_at IS NOT NULL AND replayed_at < $1`,
      before(days.replayedDeadLetters),
    ),
  };
}
