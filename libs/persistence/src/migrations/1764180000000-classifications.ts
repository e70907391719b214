import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { ClassificationListName, ClassificationVocabulary } from '@kvalitet/domain';
import { loadClassificationVocabulary } from '../policy/classifications-repository';

/** The read-model columns that held free-text classification before issue 24, and their list. */
const COLUMNS: readonly { table: string; column: string; list: ClassificationListName }[] = [
  { table: 'rm_statistics_cases', column: 'category', list: 'categories' },
  { table: 'rm_statistics_cases', column: 'lagrum', list: 'lagrum' },
  { table: 'rm_cases', column: 'category', list: 'categories' },
];

/**
 * Category and lagrum become codes from managed lists (issue 24, REP-15). The free text earlier
 * versions stored in the statistics and the case list is mapped to codes by the rule the projections
 * now apply (`ClassificationVocabulary.codeOf`: a code or label, case and surrounding space ignored,
 * is that code; anything else `annat`), so a rebuild gives the same rows. The events are not touched
 * (append-only): the case itself still holds what was typed.
 */
export async function mapClassificationColumns(
  q: Pick<QueryRunner, 'query'>,
  vocabulary: ClassificationVocabulary,
): Promise<number> {
  let changed = 0;
  for (const { table, column, list } of COLUMNS) {
    const rows: { value: string }[] = await q.query(
      `SELECT DISTINCT ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`,
    );
    const pairs = rows
      .map((r) => [r.value, vocabulary.codeOf(list, r.value)] as const)
      .filter(([value, code]) => code !== null && code !== value);
    if (pairs.length === 0) continue;
    const result: unknown = await q.query(
      `UPDATE ${table} t SET ${column} = m.code FROM unnest($1::text[], $2::text[]) AS m(value, code) WHERE t.${column} = m.value`,
      [pairs.map(([value]) => value), pairs.map(([, code]) => code)],
    );
    changed += Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }
  return changed;
}

export class Classifications1764180000000 implements MigrationInterface {
  name = 'Classifications1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await mapClassificationColumns(q, await loadClassificationVocabulary(q));
  }

  /** The free text is not kept outside the events; a rebuild of the read models is the way back. */
  async down(): Promise<void> {}
}
