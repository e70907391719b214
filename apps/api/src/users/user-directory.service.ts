import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { isRole, type Role } from '../access/roles';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import {
  mergeDirectories,
  matchesDirectoryQuery,
  type DirectoryQuery,
  type DirectoryUser,
} from './directory-user';

interface DirectoryUserRow {
  username: string;
  name: string;
  roles: string[];
  unit_ids: string[];
}

const ORGANISATION_USERS: readonly DirectoryUser[] = ORGANISATION.users.map((user) => ({
  username: user.username,
  name: user.name,
  roles: user.roles,
  unitIds: user.unitIds,
}));

function userOf(row: DirectoryUserRow): DirectoryUser {
  return {
    username: row.username,
    name: row.name,
    roles: row.roles.filter(isRole) as Role[],
    unitIds: row.unit_ids,
  };
}

/**
 * The user directory (issue 21, "People"): the organisation file's users and the users the identity
 * provider has signed in (`directory_users`, recorded from their claims). A municipality's directory
 * is a few thousand people at most, so it is read whole and filtered here.
 */
@Injectable()
export class UserDirectory {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async find(username: string): Promise<DirectoryUser | undefined> {
    const listed = ORGANISATION_USERS.find((user) => user.username === username);
    if (listed) return listed;
    const rows: DirectoryUserRow[] = await this.dataSource.query(
      `SELECT username, name, roles, unit_ids FROM directory_users WHERE username = $1`,
      [username],
    );
    return rows[0] ? userOf(rows[0]) : undefined;
  }

  /** Name of each username the directory knows; unknown usernames are left out. */
  async names(usernames: readonly string[]): Promise<Map<string, string>> {
    const all = await this.all();
    const wanted = new Set(usernames);
    return new Map(all.filter((user) => wanted.has(user.username)).map((user) => [user.username, user.name]));
  }

  async search(query: DirectoryQuery): Promise<DirectoryUser[]> {
    return (await this.all()).filter((user) => matchesDirectoryQuery(user, query, ORGANISATION));
  }

  private async all(): Promise<DirectoryUser[]> {
    const rows: DirectoryUserRow[] = await this.dataSource.query(
      `SELECT username, name, roles, unit_ids FROM directory_users`,
    );
    return mergeDirectories(ORGANISATION_USERS, rows.map(userOf));
  }
}
