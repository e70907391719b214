import type { UnitParents } from '../risk-assessments/deviation-pattern';

/** A unit of the organisation's tree. */
export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

/**
 * The demo organisation of api.md ("Exempelkommun, socialnämnden, socialförvaltningen"): the one unit
 * tree that the api serves and checks access against, the worker's reports roll up and the
 * projector's pattern rule climbs (issue 22; each used to restate it). It is configuration data, not
 * events: a production installation replaces it with its own tree (ADR 0007).
 */
export const DEMO_ORG_UNITS: readonly OrgUnit[] = Object.freeze([
  { id: 'forvaltning', name: 'Socialförvaltningen', parentId: null },
  { id: 'aldreomsorg', name: 'Äldreomsorg', parentId: 'forvaltning' },
  { id: 'solgarden', name: 'Särskilt boende Solgården', parentId: 'aldreomsorg' },
  { id: 'hemtjanst-norr', name: 'Hemtjänst Norr', parentId: 'aldreomsorg' },
  { id: 'funktionsstod', name: 'Funktionsstöd', parentId: 'forvaltning' },
  { id: 'ekbacken', name: 'LSS-bostad Ekbacken', parentId: 'funktionsstod' },
  { id: 'ifo', name: 'Individ- och familjeomsorg', parentId: 'forvaltning' },
  { id: 'forsorjningsstod', name: 'Försörjningsstöd', parentId: 'ifo' },
]);

/** A unit tree as the parent map the deviation-pattern rule climbs (`parents`). */
export function unitParentsOf(units: readonly OrgUnit[]): UnitParents {
  return Object.freeze(Object.fromEntries(units.map((unit) => [unit.id, unit.parentId])));
}
