import type { UnitParents } from '../risk-assessments/deviation-pattern';
import type { OrgUnit } from './organisation-model';

/** A unit tree as the parent map the deviation-pattern rule climbs (`parents`). */
export function unitParentsOf(units: readonly OrgUnit[]): UnitParents {
  return Object.freeze(Object.fromEntries(units.map((unit) => [unit.id, unit.parentId])));
}
