import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { KeyedBatcher, settleEach, type Settled } from '@kvalitet/persistence';
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

interface NewAccessLogRow {
  username: string;
  roles: readonly string[];
  caseId: string;
  action: string;
  route: string;
  requestId: string | null;
}

/** Rows per INSERT; concurrent reads beyond it wait for the next statement. */
const MAX_ROWS_PER_INSERT = 200;

/**
 * Many rows in one statement. Roles travel as one comma-joined text per row (role names have no
 * commas; see ROLES) because Postgres arrays cannot be ragged.
 */
const INSERT_ROWS = `INSERT INTO access_log (username, roles, case_id, action, route, request_id)
  SELECT r.username, string_to_array(r.roles, ','), r.case_id, r.action, r.route, r.request_id
    FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[])
         WITH ORDINALITY AS r(username, roles, case_id, action, route, request_id, n)
   ORDER BY r.n`;

/**
 * The access log (loggkontroll, DATA-5): one row per read of a single case, written before the case
 * leaves the api, so there is no read without its row. The table refuses UPDATE and DELETE.
 * Reads that arrive while a row is being written are written together in the next statement (group
 * commit, as reports are): each read still waits for its own row to be committed (ADR 0017).
 */
@Injectable()
export class AccessLogService {
  private readonly rows = new KeyedBatcher<NewAccessLogRow, void>(
    (_key, rows) => this.insert(rows),
    MAX_ROWS_PER_INSERT,
  );

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  record(
    principal: Principal,
    caseId: string,
    action: AccessLogAction,
    route: string,
    requestId: string | undefined,
  ): Promise<void> {
    return this.rows.submit('access_log', {
      username: principal.username,
      roles: principal.roles,
      caseId,
      action,
      route,
      requestId: requestId ?? null,
    });
  }

  /** One statement for the batch; if it fails, each row is tried on its own so a bad row fails alone. */
  private insert(rows: NewAccessLogRow[]): Promise<Settled<void>[]> {
    return settleEach(rows, async (batch) => {
      await this.dataSource.query(INSERT_ROWS, [
        batch.map((r) => r.username),
        batch.map((r) => r.roles.join(',')),
        batch.map((r) => r.caseId),
        batch.map((r) => r.action),
        batch.map((r) => r.route),
        batch.map((r) => r.requestId),
      ]);
      return batch.map(() => undefined);
    });
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
