/** typeorm's DataSource / EntityManager and pg's Pool all fit. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The rows of a query's answer: typeorm answers an UPDATE/DELETE … RETURNING with `[rows, affected]`
 * and anything else with the rows, pg with a result that holds them.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] } | null | undefined)?.rows ?? [];
}
