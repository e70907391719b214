import type { DataSource } from 'typeorm';

export interface RegisterListFilter {
  aggregateType: string;
  unitIds?: readonly string[] | null;
  status?: string;
  q?: string;
  /** Extra SQL conditions on `state` with their parameters (numbered after the common ones). */
  extra?: { sql: string; params: unknown[] }[];
  page: number;
  pageSize: number;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A page of a register's read model (`rm_ledningssystem`), newest first by label. */
export async function listRegister<S>(
  dataSource: DataSource,
  filter: RegisterListFilter,
): Promise<{ items: S[]; total: number }> {
  const params: unknown[] = [
    filter.aggregateType,
    filter.unitIds ? [...filter.unitIds] : null,
    filter.status ?? null,
    filter.q ? likePattern(filter.q) : null,
  ];
  const conditions = [
    'aggregate_type = $1',
    '($2::text[] IS NULL OR unit_id = ANY($2::text[]))',
    '($3::text IS NULL OR status = $3)',
    `($4::text IS NULL OR label ILIKE $4 OR state->>'title' ILIKE $4)`,
  ];
  for (const extra of filter.extra ?? []) {
    const offset = params.length;
    conditions.push(extra.sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`));
    params.push(...extra.params);
  }
  params.push(filter.pageSize, (filter.page - 1) * filter.pageSize);
  const rows: { state: S; total: string }[] = await dataSource.query(
    `SELECT state, count(*) OVER () AS total FROM rm_ledningssystem WHERE ${conditions.join(' AND ')}
      ORDER BY label, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items: rows.map((r) => r.state), total: rows[0] ? Number(rows[0].total) : 0 };
}
