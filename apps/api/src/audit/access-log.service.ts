import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';

export type AccessLogAction = 'read_case' | 'read_events' | 'read_risk_assessment' | 'read_improvement' | `command:${string}`;

export interface AccessLogEntry {
  id: string;
  at: string;
  username: string;
  roles: string[];
  caseId: string;
  action: string;
  route: string;
  requestId: string | null;
}

interface AccessLogRow {
  id: string;
  at: Date;
  username: string;
  roles: string[];
  case_id: string;
  action: string;
  route: string;
  request_id: string | null;
  total: string;
}

/**
 * The access log (loggkontroll, DATA-5): one row per read of a single case, written before the case
 * leaves the api, so there is no read without its row. The table refuses UPDATE and DELETE.
 */
@Injectable()
export class AccessLogService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async record(
    principal: Principal,
    caseId: string,
    action: AccessLogAction,
    route: string,
    requestId: string | undefined,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_log (username, roles, case_id, action, route, request_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [principal.username, [...principal.roles], caseId, action, route, requestId ?? null],
    );
  }

  async list(
    filter: { caseId?: string; username?: string },
    page: number,
    pageSize: number,
  ): Promise<{ items: AccessLogEntry[]; total: number }> {
    const rows: AccessLogRow[] = await this.dataSource.query(
      `SELECT id, at, username, roles, case_id, action, route, request_id, count(*) OVER () AS total
         FROM access_log
        WHERE ($1::uuid IS NULL OR case_id = $1) AND ($2::text IS NULL OR username = $2)
        ORDER BY at DESC, id DESC
        LIMIT $3 OFFSET $4`,
      [filter.caseId ?? null, filter.username ?? null, pageSize, (page - 1) * pageSize],
    );
    const total = rows[0] ? Number(rows[0].total) : await this.count(filter);
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        username: r.username,
        roles: r.roles,
        caseId: r.case_id,
        action: r.action,
        route: r.route,
        requestId: r.request_id,
      })),
      total,
    };
  }

  private async count(filter: { caseId?: string; username?: string }): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) FROM access_log WHERE ($1::uuid IS NULL OR case_id = $1) AND ($2::text IS NULL OR username = $2)`,
      [filter.caseId ?? null, filter.username ?? null],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
