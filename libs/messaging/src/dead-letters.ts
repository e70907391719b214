import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import { handleWithInbox, type ConsumerHandler } from './handle-with-inbox';

export interface NewDeadLetter {
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  eventId: string | null;
  payload: string;
  error: string;
  attempts: number;
}

export interface DeadLetter {
  id: string;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  eventId: string | null;
  eventType: string | null;
  aggregateId: string | null;
  error: string;
  attempts: number;
  createdAt: string;
  replayedAt: string | null;
  replayedBy: string | null;
  replayOutcome: 'handled' | 'already_handled' | null;
}

/**
 * Writes an event that its consumer can never handle. An event already waiting in `dead_letters`
 * for this consumer (a redelivery after a rebalance) is not written twice; returns whether it was.
 * The inbox entry is NOT claimed: a replay claims it, so the event stays unhandled until then.
 */
export async function writeDeadLetter(dataSource: DataSource, letter: NewDeadLetter): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, payload, error, attempts)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8
     WHERE $5::uuid IS NULL OR NOT EXISTS (
       SELECT 1 FROM dead_letters WHERE consumer = $1 AND event_id = $5::uuid AND replayed_at IS NULL)
     RETURNING id`,
    [
      letter.consumer,
      letter.topic,
      letter.partition,
      letter.offset,
      letter.eventId,
      letter.payload,
      letter.error,
      letter.attempts,
    ],
  );
  return rows.length === 1;
}

interface DeadLetterRow {
  id: string;
  consumer: string;
  topic: string;
  kafka_partition: number;
  kafka_offset: string;
  event_id: string | null;
  event_type: string | null;
  aggregate_id: string | null;
  error: string;
  attempts: number;
  created_at: Date;
  replayed_at: Date | null;
  replayed_by: string | null;
  replay_outcome: DeadLetter['replayOutcome'];
  payload?: string;
}

const COLUMNS = `id::text, consumer, topic, kafka_partition, kafka_offset, event_id, error, attempts, created_at,
  replayed_at, replayed_by, replay_outcome,
  CASE WHEN payload ~ '^\\s*\\{' AND pg_input_is_valid(payload, 'jsonb') THEN (payload::jsonb)->>'type' END AS event_type,
  CASE WHEN payload ~ '^\\s*\\{' AND pg_input_is_valid(payload, 'jsonb') THEN (payload::jsonb)->>'aggregateId' END AS aggregate_id`;

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    consumer: row.consumer,
    topic: row.topic,
    partition: row.kafka_partition,
    offset: row.kafka_offset,
    eventId: row.event_id,
    eventType: row.event_type,
    aggregateId: row.aggregate_id,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    replayedAt: row.replayed_at?.toISOString() ?? null,
    replayedBy: row.replayed_by,
    replayOutcome: row.replay_outcome,
  };
}

/** Dead letters, oldest first; only those not yet replayed unless `includeReplayed`. */
export async function listDeadLetters(
  dataSource: DataSource,
  filter: { consumer?: string; includeReplayed?: boolean } = {},
): Promise<DeadLetter[]> {
  const rows: DeadLetterRow[] = await dataSource.query(
    `SELECT ${COLUMNS} FROM dead_letters
     WHERE ($1::text IS NULL OR consumer = $1) AND ($2 OR replayed_at IS NULL)
     ORDER BY created_at, id`,
    [filter.consumer ?? null, filter.includeReplayed ?? false],
  );
  return rows.map(toDeadLetter);
}

export async function findDeadLetter(
  dataSource: DataSource,
  id: string,
): Promise<(DeadLetter & { payload: string }) | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const [row]: DeadLetterRow[] = await dataSource.query(
    `SELECT ${COLUMNS}, payload FROM dead_letters WHERE id = $1`,
    [id],
  );
  return row ? { ...toDeadLetter(row), payload: row.payload ?? '' } : null;
}

export type ReplayOutcome = 'handled' | 'already_handled' | 'already_replayed';

/**
 * Hands a dead letter to its consumer's handler again, through the consumer's inbox, in one
 * transaction that also marks the row (never deletes it): an event handled meanwhile (a redelivery,
 * an earlier replay) is a no-op, and a handler that still fails leaves the row as it was and throws.
 */
export async function replayDeadLetter(
  dataSource: DataSource,
  consumer: ConsumerHandler,
  id: string,
  replayedBy: string,
): Promise<ReplayOutcome> {
  return dataSource.transaction(async (manager) => {
    const [row]: { consumer: string; payload: string; replayed_at: Date | null }[] = await manager.query(
      `SELECT consumer, payload, replayed_at FROM dead_letters WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new Error(`dead letter ${id} finns inte / does not exist`);
    if (row.consumer !== consumer.consumerName)
      throw new Error(`dead letter ${id} hör till ${row.consumer}, inte ${consumer.consumerName}`);
    if (row.replayed_at) return 'already_replayed';
    const event = parseJson(row.payload) as EventEnvelope | null;
    if (typeof event?.id !== 'string' || typeof event.type !== 'string') {
      throw new Error(
        `dead letter ${id} är ingen händelse och kan inte spelas upp igen / is not an event and cannot be replayed`,
      );
    }
    const handled = await handleWithInbox(consumer, [event], manager);
    const outcome = handled.length === 1 ? 'handled' : 'already_handled';
    await manager.query(
      `UPDATE dead_letters SET replayed_at = now(), replayed_by = $2, replay_outcome = $3 WHERE id = $1`,
      [id, replayedBy, outcome],
    );
    return outcome;
  });
}

/** A payload that is not JSON (the runner keeps whatever Kafka held) is no event either. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
