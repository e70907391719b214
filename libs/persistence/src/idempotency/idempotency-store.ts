import type { DataSource } from 'typeorm';
import { rowsOf } from '../sql/rows-of';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type IdempotencyClaim =
  | {
      kind: 'claimed';
      /** The id the request's new resource must take: the same for every attempt with this key. */
      aggregateId: string;
      /** This attempt took over a claim whose holder stopped renewing it (it crashed). */
      takeover: boolean;
    }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'conflict' }
  | { kind: 'in_progress' };

export interface ClaimOptions {
  /** How long a claim holds without being renewed. */
  leaseMs: number;
  /**
   * The handler creates its resource under `aggregateId`, so a stale claim may be taken over: a
   * second run finds the resource the first one created instead of creating another (ADR 0009).
   */
  recoverable: boolean;
}

/**
 * Idempotency keys per caller scope. The first request claims the key; a retry with the same body
 * gets the stored answer, with another body a conflict. A retry that arrives while the first is still
 * running sees `in_progress` and polls until the answer is stored (api.md: a double click makes one
 * case and two identical answers).
 *
 * The crash window (ADR 0009): a claim names the id of the resource it creates and holds a lease that
 * its holder renews while it runs. If the holder dies after committing the case but before storing the
 * answer, the lease runs out and a retry takes the claim over with the same id; the event store's
 * unique (aggregate_id, version) makes that at most one case, and the handler answers with it.
 */
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  async claim(
    scope: string,
    key: string,
    requestHash: string,
    options: ClaimOptions,
  ): Promise<IdempotencyClaim> {
    const inserted: { aggregate_id: string }[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status, aggregate_id, locked_until)
       VALUES ($1, $2, $3, 'in_progress', gen_random_uuid(), now() + make_interval(secs => $4::double precision / 1000))
       ON CONFLICT DO NOTHING RETURNING aggregate_id`,
      [scope, key, requestHash, options.leaseMs],
    );
    if (inserted[0]) return { kind: 'claimed', aggregateId: inserted[0].aggregate_id, takeover: false };
    const seen = await this.inspect(scope, key, requestHash);
    if (seen.kind !== 'in_progress' || !options.recoverable) return seen;
    return (await this.takeOver(scope, key, requestHash, options.leaseMs)) ?? seen;
  }

  /** Keeps a running claim from being taken over. */
  async renew(scope: string, key: string, leaseMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3::double precision / 1000)
        WHERE scope = $1 AND key = $2 AND status = 'in_progress'`,
      [scope, key, leaseMs],
    );
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_headers = $4, response_body = $5, completed_at = now(), locked_until = NULL
        WHERE scope = $1 AND key = $2`,
      [scope, key, response.status, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)],
    );
  }

  /** The first request failed without an answer worth replaying: free the key for a new try. */
  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_progress'`,
      [scope, key],
    );
  }

  /**
   * A claim whose lease ran out: its holder died (or stalled past the lease). The same resource id is
   * kept; a claim made before ADR 0009 has none and gets a fresh one (such a crash cannot be deduped).
   */
  private async takeOver(
    scope: string,
    key: string,
    requestHash: string,
    leaseMs: number,
  ): Promise<IdempotencyClaim | null> {
    const result: unknown = await this.dataSource.query(
      `UPDATE idempotency_keys
          SET locked_until = now() + make_interval(secs => $4::double precision / 1000),
              aggregate_id = COALESCE(aggregate_id, gen_random_uuid())
        WHERE scope = $1 AND key = $2 AND request_hash = $3 AND status = 'in_progress'
          AND COALESCE(locked_until, created_at + make_interval(secs => $4::double precision / 1000)) < now()
        RETURNING aggregate_id`,
      [scope, key, requestHash, leaseMs],
    );
    const rows = rowsOf<{ aggregate_id: string }>(result);
    return rows[0] ? { kind: 'claimed', aggregateId: rows[0].aggregate_id, takeover: true } : null;
  }

  private async inspect(scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const rows: {
      request_hash: string;
      status: string;
      response_status: number | null;
      response_headers: Record<string, string> | null;
      response_body: unknown;
    }[] = await this.dataSource.query(
      `SELECT request_hash, status, response_status, response_headers, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    const row = rows[0];
    if (!row) return { kind: 'in_progress' };
    if (row.request_hash !== requestHash) return { kind: 'conflict' };
    if (row.status !== 'completed') return { kind: 'in_progress' };
    return {
      kind: 'replay',
      response: {
        status: row.response_status ?? 200,
        headers: row.response_headers ?? {},
        body: row.response_body,
      },
    };
  }
}
