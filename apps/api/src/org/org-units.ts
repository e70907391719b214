/**
 * The demo organisation of api.md, from the domain's one definition of the unit tree (issue 22): the
 * worker's reports and the projector's pattern rule read the same. A production installation replaces it.
 */
export { DEMO_ORG_UNITS, type OrgUnit } from '@kvalitet/domain';

/** Where public feedback without a unit is registered (api.md: staff classify it centrally). */
export const CENTRAL_UNIT_ID = 'forvaltning';
