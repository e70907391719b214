import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox row points at its event instead of carrying a copy of it (ADR 0010): the relay builds
 * the message from the event row when it publishes. Writing the event once halves what an append
 * writes and removes the JSON merge the append statement did for the copy.
 */
export class OutboxPointsAtEvent1764140000000 implements MigrationInterface {
  name = 'OutboxPointsAtEvent1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN payload`);
  }

  /** Back to copies; nested personal fields (`reporter.name`) come back as top-level keys. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN payload jsonb`);
    await q.query(`
      UPDATE outbox o SET payload = jsonb_build_object(
        'id', e.id, 'position', e.position::text, 'aggregateType', e.aggregate_type, 'aggregateId', e.aggregate_id,
        'version', e.version, 'type', e.type, 'schemaVersion', e.schema_version, 'data', e.data || coalesce(p.data, '{}'::jsonb),
        'metadata', e.metadata, 'occurredAt', e.occurred_at, 'recordedAt', e.recorded_at)
        FROM events e LEFT JOIN personal_data p ON p.event_id = e.id
       WHERE e.id = o.event_id`);
    await q.query(`ALTER TABLE outbox ALTER COLUMN payload SET NOT NULL`);
  }
}
