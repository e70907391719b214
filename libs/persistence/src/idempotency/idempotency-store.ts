import type { DataSource } from 'typeorm';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'conflict' }
  | { kind: 'in_progress' };

/**
 * Idempotency keys per caller scope. The first request claims the key; a retry with the same body
 * gets the stored answer, with another body a conflict. A retry that arrives while the first is still
 * running sees `in_progress` and polls until the answer is stored (api.md: a double click makes one
 * case and two identical answers).
 */
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  async claim(scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status) VALUES ($1, $2, $3, 'in_progress')
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, requestHash],
    );
    if (inserted.length === 1) return { kind: 'claimed' };
    return this.inspect(scope, key, requestHash);
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_headers = $4, response_body = $5, completed_at = now()
        WHERE scope = $1 AND key = $2`,
      [scope, key, response.status, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)],
    );
  }

  /** The first request failed without an answer worth replaying: free the key for a new try. */
  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_progress'`, [scope, key]);
  }

  private async inspect(scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const rows: { request_hash: string; status: string; response_status: number | null; response_headers: Record<string, string> | null; response_body: unknown }[] =
      await this.dataSource.query(`SELECT request_hash, status, response_status, response_headers, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]);
    const row = rows[0];
    if (!row) return { kind: 'in_progress' };
    if (row.request_hash !== requestHash) return { kind: 'conflict' };
    if (row.status !== 'completed') return { kind: 'in_progress' };
    return { kind: 'replay', response: { status: row.response_status ?? 200, headers: row.response_headers ?? {}, body: row.response_body } };
  }
}
