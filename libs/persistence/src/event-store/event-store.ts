import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AggregateType, EventEnvelope, EventMetadata } from '@kvalitet/contracts';
import { topicForAggregate } from '@kvalitet/contracts';
import { outboxPartitionOf } from '../outbox/outbox-partition';
import { preparedStatement, queryPrepared } from './prepared-query';
import { ERASED_MARKER, mergePersonalData, splitPersonalData } from '../personal-data/personal-fields';
import type { NewEvent } from './new-event';
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

interface EventRow {
  position: string;
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  occurred_at: Date;
  recorded_at: Date;
  personal: Record<string, unknown> | null;
}

const UNIQUE_VIOLATION = '23505';

/** Events, their personal data and their outbox rows in one statement (data-modifying CTEs). */
const APPEND = preparedStatement(
  'kvalitet_append_events',
  `WITH new_events AS (
     INSERT INTO events (id, aggregate_type, aggregate_id, version, type, schema_version, data, metadata, occurred_at)
     SELECT e.id, $2, $3, e.version, e.type, e.schema_version, e.data, $4::jsonb, e.occurred_at
       FROM unnest($1::uuid[], $5::int[], $6::text[], $7::int[], $8::jsonb[], $9::timestamptz[])
            AS e(id, version, type, schema_version, data, occurred_at)
     RETURNING id, position, recorded_at, version
   ),
   new_personal AS (
     INSERT INTO personal_data (event_id, subject_id, data)
     SELECT p.event_id, $3, p.data FROM unnest($1::uuid[], $10::jsonb[]) AS p(event_id, data) WHERE p.data IS NOT NULL
   ),
   new_outbox AS (
     INSERT INTO outbox (event_id, topic, message_key, partition_no, payload)
     SELECT n.id, $11, $3::text, $12::smallint,
            o.payload || jsonb_build_object('position', n.position::text, 'recordedAt', to_char(n.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
       FROM new_events n JOIN unnest($1::uuid[], $13::jsonb[]) AS o(id, payload) ON o.id = n.id
   )
   SELECT id, position, recorded_at FROM new_events`,
);

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
    if (request.events.length === 0) return [];
    const now = new Date();
    const topic = this.topicFor(request.aggregateType);
    const partition = outboxPartitionOf(request.aggregateId);
    const rows = request.events.map((event, index) => {
      const { stripped, personal } = splitPersonalData(event.data as Record<string, unknown>);
      return {
        id: randomUUID(),
        version: request.expectedVersion + index + 1,
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        stripped,
        personal,
        full: event.data as Record<string, unknown>,
        occurredAt: (event.occurredAt ?? now).toISOString(),
      };
    });
    const metadata = JSON.stringify(request.metadata);
    let inserted: { id: string; position: string; recorded_at: Date }[];
    try {
      inserted = await queryPrepared(this.dataSource, manager, APPEND, [
        rows.map((r) => r.id),
        request.aggregateType,
        request.aggregateId,
        metadata,
        rows.map((r) => r.version),
        rows.map((r) => r.type),
        rows.map((r) => r.schemaVersion),
        rows.map((r) => JSON.stringify(r.stripped)),
        rows.map((r) => r.occurredAt),
        rows.map((r) => (r.personal ? JSON.stringify(r.personal) : null)),
        topic,
        partition,
        rows.map((r) =>
          JSON.stringify({
            id: r.id,
            aggregateType: request.aggregateType,
            aggregateId: request.aggregateId,
            version: r.version,
            type: r.type,
            schemaVersion: r.schemaVersion,
            data: r.full,
            metadata: request.metadata,
            occurredAt: r.occurredAt,
          }),
        ),
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new VersionConflictError(request.aggregateId, request.expectedVersion);
      }
      throw error;
    }
    const byId = new Map(inserted.map((row) => [row.id, row]));
    return rows.map((r) => {
      const stored = byId.get(r.id)!;
      return {
        id: r.id,
        position: String(stored.position),
        aggregateType: request.aggregateType,
        aggregateId: request.aggregateId,
        version: r.version,
        type: r.type,
        schemaVersion: r.schemaVersion,
        data: r.full,
        metadata: request.metadata,
        occurredAt: r.occurredAt,
        recordedAt: new Date(stored.recorded_at).toISOString(),
      };
    });
  }

  async load(aggregateId: string, manager?: EntityManager): Promise<EventEnvelope[]> {
    const rows: EventRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT e.*, p.data AS personal
         FROM events e LEFT JOIN personal_data p ON p.event_id = e.id
        WHERE e.aggregate_id = $1 ORDER BY e.version`,
      [aggregateId],
    );
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

  /** Erases a subject's personal data when retention ends; the events themselves stay (ADR 0002). */
  async erasePersonalData(subjectId: string, reason: string): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE personal_data
          SET data = (SELECT jsonb_object_agg(k, to_jsonb($3::text)) FROM jsonb_object_keys(data) AS k),
              erased_at = now(), erased_reason = $2
        WHERE subject_id = $1 AND erased_at IS NULL`,
      [subjectId, reason, ERASED_MARKER],
    );
    return result[1];
  }

  private toEnvelope(row: EventRow): EventEnvelope {
    const merged = mergePersonalData(row.data, row.personal);
    const { schemaVersion, data } = this.upcasters.upcast(row.type, row.schema_version, merged);
    return {
      id: row.id,
      position: String(row.position),
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      version: row.version,
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
      occurredAt: new Date(row.occurred_at).toISOString(),
      recordedAt: new Date(row.recorded_at).toISOString(),
    };
  }
}
