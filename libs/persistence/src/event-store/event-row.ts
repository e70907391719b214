import type { EventEnvelope, EventMetadata } from '@kvalitet/contracts';

/** A row of `events` with its personal data joined, as the event store and the outbox read it. */
export interface EventRow {
  position: string;
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** A Date, or epoch milliseconds from `scanAll`. */
  occurred_at: Date | number;
  recorded_at: Date | number;
  personal: Record<string, unknown> | null;
}

/** The envelope of a stored event, with its data as the reader prepared it (merged, upcast or not). */
export function envelopeOfRow(
  row: EventRow,
  content: { schemaVersion: number; data: Record<string, unknown> },
): EventEnvelope {
  return {
    id: row.id,
    position: String(row.position),
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    version: row.version,
    type: row.type,
    schemaVersion: content.schemaVersion,
    data: content.data,
    metadata: row.metadata,
    occurredAt: new Date(row.occurred_at).toISOString(),
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}
