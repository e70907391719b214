import type { DataSource, EntityManager } from 'typeorm';

export interface TableHit {
  readonly table: string;
  readonly column: string;
  readonly rows: number;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Where a text occurs in the database: every column of every table of the schema that can hold text
 * (text, varchar, char, json, jsonb, arrays, enums; bytea byte for byte), case-insensitively. Tables added later are
 * searched too — the point is to find the copies nobody listed.
 */
export async function searchEveryTable(
  db: DataSource | EntityManager,
  needle: string,
  options: { schema?: string } = {},
): Promise<TableHit[]> {
  const columns: ColumnRow[] = await db.query(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea', 'USER-DEFINED')
      ORDER BY c.table_name, c.ordinal_position`,
    [options.schema ?? 'public'],
  );
  const hits: TableHit[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    // Bytes (a MIME message, a PDF) are searched for the text's UTF-8 bytes, as written.
    const match =
      type === 'bytea'
        ? `position(convert_to($1, 'UTF8') IN ${quote(column)}) > 0`
        : `strpos(lower(${quote(column)}::text), lower($1)) > 0`;
    const [row] = (await db.query(
      `SELECT count(*)::int AS n FROM ${quote(options.schema ?? 'public')}.${quote(table)} WHERE ${match}`,
      [needle],
    )) as { n: number }[];
    if (row!.n > 0) hits.push({ table, column, rows: row!.n });
  }
  return hits;
}

/** The hits of several texts, keyed by the text (one search per text). */
export async function searchEveryTableFor(
  db: DataSource | EntityManager,
  needles: readonly string[],
): Promise<Record<string, TableHit[]>> {
  const result: Record<string, TableHit[]> = {};
  for (const needle of needles) result[needle] = await searchEveryTable(db, needle);
  return result;
}
