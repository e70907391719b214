import type { ArshjulItem } from '@kvalitet/domain';
import type { Principal } from '../access/principal';

/**
 * The årshjul (R-11: the quality function owns it): kvalitet and the förvaltningschef plan it; the
 * owner of an item (SAS, MAS, a named person) marks their own item done (AUD-13); the board's
 * managers and statutory roles read it. Staff have no part in it.
 */
const PLANNERS = ['quality_coordinator', 'director'];
const READERS = [
  ...PLANNERS,
  'lex_sarah_investigator',
  'mas',
  'management_team',
  'division_manager',
  'unit_manager',
  'data_protection_officer',
];

const holds = (principal: Principal, roles: readonly string[]) =>
  principal.roles.some((role) => roles.includes(role));

export function canReadArshjul(principal: Principal): boolean {
  return holds(principal, READERS);
}

export function canPlanArshjul(principal: Principal): boolean {
  return holds(principal, PLANNERS);
}

/** Could the caller mark any item done (checked first: 403 before 400)? */
export function mayMarkArshjulItemsDone(principal: Principal): boolean {
  return canPlanArshjul(principal) || holds(principal, ['lex_sarah_investigator', 'mas']);
}

export function canMarkArshjulItemDone(principal: Principal, item: ArshjulItem): boolean {
  if (canPlanArshjul(principal)) return true;
  if (item.owner !== null) return item.owner === principal.username;
  return item.ownerRole !== null && principal.roles.includes(item.ownerRole as never);
}
