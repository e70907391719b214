import type { CaseActor } from '../case-commands';
import type { CaseAggregateState } from '../case-state';

/**
 * The role a person recorded a statutory step in (each step is on record with actor, role and time):
 * the first of the roles the step belongs to that the actor holds, else "assignee" for the case's
 * assignee, else the actor's first role. Who may run the command at all is decided before (403).
 */
export function actingRole(
  actor: CaseActor,
  stepRoles: readonly string[],
  state: CaseAggregateState,
): string {
  const role = stepRoles.find((candidate) => actor.roles.includes(candidate));
  if (role !== undefined) return role;
  if (state.assignee !== null && state.assignee === actor.username) return 'assignee';
  return actor.roles[0] ?? 'unknown';
}
