import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { taskVisibilityFilter } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import type { TaskDto, TaskPageDto, TaskQueryDto } from './tasks.dto';

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
  total: string;
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

/**
 * The caller's inbox from `rm_tasks`: tasks addressed to them by name, or to one of their roles in
 * a unit within their scope (a unit manager's acknowledgement task; `sas`/`mas` tasks board-wide).
 */
@Injectable()
export class TasksService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async inbox(principal: Principal, query: TaskQueryDto): Promise<TaskPageDto> {
    const filter = taskVisibilityFilter(principal, ORGANISATION);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT id, case_id, case_number, case_type, kind, unit_id, assignee, assignee_role, due_at, status, created_at, completed_at,
              (status = 'open' AND due_at IS NOT NULL AND due_at < now()) AS overdue,
              EXISTS (SELECT 1 FROM rm_cases c WHERE c.id = rm_tasks.case_id AND c.state->'protectedIdentity' IS NOT NULL)
                AS protected_identity,
              count(*) OVER () AS total
         FROM rm_tasks
        WHERE status = $1
          AND (assignee = $2 OR (assignee IS NULL AND assignee_role = ANY($3::text[]) AND unit_id = ANY($4::text[])))
        ORDER BY due_at ASC NULLS LAST, created_at ASC, id
        LIMIT $5 OFFSET $6`,
      [
        query.status ?? 'open',
        filter.username,
        [...filter.roles],
        [...filter.unitIds],
        pageSize,
        (page - 1) * pageSize,
      ],
    );
    return { items: rows.map(toTask), total: rows[0] ? Number(rows[0].total) : 0, page, pageSize };
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
