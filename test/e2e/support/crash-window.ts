import { waitUntil } from '../../support/app-process';
import type { TestApi } from './api-harness';

export type HeldTable = 'idempotency_keys' | 'events';

/**
 * The Idempotency-Key crash window (ADR 0009) against the real api process: a trigger makes the
 * api's backend sleep in a write (storing the answer, or the create's events), the api is killed
 * with kill -9 while it sleeps, and the held backend is ended (its transaction rolls back).
 */
export interface CrashWindow {
  /** Holds the UPDATE that stores a completed answer, or the INSERT of events of `eventType`. */
  hold(table: 'idempotency_keys'): Promise<void>;
  hold(table: 'events', eventType: string): Promise<void>;
  /** kill -9 of the api while its backend sleeps in the trigger; then ends that backend and drops the trigger. */
  crashWhileHeld(table: HeldTable): Promise<void>;
  /** Starts the api again and waits until it answers. */
  restart(): Promise<void>;
  /** Drops what a failed test may have left (call in afterAll). */
  cleanUp(): Promise<void>;
}

export function crashWindow(api: TestApi): CrashWindow {
  const q = (sql: string, params: unknown[] = []) => api.db.dataSource.query(sql, params);
  return {
    async hold(table: HeldTable, eventType?: string): Promise<void> {
      await q(`CREATE OR REPLACE FUNCTION hold_forever() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN PERFORM pg_sleep(600); RETURN NEW; END $$`);
      const when =
        table === 'idempotency_keys'
          ? `UPDATE ON idempotency_keys FOR EACH ROW WHEN (NEW.status = 'completed')`
          : `INSERT ON events FOR EACH ROW WHEN (NEW.type = '${String(eventType).replace(/'/g, "''")}')`;
      await q(`CREATE TRIGGER hold_${table} BEFORE ${when} EXECUTE FUNCTION hold_forever()`);
    },
    async crashWhileHeld(table: HeldTable): Promise<void> {
      await waitUntil(
        async () =>
          (
            await q(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
            )
          ).length > 0,
        20_000,
        'the request is held in the trigger',
      );
      await api.process.kill9();
      await q(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
      );
      await q(`DROP TRIGGER hold_${table} ON ${table}`);
    },
    async restart(): Promise<void> {
      api.process.start();
      await waitUntil(
        () =>
          fetch(`${api.baseUrl}/health/live`).then(
            (r) => r.ok,
            () => false,
          ),
        60_000,
        'the api answers again after kill -9',
      );
    },
    async cleanUp(): Promise<void> {
      for (const table of ['idempotency_keys', 'events'])
        await q(`DROP TRIGGER IF EXISTS hold_${table} ON ${table}`).catch(() => undefined);
    },
  };
}
