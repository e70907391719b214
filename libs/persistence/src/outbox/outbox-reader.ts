import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import { envelopeOfRow, type EventRow } from '../event-store/event-row';
import { mergePersonalData } from '../personal-data/personal-fields';

/** One pending outbox row with the event it points at, as it goes to Kafka. */
export interface PendingOutboxMessage {
  id: string;
  topic: string;
  key: string;
  event: EventEnvelope;
}

interface PendingRow extends EventRow {
  outbox_id: string;
  topic: string;
  message_key: string;
}

/**
 * The oldest unpublished outbox rows of the given partitions (up to `limitPerPartition` each, read
 * in index order per partition) with their events, in outbox order. The outbox row only points at
 * its event (ADR 0010): the message is built from the event row and its personal data when it is
 * published, so the append writes the event once instead of twice. The event is sent as it was
 * written (no upcasting), with personal data merged back — or its erasure marker, if it was erased
 * before it went out.
 */
export async function readPendingOutbox(
  manager: EntityManager,
  partitions: number | readonly number[],
  limitPerPartition: number,
): Promise<PendingOutboxMessage[]> {
  const rows: PendingRow[] = await manager.query(
    `SELECT o.id AS outbox_id, o.topic, o.message_key, e.id, e.position, e.aggregate_type, e.aggregate_id, e.version, e.type,
            e.schema_version, e.data, e.metadata, e.occurred_at, e.recorded_at, p.data AS personal
       FROM unnest($1::int[]) AS part(no)
      CROSS JOIN LATERAL (SELECT id, topic, message_key, event_id FROM outbox
              WHERE partition_no = part.no AND published_at IS NULL ORDER BY id LIMIT $2) o
       JOIN events e ON e.id = o.event_id
       LEFT JOIN personal_data p ON p.event_id = o.event_id
      ORDER BY o.id`,
    [typeof partitions === 'number' ? [partitions] : [...partitions], limitPerPartition],
  );
  return rows.map((row) => ({
    id: String(row.outbox_id),
    topic: row.topic,
    key: row.message_key,
    event: envelopeOfRow(row, {
      schemaVersion: row.schema_version,
      data: row.personal ? mergePersonalData(row.data, row.personal) : row.data,
    }),
  }));
}

/** Marks rows as published (in the relay's transaction, after Kafka acknowledged them). */
export async function markOutboxPublished(manager: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
}
