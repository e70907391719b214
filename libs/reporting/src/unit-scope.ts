import type { Queryable } from './statistics-store';

const TABLE = /\brm_statistics_cases\b/;

/**
 * The statistics read model as one board sees it (DATA-3, ADR 0030): every statement that reads
 * `rm_statistics_cases` reads it through a CTE of the same name holding only the cases of `unitIds`,
 * which shadows the table throughout the statement (subqueries and joins included). The deadlines,
 * actions and escalations tables are only ever read joined to a case, so they follow. One place,
 * instead of a unit condition restated in every aggregate; statements that never name the table
 * pass through unchanged.
 */
export function scopeToUnits(db: Queryable, unitIds: readonly string[]): Queryable {
  return {
    query(sql: string, params: unknown[] = []): Promise<unknown> {
      if (!TABLE.test(sql)) return db.query(sql, params);
      const scope = `rm_statistics_cases AS (SELECT * FROM rm_statistics_cases WHERE unit_id = ANY($${params.length + 1}::text[]))`;
      const body = sql.trimStart();
      const scoped = /^WITH\s/i.test(body)
        ? `WITH ${scope}, ${body.replace(/^WITH\s+/i, '')}`
        : `WITH ${scope} ${body}`;
      return db.query(scoped, [...params, [...unitIds]]);
    },
  };
}
