import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { reminderVisibilityFilter } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import type { ReminderDto, ReminderPageDto, ReminderQueryDto } from './reminders.dto';

interface ReminderRow {
  reminder_id: string;
  case_id: string;
  case_number: string;
  deadline_id: string;
  kind: string;
  due_at: Date;
  reminder_when: string;
  recipient_username: string | null;
  recipient_role: string | null;
  unit_id: string | null;
  created_at: Date;
  total: string;
}

/**
 * The caller's deadline reminders, newest first, addressed like tasks: to them by name, or to one of
 * their roles in a unit within their scope. A reminder that reaches the caller both ways shows once.
 */
@Injectable()
export class RemindersService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async inbox(principal: Principal, query: ReminderQueryDto): Promise<ReminderPageDto> {
    const filter = reminderVisibilityFilter(principal, ORGANISATION);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const rows: ReminderRow[] = await this.dataSource.query(
      `WITH mine AS (
         SELECT DISTINCT ON (reminder_id) reminder_id, case_id, case_number, deadline_id, kind, due_at, reminder_when,
                recipient_username, recipient_role, unit_id, created_at
           FROM case_reminders
          WHERE recipient_username = $1
             OR (recipient_username IS NULL AND recipient_role = ANY($2::text[]) AND unit_id = ANY($3::text[]))
          ORDER BY reminder_id, recipient_username NULLS LAST
       )
       SELECT *, count(*) OVER () AS total FROM mine
        ORDER BY created_at DESC, reminder_id
        LIMIT $4 OFFSET $5`,
      [filter.username, [...filter.roles], [...filter.unitIds], pageSize, (page - 1) * pageSize],
    );
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && page > 1) {
      const counted: { n: string }[] = await this.dataSource.query(
        `SELECT count(DISTINCT reminder_id) AS n FROM case_reminders
          WHERE recipient_username = $1
             OR (recipient_username IS NULL AND recipient_role = ANY($2::text[]) AND unit_id = ANY($3::text[]))`,
        [filter.username, [...filter.roles], [...filter.unitIds]],
      );
      total = Number(counted[0]?.n ?? 0);
    }
    return { items: rows.map(toReminder), total, page, pageSize };
  }
}

function toReminder(row: ReminderRow): ReminderDto {
  return {
    id: row.reminder_id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    deadlineId: row.deadline_id,
    kind: row.kind,
    dueAt: new Date(row.due_at).toISOString(),
    when: row.reminder_when,
    recipientUsername: row.recipient_username,
    recipientRole: row.recipient_role,
    unitId: row.unit_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
