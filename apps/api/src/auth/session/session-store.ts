import type { DataSource } from 'typeorm';
import type { SealedBox } from './sealed-box';
import type { TokenSet } from './oidc-client';

export interface StoredSession {
  key: string;
  username: string;
  tokens: TokenSet;
  createdAt: number;
  lastActivityAt: number;
}

/** The auth_sessions table (migration 1764340000000); tokens sealed at rest. */
export class SessionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SealedBox,
  ) {}

  async create(key: string, username: string, tokens: TokenSet): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth_sessions (session_key, username, sealed_tokens, access_expires_at)
       VALUES ($1, $2, $3, $4)`,
      [key, username, this.box.seal(JSON.stringify(tokens)), new Date(tokens.accessExpiresAt)],
    );
  }

  async find(key: string): Promise<StoredSession | null> {
    const rows: {
      username: string;
      sealed_tokens: string;
      created_at: Date;
      last_activity_at: Date;
    }[] = await this.dataSource.query(
      `SELECT username, sealed_tokens, created_at, last_activity_at FROM auth_sessions WHERE session_key = $1`,
      [key],
    );
    const row = rows[0];
    if (!row) return null;
    const opened = this.box.open(row.sealed_tokens);
    if (!opened) return null;
    return {
      key,
      username: row.username,
      tokens: JSON.parse(opened) as TokenSet,
      createdAt: row.created_at.getTime(),
      lastActivityAt: row.last_activity_at.getTime(),
    };
  }

  async replaceTokens(key: string, tokens: TokenSet): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET sealed_tokens = $2, access_expires_at = $3 WHERE session_key = $1`,
      [key, this.box.seal(JSON.stringify(tokens)), new Date(tokens.accessExpiresAt)],
    );
  }

  async touch(key: string, activityAt: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET last_activity_at = GREATEST(last_activity_at, $2) WHERE session_key = $1`,
      [key, new Date(activityAt)],
    );
  }

  async remove(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM auth_sessions WHERE session_key = $1`, [key]);
  }

  /** Ended sessions are deleted when met and, so that none linger, at each sign-in. */
  async removeEnded(idleBefore: Date, createdBefore: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM auth_sessions WHERE last_activity_at < $1 OR created_at < $2`, [
      idleBefore,
      createdBefore,
    ]);
  }
}
