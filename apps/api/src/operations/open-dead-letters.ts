import type { DataSource } from 'typeorm';

/** The open (not yet replayed) dead letters of one consumer: how many, and since when. */
export interface OpenDeadLetters {
  consumer: string;
  open: number;
  oldestAt: Date;
  /** Measured by the database's clock, so the age does not depend on the api host's. */
  oldestAgeSeconds: number;
}

interface OpenDeadLettersRow {
  consumer: string;
  open: number;
  oldest_at: Date;
  oldest_age_seconds: string;
}

/**
 * Counts and dates only: payload and error may hold personal data and are never read here.
 * Answered from the partial index `dead_letters_open (consumer, created_at) WHERE replayed_at IS NULL`.
 */
const OPEN_BY_CONSUMER = `
  SELECT consumer,
         count(*)::int AS open,
         min(created_at) AS oldest_at,
         extract(epoch FROM statement_timestamp() - min(created_at)) AS oldest_age_seconds
    FROM dead_letters
   WHERE replayed_at IS NULL
   GROUP BY consumer
   ORDER BY consumer`;

/** One statement for the api's summary and for the `/metrics` gauges alike. */
export async function readOpenDeadLetters(dataSource: DataSource): Promise<OpenDeadLetters[]> {
  const rows: OpenDeadLettersRow[] = await dataSource.query(OPEN_BY_CONSUMER);
  return rows.map((r) => ({
    consumer: r.consumer,
    open: r.open,
    oldestAt: new Date(r.oldest_at),
    oldestAgeSeconds: Math.max(0, Number(r.oldest_age_seconds)),
  }));
}
