import type { EntityManager } from 'typeorm';

/**
 * Allocates the next number for a prefix and year inside the caller's transaction. The row lock of
 * the upsert serialises concurrent reports, and a rolled-back report rolls its number back too, so
 * numbers have neither gaps nor duplicates.
 */
export async function allocateCaseSequence(manager: EntityManager, prefix: string, year: number): Promise<number> {
  const rows: { last_value: number }[] = await manager.query(
    `INSERT INTO case_number_sequences (prefix, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last_value = case_number_sequences.last_value + 1
     RETURNING last_value`,
    [prefix, year],
  );
  const row = rows[0];
  if (!row) throw new Error('case number allocation returned no row');
  return row.last_value;
}
