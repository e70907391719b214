import { DEMO_ORG_UNITS, unitParentsOf, type UnitParents } from '@kvalitet/domain';

/**
 * The unit tree of the demo organisation (api.md), as the parent map the pattern rule needs for the
 * unit above a cross-unit pattern: the same tree the api serves, from the domain's one definition
 * (issue 22). An installation with its own tree replaces it (ADR 0007).
 */
export const UNIT_PARENTS: UnitParents = unitParentsOf(DEMO_ORG_UNITS);
