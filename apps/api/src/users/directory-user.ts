import type { Organisation } from '../org/organisation';
import { BOARD_WIDE_READERS } from '../access/access-policy';
import type { Principal } from '../access/principal';
import type { Role } from '../access/roles';

/** A person work can be given to: the organisation file's users and those the identity provider has vouched for. */
export interface DirectoryUser {
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly unitIds: readonly string[];
}

export interface DirectoryQuery {
  readonly q?: string | undefined;
  readonly role?: Role | undefined;
  readonly unitId?: string | undefined;
}

/** Folds case and the Swedish letters' accents away only for matching, so "stro" finds "Ström". */
function folded(text: string): string {
  return text.toLocaleLowerCase('sv').normalize('NFD').replace(/\p{M}/gu, '');
}

/** Works at the unit or above it, or reads the whole board the unit belongs to (a MAS serving two nämnder). */
function worksFor(user: DirectoryUser, unitId: string, org: Organisation): boolean {
  if (org.isWithin(unitId, user.unitIds)) return true;
  return (
    user.roles.some((role) => BOARD_WIDE_READERS.includes(role)) && org.isInBoards(unitId, org.boardsOf(user))
  );
}

/**
 * Does the person match the picker's filters? `q` matches every word against the name or the
 * username; `unitId` keeps those who work for the unit.
 */
export function matchesDirectoryQuery(
  user: DirectoryUser,
  query: DirectoryQuery,
  org: Organisation,
): boolean {
  if (query.role !== undefined && !user.roles.includes(query.role)) return false;
  if (query.unitId !== undefined && !worksFor(user, query.unitId, org)) return false;
  const words = folded(query.q ?? '')
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const haystack = `${folded(user.name)} ${folded(user.username)}`;
  return words.every((word) => haystack.includes(word));
}

/** The organisation file wins over what a sign-in once recorded for the same username. */
export function mergeDirectories(
  organisationUsers: readonly DirectoryUser[],
  signedInUsers: readonly DirectoryUser[],
): DirectoryUser[] {
  const listed = new Set(organisationUsers.map((user) => user.username));
  return [...organisationUsers, ...signedInUsers.filter((user) => !listed.has(user.username))].sort(
    (a, b) => a.name.localeCompare(b.name, 'sv') || a.username.localeCompare(b.username),
  );
}

/** The person as access control sees a caller, to ask what they could see if given the work. */
export function asPrincipal(user: DirectoryUser): Principal {
  return { username: user.username, name: user.name, roles: user.roles, unitIds: user.unitIds };
}
