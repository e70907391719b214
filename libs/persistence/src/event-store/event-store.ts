import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AggregateType, EventEnvelope, EventMetadata } from '@kvalitet/contracts';
import { topicForAggregate } from '@kvalitet/contracts';
import { outboxPartitionOf } from '../outbox/outbox-partition';
import { preparedStatement, queryPrepared } from './prepared-query';
import { serialQuery } from './serial-query';
import {
  ERASED_MARKER,
  mergePersonalData,
  personalFieldPathsFor,
  splitPersonalData,
} from '../personal-data/personal-fields';
import type { NewEvent } from './new-event';
import { envelopeOfRow, type EventRow } from './event-row';
import { defaultUpcasters, type UpcasterRegistry } from './upcasters';
import { VersionConflictError } from './version-conflict.error';

export interface AppendRequest {
  aggregateType: AggregateType;
  aggregateId: string;
  /** The version the caller decided on; 0 for a new aggregate. */
  expectedVersion: number;
  events: NewEvent[];
  metadata: EventMetadata;
}

const UNIQUE_VIOLATION = '23505';

/**
 * A timestamp as epoch milliseconds (a float, µs as the fraction): `new Date()` of it truncates to
 * the same millisecond as pg's parsing of the text form, for a fraction of the cost per row.
 */
const EPOCH_MS = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/** Names the cursors of `scanAll`, unique within the process (and so within a connection). */
let scanCursors = 0;

/**
 * Events, their personal data and their outbox rows (pointers to the events) in one statement, for
 * one or many aggregates; positions follow the order of the rows.
 */
const EVENT_ROWS = `unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::timestamptz[])
            WITH ORDINALITY AS e(id, aggregate_type, aggregate_id, version, type, schema_version, data, metadata, occurred_at, n)`;
const PERSONAL_AND_OUTBOX = `new_personal AS (
     INSERT INTO personal_data (event_id, subject_id, data)
     SELECT p.event_id, p.subject_id, p.data FROM unnest($1::uuid[], $3::uuid[], $10::jsonb[]) AS p(event_id, subject_id, data)
      WHERE p.data IS NOT NULL
   ),
   new_outbox AS (
     INSERT INTO outbox (event_id, topic, message_key, partition_no)
     SELECT n.id, o.topic, n.aggregate_id::text, o.partition_no
       FROM new_events n JOIN unnest($1::uuid[], $11::text[], $12::smallint[]) AS o(event_id, topic, partition_no) ON o.event_id = n.id
      ORDER BY n.position
   )`;

const APPEND = preparedStatement(
  'kvalitet_append_events_v2',
  `WITH new_events AS (
     INSERT INTO events (id, aggregate_type, aggregate_id, version, type, schema_version, data, metadata, occurred_at)
     SELECT e.id, e.aggregate_type, e.aggregate_id, e.version, e.type, e.schema_version, e.data, e.metadata, e.occurred_at
       FROM ${EVENT_ROWS}
      ORDER BY e.n
     RETURNING id, aggregate_id, position, recorded_at
   ),
   ${PERSONAL_AND_OUTBOX}
   SELECT id, position, recorded_at, NULL::text AS case_number FROM new_events`,
);

/**
 * APPEND that also allocates gap-free case numbers ($13 prefix, $14 year, $15 how many) and writes
 * each into the `caseNumber` of the events whose $16 index (1…$15) names it, all in one statement:
 * the counter row stays locked only while Postgres runs it, not across round trips to a busy api
 * process, where another process's reports would wait for it (ADR 0017). The number is formatted
 * as formatCaseNumber does (four digits at least); event-store.int-spec.ts compares the two.
 */
