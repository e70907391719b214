import type { UnitParents } from '@kvalitet/domain';
import { organisation } from '@kvalitet/runtime';

/**
 * The unit tree as the parent map the pattern rule needs for the unit above a cross-unit pattern:
 * the organisation every process reads (config/organisation.json or ORGANISATION_FILE, ADR 0030).
 */
export const UNIT_PARENTS: UnitParents = organisation().unitParents();
