import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A statement the hot paths run thousands of times a second. Run by name, Postgres parses and plans
 * it once per connection and then only binds and executes it: for the append statement (three
 * data-modifying CTEs) planning cost more than executing.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function preparedStatement(name: string, text: string): PreparedStatement {
  return { name, text };
}

/**
 * Runs a prepared statement on the caller's transaction (the manager's connection) or, without
 * one, on a pooled connection as one implicit transaction. Errors are pg's own (with `code`).
 */
export async function queryPrepared<R>(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  statement: PreparedStatement,
  values: readonly unknown[],
): Promise<R[]> {
  const config = { name: statement.name, text: statement.text, values: values as unknown[] };
  const runner = manager?.queryRunner;
  if (runner && !runner.isReleased) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query(config)).rows as R[];
  }
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return (await pool.query(config)).rows as R[];
}
