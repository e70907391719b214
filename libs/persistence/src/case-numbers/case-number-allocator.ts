import type { EntityManager } from 'typeorm';

/**
 * Allocates the next `count` numbers for a prefix and year inside the caller's transaction and
 * returns the first; the caller owns `first … first + count - 1`. The row lock of the upsert
 * serialises concurrent allocations, and a rolled-back transaction rolls its numbers back too, so
 * numbers have neither gaps nor duplicates (ADR 0010: reports take their numbers in batches).
 */
export async function allocateCaseSequences(
  manager: EntityManager,
  prefix: string,
  year: number,
  count: number,
): Promise<number> {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer: ${count}`);
  const rows: { last_value: number }[] = await manager.query(
    `INSERT INTO case_number_sequences (prefix, year, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (prefix, year) DO UPDATE SET last_value = case_number_sequences.last_value + EXCLUDED.last_value
     RETURNING last_value`,
    [prefix, year, count],
  );
  const row = rows[0];
  if (!row) throw new Error('case number allocation returned no row');
  return row.last_value - count + 1;
}

/** One number; see allocateCaseSequences. */
export function allocateCaseSequence(manager: EntityManager, prefix: string, year: number): Promise<number> {
  return allocateCaseSequences(manager, prefix, year, 1);
}
