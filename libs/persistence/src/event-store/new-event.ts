export interface NewEvent {
  type: string;
  data: object;
  schemaVersion?: number;
  /** When it happened in the world; defaults to the append time. */
  occurredAt?: Date;
}