const APPEND_NUMBERED = preparedStatement(
  'kvalitet_append_numbered_events_v1',
  `WITH allocated AS (
     INSERT INTO case_number_sequences (prefix, year, last_value) VALUES ($13, $14, $15)
     ON CONFLICT (prefix, year) DO UPDATE SET last_value = case_number_sequences.last_value + EXCLUDED.last_value
     RETURNING last_value - $15 AS before
   ),
   numbered AS (
     SELECT e.*, CASE WHEN x.i > 0 THEN $13 || '-' || $14::text || '-' || lpad(s.seq::text, greatest(4, length(s.seq::text)), '0') END AS case_number
       FROM ${EVENT_ROWS}
       JOIN unnest($16::int[]) WITH ORDINALITY AS x(i, n) ON x.n = e.n
       CROSS JOIN LATERAL (SELECT (SELECT before FROM allocated) + x.i AS seq) s
   ),
   new_events AS (
     INSERT INTO events (id, aggregate_type, aggregate_id, version, type, schema_version, data, metadata, occurred_at)
     SELECT e.id, e.aggregate_type, e.aggregate_id, e.version, e.type, e.schema_version,
            CASE WHEN e.case_number IS NULL THEN e.data ELSE jsonb_set(e.data, '{caseNumber}', to_jsonb(e.case_number)) END,
            e.metadata, e.occurred_at
       FROM numbered e
      ORDER BY e.n
     RETURNING id, aggregate_id, position, recorded_at
   ),
   ${PERSONAL_AND_OUTBOX}
   SELECT n.id, n.position, n.recorded_at, e.case_number FROM new_events n JOIN numbered e ON e.id = n.id`,
);

/** appendMany's numbering: gap-free numbers of one series for the requests' numbered events. */
export interface CaseNumbering {
  prefix: string;
  year: number;
  /** The event of a request that carries the request's number in `data.caseNumber`. */
  numberedEventType: string;
}

/** One aggregate's stream with its personal data (every case read and command loads one). */
const LOAD = preparedStatement(
  'kvalitet_load_events',
  `SELECT e.position, e.id, e.aggregate_type, e.aggregate_id, e.version, e.type, e.schema_version, e.data, e.metadata,
          e.occurred_at, e.recorded_at, p.data AS personal
     FROM events e LEFT JOIN personal_data p ON p.event_id = e.id
    WHERE e.aggregate_id = $1 ORDER BY e.version`,
);

/**
 * Erases a subject's personal data in the caller's transaction (or the data source): every value of
 * its `personal_data` rows becomes the marker; the events themselves stay (ADR 0002).
 */
export async function erasePersonalDataOf(
  db: EntityManager | DataSource,
  subjectId: string,
  reason: string,
): Promise<number> {
  const result: [unknown[], number] = await db.query(
    `UPDATE personal_data
        SET data = (SELECT jsonb_object_agg(k, to_jsonb($3::text)) FROM jsonb_object_keys(data) AS k),
            erased_at = now(), erased_reason = $2
      WHERE subject_id = $1 AND erased_at IS NULL`,
    [subjectId, reason, ERASED_MARKER],
  );
  return result[1];
}

/**
 * Append-only event store with the transactional outbox: the events, their personal data and the
 * outbox rows are written in one transaction, so an accepted command is durable and will be
 * published, or nothing happened at all.
 */
export interface EventStoreOptions {
  upcasters?: UpcasterRegistry;
  /** Topic per aggregate type; tests give each run topics of its own. */
  topicFor?: (aggregateType: AggregateType) => string;
}

/** The request whose (aggregate, version) already existed, named in Postgres's error detail. */
function conflictOf(requests: readonly AppendRequest[], error: unknown): VersionConflictError {
  const detail = String((error as { detail?: unknown }).detail ?? '');
  const request = requests.find((r) => detail.includes(r.aggregateId)) ?? requests[0]!;
  return new VersionConflictError(request.aggregateId, request.expectedVersion);
}

