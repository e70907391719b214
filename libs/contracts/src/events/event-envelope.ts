/** The shape of a stored domain event as it leaves the event store (Kafka payload, API history). */
export interface EventMetadata {
  actor: string;
  correlationId: string;
  causationId?: string;
  requestId?: string;
}

export interface EventEnvelope<TData = Record<string, unknown>> {
  id: string;
  position: string;
  aggregateType: string;
  aggregateId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  occurredAt: string;
  recordedAt: string;
}
