import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { serialTask } from './serial-query';

/**
 * One value in COPY's text format: `\N` for null, backslash, newline, carriage return and tab
 * escaped; dates as ISO strings, other objects as JSON (for json/jsonb columns).
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    // JSON.stringify writes newlines, returns and tabs inside strings as escapes: only its
    // backslashes need doubling (a plain search through kilobytes of state, not a regex).
    const json = JSON.stringify(value);
    return json.includes('\\') ? json.replace(BACKSLASHES, '\\\\') : json;
  }
  const text = String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, escapeChar) : text;
}

const BACKSLASHES = /\\/g;
const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPED = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escapeChar = (c: string) => ESCAPES[c]!;

/** One row in COPY's text format, with its newline. */
export function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyValue(values[i]);
  return `${line}\n`;
}

/**
 * The copy-in half of pg's query protocol as a pg "submittable": pg sends `COPY … FROM STDIN`,
 * the server answers CopyInResponse, the data goes in chunks, then CopyDone. (The same thing
 * pg-copy-streams does; a bulk load of already-encoded text needs none of its streaming.)
 */
class CopyIn {
  callback: ((error: Error | null, rows?: number) => void) | undefined;
  private rows = 0;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {}

  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    const CHUNK = 1 << 20;
    for (let at = 0; at < this.data.length; at += CHUNK)
      connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rows = Number(/\d+$/.exec(message.text ?? '')?.[0] ?? 0);
  }

  /** pg forgets the active query on an error: its ReadyForQuery then goes to no one. */
  handleError(error: Error): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  private settle(error: Error | null): void {
    const callback = this.callback;
    this.callback = undefined;
    if (error) callback?.(error);
    else callback?.(null, this.rows);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/**
 * `COPY table (columns) FROM STDIN` of rows already in COPY's text format (`copyLine`), on the
 * transaction's connection, in turn with the other statements of `serialQuery`. Returns the rows
 * copied. COPY writes a page of rows per WAL record and parses nothing but the values themselves,
 * where an INSERT from JSON writes a record per row and parses every row's JSON first (ADR 0012).
 */
export function serialCopyIn(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  lines: string,
): Promise<number> {
  return serialTask(manager, async () => {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('COPY behöver en transaktion');
    const client = (await runner.connect()) as PoolClient;
    return new Promise<number>((resolve, reject) => {
      const copy = new CopyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, Buffer.from(lines, 'utf8'));
      copy.callback = (error, rows) => (error ? reject(error) : resolve(rows ?? 0));
      void client.query(copy as never);
    });
  });
}
