import type { Organisation } from '../organisation/organisation';

/** A person by username, or every holder of a role in a unit (as tasks and reminders are addressed). */
export type NoticeRecipient =
  { readonly username: string } | { readonly role: string; readonly unitId: string };

/** The roles that read every case of their boards, so they hold their role in every unit of them. */
const BOARD_WIDE_ROLES: readonly string[] = [
  'director',
  'lex_sarah_investigator',
  'mas',
  'quality_coordinator',
];

/**
 * The people who hold `role` in `unitId`: the same people who see a role task of that unit in their
 * inbox — the role within their own units and the units below them, or, for a board-wide role,
 * within the boards they serve.
 */
export function roleHoldersIn(org: Organisation, role: string, unitId: string): string[] {
  const board = org.boardOf(unitId);
  return org.users
    .filter((user) => (user.roles as readonly string[]).includes(role))
    .filter(
      (user) =>
        org.isWithin(unitId, user.unitIds) ||
        (BOARD_WIDE_ROLES.includes(role) && board !== null && org.boardsOf(user).includes(board)),
    )
    .map((user) => user.username.toLowerCase());
}

/** Every person the recipients reach, once each, in a stable order. */
export function usernamesOf(org: Organisation, recipients: readonly NoticeRecipient[]): string[] {
  const people = new Set<string>();
  for (const recipient of recipients) {
    if ('username' in recipient) people.add(recipient.username.toLowerCase());
    else for (const holder of roleHoldersIn(org, recipient.role, recipient.unitId)) people.add(holder);
  }
  return [...people].sort();
}
