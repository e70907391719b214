import type { EntityManager } from 'typeorm';
import { formatCaseNumber, stockholmLocalParts } from '@kvalitet/domain';

/**
 * Allocates the next number for a prefix and year inside the caller's transaction (improvement
 * proposals, risk assessments). The row lock of the upsert serialises concurrent allocations, and a
 * rolled-back transaction rolls its number back too, so numbers have neither gaps nor duplicates.
 * Reports take theirs in batches inside their append statement instead (EventStore.appendMany with
 * numbering, ADR 0017); both count on the same `case_number_sequences` row.
 */
export async function allocateCaseSequence(
  manager: EntityManager,
  prefix: string,
  year: number,
): Promise<number> {
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

/** The next reference of a prefix in the Swedish year of `at` (`RA-2026-0042`), in the caller's transaction. */
export async function allocateReference(manager: EntityManager, prefix: string, at: Date): Promise<string> {
  const year = stockholmLocalParts(at).year;
  return formatCaseNumber(prefix, year, await allocateCaseSequence(manager, prefix, year));
}
