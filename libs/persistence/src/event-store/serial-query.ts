import type { EntityManager } from 'typeorm';

const tails = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `work` on a transaction's one connection strictly after everything queued before it by
 * `serialQuery`/`serialTask`, also when callers overlap (a rebuild fetches the next page of its
 * cursor while it writes rows): pg's own queue for overlapping queries is deprecated and goes away
 * in pg 9.
 */
export function serialTask<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  const key = manager.queryRunner ?? manager;
  const result = (tails.get(key) ?? Promise.resolve()).then(work);
  tails.set(
    key,
    result.catch(() => undefined),
  );
  return result;
}

/** One statement in turn (`serialTask`). */
export function serialQuery<T = unknown>(
  manager: EntityManager,
  sql: string,
  parameters?: unknown[],
): Promise<T> {
  return serialTask(manager, () => manager.query(sql, parameters) as Promise<T>);
}
