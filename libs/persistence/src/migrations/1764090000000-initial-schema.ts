import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store, outbox, inbox, idempotency keys, case-number sequences, personal data and the
 * access log. Events and the access log are append-only: the database itself refuses UPDATE, DELETE
 * and TRUNCATE (DATA-5, DATA-6), so no application bug can rewrite history.
 */
export class InitialSchema1764090000000 implements MigrationInterface {
  name = 'InitialSchema1764090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        position        bigserial PRIMARY KEY,
        id              uuid NOT NULL UNIQUE,
        aggregate_type  text NOT NULL,
        aggregate_id    uuid NOT NULL,
        version         integer NOT NULL CHECK (version > 0),
        type            text NOT NULL,
        schema_version  integer NOT NULL DEFAULT 1,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_aggregate_version_unique UNIQUE (aggregate_id, version)
      )`);
    await q.query(`
      CREATE FUNCTION refuse_change_of_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'tabellen % är append-only: % är inte tillåtet', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only()`);

    await q.query(`
      CREATE TABLE personal_data (
        event_id    uuid PRIMARY KEY REFERENCES events (id),
        subject_id  uuid NOT NULL,
        data        jsonb,
        erased_at   timestamptz,
        erased_reason text
      )`);
    await q.query(`CREATE INDEX personal_data_subject_idx ON personal_data (subject_id)`);

    await q.query(`
      CREATE TABLE outbox (
        id            bigserial PRIMARY KEY,
        event_id      uuid NOT NULL,
        topic         text NOT NULL,
        message_key   text NOT NULL,
        partition_no  smallint NOT NULL,
        payload       jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz
      )`);
    await q.query(
      `CREATE INDEX outbox_unpublished_idx ON outbox (partition_no, id) WHERE published_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE inbox (
        consumer      text NOT NULL,
        event_id      uuid NOT NULL,
        processed_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE dead_letters (
        id            bigserial PRIMARY KEY,
        consumer      text NOT NULL,
        topic         text NOT NULL,
        kafka_partition integer NOT NULL,
        kafka_offset  text NOT NULL,
        event_id      uuid,
        payload       text NOT NULL,
        error         text NOT NULL,
        attempts      integer NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        scope          text NOT NULL,
        key            text NOT NULL,
        request_hash   text NOT NULL,
        status         text NOT NULL CHECK (status IN ('in_progress', 'completed')),
        response_status integer,
        response_headers jsonb,
        response_body  jsonb,
        created_at     timestamptz NOT NULL DEFAULT now(),
        completed_at   timestamptz,
        PRIMARY KEY (scope, key)
      )`);

    await q.query(`
      CREATE TABLE case_number_sequences (
        prefix      text NOT NULL,
        year        integer NOT NULL,
        last_value  integer NOT NULL,
        PRIMARY KEY (prefix, year)
      )`);

    await q.query(`
      CREATE TABLE access_log (
        id          bigserial PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        username    text NOT NULL,
        roles       text[] NOT NULL,
        case_id     uuid NOT NULL,
        action      text NOT NULL,
        route       text NOT NULL,
        request_id  text
      )`);
    await q.query(`CREATE INDEX access_log_case_idx ON access_log (case_id, at)`);
    await q.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only()`);
    await q.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only()`);

    await q.query(`
      CREATE TABLE service_probe (
        id        uuid PRIMARY KEY,
        note      text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'service_probe',
      'access_log',
      'case_number_sequences',
      'idempotency_keys',
      'dead_letters',
      'inbox',
      'outbox',
      'personal_data',
      'events',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS refuse_change_of_append_only() CASCADE`);
  }
}
