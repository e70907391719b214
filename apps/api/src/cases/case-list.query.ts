import type { CaseVisibilityFilter } from '../access/access-policy';
import { rangeEndExclusive, rangeStart } from '../common/time/stockholm-range';
import type { Organisation } from '../org/organisation';
import type { CaseListQueryDto } from './dto/case-list.dto';

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** Escapes LIKE wildcards so `q` is matched literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE clause of the case list: the caller's visibility (access-policy's filter, applied in
 * SQL so paging and totals only ever count visible cases) and the query's filters.
 */
export function caseListWhere(
  visibility: CaseVisibilityFilter,
  query: CaseListQueryDto,
  org: Organisation,
  now: Date,
): SqlQuery {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions: string[] = [];
  // A caller whose boards hold every unit (one board, or a MAS serving all) needs no board condition.
  const limited = visibility.boardUnitIds.length < org.units.length;
  if (!visibility.all || limited) {
    const username = param(visibility.username);
    const visible = [`reported_by = ${username}`, `assignee = ${username}`];
    const board =
      limited && (visibility.all || visibility.types.length > 0) ? param(visibility.boardUnitIds) : '';
    if (visibility.all) visible.push(`unit_id = ANY(${board}::text[])`);
    if (visibility.unitIds.length > 0) visible.push(`unit_id = ANY(${param(visibility.unitIds)}::text[])`);
    if (visibility.types.length > 0 && !visibility.all) {
      const types = `type = ANY(${param(visibility.types)}::text[])`;
      visible.push(limited ? `(${types} AND unit_id = ANY(${board}::text[]))` : types);
    }
    conditions.push(`(${visible.join(' OR ')})`);
  }
  if (query.type) conditions.push(`type = ${param(query.type)}`);
  if (query.stage) conditions.push(`stage = ${param(query.stage)}`);
  if (query.unitId) conditions.push(`unit_id = ANY(${param(org.subtreeOf(query.unitId))}::text[])`);
  if (query.from)
    conditions.push(`reported_at >= ${param(rangeStart(query.from).toISOString())}::timestamptz`);
  if (query.to)
    conditions.push(`reported_at < ${param(rangeEndExclusive(query.to).toISOString())}::timestamptz`);
  if (query.q !== undefined && query.q.trim() !== '') {
    const pattern = param(likePattern(query.q.trim()));
    // A protected identity's text is not searched: a hit would tell what the case is about (ADR 0029).
    conditions.push(
      `(case_number ILIKE ${pattern} OR (description ILIKE ${pattern} AND state->'protectedIdentity' IS NULL))`,
    );
  }
  if (query.assignee) conditions.push(`assignee = ${param(query.assignee)}`);
  if (query.overdue !== undefined) {
    const overdue = `((next_due_at IS NOT NULL AND next_due_at < ${param(now.toISOString())}::timestamptz) OR missed_deadlines > 0)`;
    conditions.push(query.overdue ? overdue : `NOT ${overdue}`);
  }
  return { text: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', values };
}
