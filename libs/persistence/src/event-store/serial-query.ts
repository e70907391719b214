import type { EntityManager } from 'typeorm';

const tails = new WeakMap<object, Promise<unknown>>();

/**
 * Runs statements on a transaction's one connection strictly one after another, also when callers
 * overlap (a rebuild fetches the next page of its cursor while it writes rows): pg's own queue for
 * overlapping queries is deprecated and goes away in pg 9.
 */
export function serialQuery<T = unknown>(
  manager: EntityManager,
  sql: string,
  parameters?: unknown[],
): Promise<T> {
  const key = manager.queryRunner ?? manager;
  const result = (tails.get(key) ?? Promise.resolve()).then(
    () => manager.query(sql, parameters) as Promise<T>,
  );
  tails.set(
    key,
    result.catch(() => undefined),
  );
  return result;
}