export class EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly topicFor: (aggregateType: AggregateType) => string;

  constructor(
    private readonly dataSource: DataSource,
    options: EventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? defaultUpcasters();
    this.topicFor = options.topicFor ?? ((type) => topicForAggregate(type));
  }

  /** Runs `work` in one transaction; pass the manager to `append` to join it. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Appends in ONE statement (events, personal data and outbox rows through data-modifying CTEs), so
   * without a caller's transaction it is atomic on its own and costs one round trip.
   */
  async append(request: AppendRequest, manager?: EntityManager): Promise<EventEnvelope[]> {
    const [appended] = await this.appendMany([request], manager);
    return appended ?? [];
  }

  /**
   * Appends to several aggregates in the same one statement, all or nothing (a batch of reports);
   * returns the stored events per request. With `numbering`, the same statement allocates the next
   * numbers of the series, one per request in order, and sets each in its numbered event's data.
   */
  async appendMany(
    requests: readonly AppendRequest[],
    manager?: EntityManager,
    numbering?: CaseNumbering,
  ): Promise<EventEnvelope[][]> {
    const now = new Date();
    const rows = requests.flatMap((request, requestIndex) => {
      const topic = this.topicFor(request.aggregateType);
      const partition = outboxPartitionOf(request.aggregateId);
      const metadata = JSON.stringify(request.metadata);
      return request.events.map((event, index) => {
        const data = event.data as Record<string, unknown>;
        const { stripped, personal } = splitPersonalData(data, personalFieldPathsFor(request.aggregateType));
        return {
          request,
          topic,
          partition,
          metadata,
          id: randomUUID(),
          version: request.expectedVersion + index + 1,
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          stripped: JSON.stringify(stripped),
          personal: personal ? JSON.stringify(personal) : null,
          data,
          occurredAt: (event.occurredAt ?? now).toISOString(),
          numberIndex: numbering && event.type === numbering.numberedEventType ? requestIndex + 1 : 0,
        };
      });
    });
    if (rows.length === 0) return requests.map(() => []);
    const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
    let inserted: { id: string; position: string; recorded_at: Date; case_number: string | null }[];
    const numberingValues = numbering
      ? [numbering.prefix, numbering.year, requests.length, column((r) => r.numberIndex)]
      : [];
    try {
      inserted = await queryPrepared(this.dataSource, manager, numbering ? APPEND_NUMBERED : APPEND, [
        column((r) => r.id),
        column((r) => r.request.aggregateType),
        column((r) => r.request.aggregateId),
        column((r) => r.version),
        column((r) => r.type),
        column((r) => r.schemaVersion),
        column((r) => r.stripped),
        column((r) => r.metadata),
        column((r) => r.occurredAt),
        column((r) => r.personal),
        column((r) => r.topic),
        column((r) => r.partition),
        ...numberingValues,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw conflictOf(requests, error);
      throw error;
    }
    const byId = new Map(inserted.map((row) => [row.id, row]));
    const appended = new Map<AppendRequest, EventEnvelope[]>(requests.map((request) => [request, []]));
    for (const r of rows) {
      const stored = byId.get(r.id)!;
      appended.get(r.request)!.push({
        id: r.id,
        position: String(stored.position),
        aggregateType: r.request.aggregateType,
        aggregateId: r.request.aggregateId,
        version: r.version,
        type: r.type,
        schemaVersion: r.schemaVersion,
        data: stored.case_number === null ? r.data : { ...r.data, caseNumber: stored.case_number },
        metadata: r.request.metadata,
        occurredAt: r.occurredAt,
        recordedAt: new Date(stored.recorded_at).toISOString(),
      });
    }
    return requests.map((request) => appended.get(request)!);
  }

  async load(aggregateId: string, manager?: EntityManager): Promise<EventEnvelope[]> {
    const rows = await queryPrepared<EventRow>(this.dataSource, manager, LOAD, [aggregateId]);
    return rows.map((row) => this.toEnvelope(row));
  }

  /** Reads the whole store in commit order, page by page (projection rebuilds, reports). */
  async readAll(
    options: { afterPosition?: string; limit: number; aggregateType?: AggregateType },
    manager?: EntityManager,
  ): Promise<EventEnvelope[]> {
    const rows: EventRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT e.*, p.data AS personal
         FROM events e LEFT JOIN personal_data p ON p.event_id = e.id
        WHERE e.position > $1 AND ($2::text IS NULL OR e.aggregate_type = $2)
        ORDER BY e.position LIMIT $3`,
      [options.afterPosition ?? '0', options.aggregateType ?? null, options.limit],
    );
    return rows.map((row) => this.toEnvelope(row));
  }

  /** Every event (of a type of aggregate) in commit order, a page at a time; the next page is fetched while the caller works. */
  async *readAllPages(
    options: { pageSize?: number; aggregateType?: AggregateType } = {},
    manager?: EntityManager,
  ): AsyncGenerator<EventEnvelope[]> {
    const fetch = (after: string) =>
      this.readAll(
        {
          afterPosition: after,
          limit: options.pageSize ?? 5000,
          ...(options.aggregateType ? { aggregateType: options.aggregateType } : {}),
        },
        manager,
      );
    let next = fetch('0');
    for (;;) {
      const page = await next;
      if (page.length === 0) return;
      next = fetch(page[page.length - 1]!.position);
      yield page;
    }
  }

  /**
   * Every event (of some aggregate types) through ONE server-side cursor, for a rebuild: one
   * snapshot and one plan (a hash join with the personal data instead of an index probe per event
   * and page), and the next page is fetched while the caller folds this one (ADR 0012). In commit
   * order, or per aggregate (each aggregate's events together, in version order). Personal data is
   * merged only when asked for. Runs in the caller's transaction (a cursor lives in one); leaving
   * the loop early closes the cursor.
   */
  async *scanAll(
    manager: EntityManager,
    options: {
      aggregateTypes?: readonly string[];
      personalData?: boolean;
      order?: 'commit' | 'aggregate';
      pageSize?: number;
    } = {},
  ): AsyncGenerator<EventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('scanAll behöver en transaktion');
    const cursor = `kvalitet_scan_${++scanCursors}`;
    const personal = options.personalData ?? true;
    const types = options.aggregateTypes;
    // The whole result is read: plan for all of it (hash join), not for the first rows (nested loop).
    await manager.query(`SET LOCAL cursor_tuple_fraction = 1`);
    await manager.query(
      `DECLARE ${cursor} NO SCROLL CURSOR FOR
       SELECT e.position, e.id, e.aggregate_type, e.aggregate_id, e.version, e.type, e.schema_version, e.data, e.metadata,
              ${EPOCH_MS('e.occurred_at')} AS occurred_at, ${EPOCH_MS('e.recorded_at')} AS recorded_at,
              ${personal ? 'p.data' : 'NULL::jsonb'} AS personal
         FROM events e ${personal ? 'LEFT JOIN personal_data p ON p.event_id = e.id' : ''}
        ${types ? 'WHERE e.aggregate_type = ANY($1::text[])' : ''}
        ORDER BY ${options.order === 'aggregate' ? 'e.aggregate_id, e.version' : 'e.position'}`,
      types ? [[...types]] : [],
    );
    const fetch = () =>
      serialQuery<EventRow[]>(manager, `FETCH FORWARD ${options.pageSize ?? 10000} FROM ${cursor}`);
    let next = fetch();
    try {
      for (;;) {
        const rows = await next;
        if (rows.length === 0) return;
        next = fetch();
        yield rows.map((row) => this.toEnvelope(row));
      }
    } finally {
      // The fetch in flight when the caller stopped early is answered before the cursor goes.
      await next.catch(() => undefined);
      await serialQuery(manager, `CLOSE ${cursor}`).catch(() => undefined);
    }
  }

  /** Erases a subject's personal data when retention ends; the events themselves stay (ADR 0002). */
  async erasePersonalData(subjectId: string, reason: string): Promise<number> {
    return erasePersonalDataOf(this.dataSource, subjectId, reason);
  }

  private toEnvelope(row: EventRow): EventEnvelope {
    const merged = mergePersonalData(row.data, row.personal);
    return envelopeOfRow(row, this.upcasters.upcast(row.type, row.schema_version, merged));
  }
}
