import type { Principal } from '../access/principal';
import type { Organisation } from '../org/organisation';

/** Who may lead or join händelseanalyser board-wide (RA-11): kvalitet, SAS and MAS. */
const ANALYSTS = ['quality_coordinator', 'lex_sarah_investigator', 'mas'];
/** Managers take part for the units in their scope (the linked cases' units). */
const MANAGERS = ['unit_manager', 'division_manager', 'director'];

const hasAny = (principal: Principal, roles: readonly string[]) =>
  principal.roles.some((role) => roles.includes(role));

/** Could the caller work with händelseanalyser at all (checked first: 403 before 400/404)? */
export function mayUseEventAnalyses(principal: Principal): boolean {
  return hasAny(principal, [...ANALYSTS, ...MANAGERS]);
}

/** May the caller take part in an analysis touching this unit? */
export function canAnalyseUnit(principal: Principal, unitId: string, org: Organisation): boolean {
  if (hasAny(principal, ANALYSTS) && org.isInBoards(unitId, org.boardsOf(principal))) return true;
  return hasAny(principal, MANAGERS) && org.isWithin(unitId, principal.unitIds);
}

/** An analysis across units is shared: anyone who may take part for one of its units may open it. */
export function canAnalyseAnyOf(
  principal: Principal,
  unitIds: readonly string[],
  org: Organisation,
): boolean {
  return unitIds.some((unitId) => canAnalyseUnit(principal, unitId, org));
}

/** The units whose analyses the caller may list. */
export function analysableUnits(principal: Principal, org: Organisation): string[] {
  const units = new Set<string>();
  if (hasAny(principal, ANALYSTS)) for (const u of org.unitsOfBoards(org.boardsOf(principal))) units.add(u);
  if (hasAny(principal, MANAGERS)) for (const u of org.scopeOf(principal.unitIds)) units.add(u);
  return [...units];
}

/** Staff report risks for their own units; managers and kvalitet for the units they answer for. */
export function canReportRiskFor(principal: Principal, unitId: string, org: Organisation): boolean {
  return org.isWithin(unitId, principal.unitIds) || canTriageRiskObservation(principal, unitId, org);
}

/** The unit's manager triages (RA-12); kvalitet may step in for the board's units. */
export function canTriageRiskObservation(principal: Principal, unitId: string, org: Organisation): boolean {
  if (hasAny(principal, ['quality_coordinator']) && org.isInBoards(unitId, org.boardsOf(principal)))
    return true;
  return hasAny(principal, MANAGERS) && org.isWithin(unitId, principal.unitIds);
}

/** The register guard's rule for one analysis: 404 unless the caller may take part for one of its units. */
export function eventAnalysisAccess(
  principal: Principal,
  item: { readonly cases?: unknown },
  org: Organisation,
): 'ok' | 'not_found' {
  const cases = Array.isArray(item.cases) ? (item.cases as { unitId: string }[]) : [];
  return canAnalyseAnyOf(
    principal,
    cases.map((c) => c.unitId),
    org,
  )
    ? 'ok'
    : 'not_found';
}

/** The guard's rule for triage: the reporter may see the observation but not triage it (403); others 404. */
export function riskObservationTriageAccess(
  principal: Principal,
  item: { readonly unitId?: unknown; readonly reportedBy?: unknown },
  org: Organisation,
): 'ok' | 'not_found' | 'forbidden' {
  if (canTriageRiskObservation(principal, String(item.unitId), org)) return 'ok';
  return item.reportedBy === principal.username ? 'forbidden' : 'not_found';
}
