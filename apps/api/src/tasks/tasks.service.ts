import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { taskVisibilityFilter } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import type { TaskCountsDto, TaskDto, TaskFilterDto, TaskPageDto, TaskQueryDto, TaskSort } from './tasks.dto';

interface TaskRow {
  id: string;
  case_id: string;
  case_number: string;
  case_type: string;
  kind: string;
  unit_id: string;
  assignee: string | null;
  assignee_role: string | null;
  due_at: Date | null;
  status: string;
  created_at: Date;
  completed_at: Date | null;
  overdue: boolean;
  protected_identity: boolean;
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

const OVERDUE = `status = 'open' AND due_at IS NOT NULL AND due_at < now()`;

const ORDER_BY: Readonly<Record<TaskSort, string>> = {
  due: 'due_at ASC NULLS LAST, created_at ASC, id',
  newest: 'created_at DESC, id DESC',
  latest_due: 'due_at DESC NULLS LAST, created_at DESC, id',
};

/** `%`, `_` and `\` in a search are themselves, not LIKE patterns. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The caller's visible tasks under the filters, as SQL: tasks addressed to them by name, or to one of
 * their roles in a unit within their scope (a unit manager's acknowledgement task; `sas`/`mas` tasks
 * board-wide). Case numbers and register labels are searched, never free text, so a search is not
 * access-logged (issue 21).
 */
function whereOf(
  principal: Principal,
  filter: TaskFilterDto & { kind?: string },
): { sql: string; params: unknown[] } {
  const visible = taskVisibilityFilter(principal, ORGANISATION);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`status = ${param(filter.status ?? 'open')}`];
  const mine = () => `assignee = ${param(visible.username)}`;
  const toMyRole = () =>
    `(assignee IS NULL AND assignee_role = ANY(${param([...visible.roles])}::text[]) AND unit_id = ANY(${param([...visible.unitIds])}::text[]))`;
  conditions.push(
    filter.assignedTo === 'me'
      ? mine()
      : filter.assignedTo === 'role'
        ? toMyRole()
        : `(${mine()} OR ${toMyRole()})`,
  );
  if (filter.kind) conditions.push(`kind = ${param(filter.kind)}`);
  if (filter.caseType) conditions.push(`case_type = ${param(filter.caseType)}`);
  if (filter.unitId)
    conditions.push(`unit_id = ANY(${param(ORGANISATION.subtreeOf(filter.unitId))}::text[])`);
  if (filter.overdue !== undefined) conditions.push(`${filter.overdue ? '' : 'NOT '}(${OVERDUE})`);
  const q = filter.q?.trim();
  if (q) conditions.push(`case_number ILIKE ${param(likePattern(q))}`);
  return { sql: conditions.join(' AND '), params };
}

@Injectable()
export class TasksService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async inbox(principal: Principal, query: TaskQueryDto): Promise<TaskPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const where = whereOf(principal, query);
    const [rows, [counted]]: [TaskRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT id, case_id, case_number, case_type, kind, unit_id, assignee, assignee_role, due_at, status, created_at, completed_at,
                (${OVERDUE}) AS overdue,
                EXISTS (SELECT 1 FROM rm_cases c WHERE c.id = rm_tasks.case_id AND c.state->'protectedIdentity' IS NOT NULL)
                  AS protected_identity
           FROM rm_tasks
          WHERE ${where.sql}
          ORDER BY ${ORDER_BY[query.sort ?? 'due']}
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        where.params,
      ),
      this.dataSource.query(`SELECT count(*) AS total FROM rm_tasks WHERE ${where.sql}`, where.params),
    ]);
    return { items: rows.map(toTask), total: Number(counted?.total ?? 0), page, pageSize };
  }

  async counts(principal: Principal, filter: TaskFilterDto): Promise<TaskCountsDto> {
    const where = whereOf(principal, filter);
    const rows: { kind: string; count: string; overdue: string }[] = await this.dataSource.query(
      `SELECT kind, count(*) AS count, count(*) FILTER (WHERE ${OVERDUE}) AS overdue
         FROM rm_tasks WHERE ${where.sql}
        GROUP BY kind ORDER BY count(*) DESC, kind`,
      where.params,
    );
    const kinds = rows.map((r) => ({ kind: r.kind, count: Number(r.count), overdue: Number(r.overdue) }));
    return {
      total: kinds.reduce((sum, k) => sum + k.count, 0),
      overdue: kinds.reduce((sum, k) => sum + k.overdue, 0),
      kinds,
    };
  }
}

function toTask(row: TaskRow): TaskDto {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    caseType: row.case_type,
    kind: row.kind,
    unitId: row.unit_id,
    assignee: row.assignee,
    assigneeRole: row.assignee_role,
    dueAt: iso(row.due_at),
    overdue: row.overdue,
    protectedIdentity: row.protected_identity,
    status: row.status,
    createdAt: iso(row.created_at)!,
    completedAt: iso(row.completed_at),
  };
}
