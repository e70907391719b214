/**
 * The demo organisation of api.md ("Exempelkommun, socialnämnden, socialförvaltningen"). It is
 * configuration data, not events: a production installation replaces it with its own unit tree.
 */
export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

export const DEMO_ORG_UNITS: readonly OrgUnit[] = [
  { id: 'forvaltning', name: 'Socialförvaltningen', parentId: null },
  { id: 'aldreomsorg', name: 'Äldreomsorg', parentId: 'forvaltning' },
  { id: 'solgarden', name: 'Särskilt boende Solgården', parentId: 'aldreomsorg' },
  { id: 'hemtjanst-norr', name: 'Hemtjänst Norr', parentId: 'aldreomsorg' },
  { id: 'funktionsstod', name: 'Funktionsstöd', parentId: 'forvaltning' },
  { id: 'ekbacken', name: 'LSS-bostad Ekbacken', parentId: 'funktionsstod' },
  { id: 'ifo', name: 'Individ- och familjeomsorg', parentId: 'forvaltning' },
  { id: 'forsorjningsstod', name: 'Försörjningsstöd', parentId: 'ifo' },
];

/** Where public feedback without a unit is registered (api.md: staff classify it centrally). */
export const CENTRAL_UNIT_ID = 'forvaltning';
