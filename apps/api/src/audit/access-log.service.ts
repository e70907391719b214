import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { KeyedBatcher, settleEach, type Settled } from '@kvalitet/persistence';
import type { Principal } from '../access/principal';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';

export type AccessLogAction =
  | 'read_case'
  | 'read_events'
  | 'read_risk_assessment'
  | 'read_improvement'
  | 'read_attachment'
  | `command:${string}`;

/** A read of one case (or resource), or a search of the case list with its query (DATA-5, issue 24). */
export type AccessLogKind = 'read' | 'search';

export const SEARCH_CASES_ACTION = 'search_cases';

export interface AccessLogFilter {
  caseId?: string;
  /** The number people know the case by (`LS-2026-0007`); an unknown number matches nothing. */
  caseNumber?: string;
  username?: string;
  kind?: AccessLogKind;
  /**
   * A board's log (ADR 0030): no read of a case the read model places outside these units (a case
   * not yet projected, a moment after its report, is shown), and only the searches of these users.
   */
  board?: { readonly unitIds: readonly string[]; readonly usernames: readonly string[] };
}

export interface AccessLogEntry {
  id: string;
  at: string;
  username: string;
  roles: string[];
  kind: AccessLogKind;
  caseId: string | null;
  /** The read case's number, for people; null for a search or a case not yet in the read model. */
  caseNumber: string | null;
  action: string;
  route: string;
  requestId: string | null;
  query: string | null;
  hits: number | null;
  /** The reader's stated reason (a protected case's free text, ADR 0029); null otherwise. */
  reason: string | null;
}

interface AccessLogRow {
  id: string;
  at: Date;
  username: string;
  roles: string[];
  kind: AccessLogKind;
  case_id: string | null;
  action: string;
  route: string;
  request_id: string | null;
  query: string | null;
  hits: number | null;
  reason: string | null;
  total: string;
}

type NewAccessLogRow = Omit<AccessLogEntry, 'id' | 'at' | 'roles' | 'caseNumber'> & {
  roles: readonly string[];
};

/** What a row says beyond who asked, where and in which request. */
type AccessLogSubject = Pick<NewAccessLogRow, 'kind' | 'caseId' | 'action' | 'query' | 'hits' | 'reason'>;

/** Rows per INSERT; concurrent reads beyond it wait for the next statement. */
const MAX_ROWS_PER_INSERT = 200;

/**
 * Many rows in one statement. Roles travel as one comma-joined text per row (role names have no
 * commas; see ROLES) because Postgres arrays cannot be ragged.
 */
const INSERT_ROWS = `INSERT INTO access_log (username, roles, case_id, action, route, request_id, kind, query, hits, reason)
  SELECT r.username, string_to_array(r.roles, ','), r.case_id, r.action, r.route, r.request_id, r.kind, r.query, r.hits, r.reason
    FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[])
         WITH ORDINALITY AS r(username, roles, case_id, action, route, request_id, kind, query, hits, reason, n)
   ORDER BY r.n`;

const FILTER = `($1::uuid IS NULL OR case_id = $1) AND ($2::text IS NULL OR username = $2) AND ($3::text IS NULL OR kind = $3)
  AND ($4::text[] IS NULL
       OR (case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rm_cases c WHERE c.id = access_log.case_id AND NOT c.unit_id = ANY($4::text[])))
       OR (case_id IS NULL AND username = ANY($5::text[])))`;

/**
 * The access log (loggkontroll, DATA-5): one row per read of a single case, written before the case
 * leaves the api, so there is no read without its row; and one row per search of the case list with
 * its query (it may name a person), written before the hits leave the api. The table refuses UPDATE and DELETE.
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
    reason?: string,
  ): Promise<void> {
    return this.write(principal, route, requestId, {
      kind: 'read',
      caseId,
      action,
      query: null,
      hits: null,
      reason: reason ?? null,
    });
  }

  /** A search of the case list: who, when, the query as written and how many cases it matched. */
  recordSearch(
    principal: Principal,
    search: { query: string; hits: number },
    route: string,
    requestId: string | undefined,
  ): Promise<void> {
    return this.write(principal, route, requestId, {
      kind: 'search',
      caseId: null,
      action: SEARCH_CASES_ACTION,
      query: search.query,
      hits: search.hits,
      reason: null,
    });
  }

  private write(
    principal: Principal,
    route: string,
    requestId: string | undefined,
    subject: AccessLogSubject,
  ): Promise<void> {
    return this.rows.submit('access_log', {
      username: principal.username,
      roles: principal.roles,
      route,
      requestId: requestId ?? null,
      ...subject,
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
        batch.map((r) => r.kind),
        batch.map((r) => r.query),
        batch.map((r) => r.hits),
        batch.map((r) => r.reason),
      ]);
      return batch.map(() => undefined);
    });
  }

  async list(
    filter: AccessLogFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: AccessLogEntry[]; total: number }> {
    if (filter.caseNumber !== undefined) {
      const caseId = await this.caseIdOf(filter.caseNumber);
      if (caseId === null || (filter.caseId !== undefined && filter.caseId !== caseId))
        return { items: [], total: 0 };
      return this.list({ ...withoutCaseNumber(filter), caseId }, page, pageSize);
    }
    const rows: (AccessLogRow & { case_number: string | null })[] = await this.dataSource.query(
      `SELECT id, at, username, roles, kind, case_id, action, route, request_id, query, hits, reason,
              (SELECT c.case_number FROM rm_cases c WHERE c.id = access_log.case_id) AS case_number,
              count(*) OVER () AS total
         FROM access_log
        WHERE ${FILTER}
        ORDER BY at DESC, id DESC
        LIMIT $6 OFFSET $7`,
      [...filterValues(filter), pageSize, (page - 1) * pageSize],
    );
    const total = rows[0] ? Number(rows[0].total) : await this.count(filter);
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        username: r.username,
        roles: r.roles,
        kind: r.kind,
        caseId: r.case_id,
        caseNumber: r.case_number,
        action: r.action,
        route: r.route,
        requestId: r.request_id,
        query: r.query,
        hits: r.hits,
        reason: r.reason,
      })),
      total,
    };
  }

  private async caseIdOf(caseNumber: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM rm_cases WHERE case_number = upper($1)`,
      [caseNumber.trim()],
    );
    return rows[0]?.id ?? null;
  }

  private async count(filter: AccessLogFilter): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) FROM access_log WHERE ${FILTER}`,
      filterValues(filter),
    );
    return Number(rows[0]?.count ?? 0);
  }
}

function withoutCaseNumber(filter: AccessLogFilter): AccessLogFilter {
  const { caseNumber: _caseNumber, ...rest } = filter;
  return rest;
}

function filterValues(filter: AccessLogFilter): (string | string[] | null)[] {
  return [
    filter.caseId ?? null,
    filter.username ?? null,
    filter.kind ?? null,
    filter.board ? [...filter.board.unitIds] : null,
    filter.board ? [...filter.board.usernames] : null,
  ];
}
