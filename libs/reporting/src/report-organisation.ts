import type { ReportUnit } from '@kvalitet/domain';

/**
 * The unit tree the worker's scheduled reports roll up (api.md's demo organisation). The api serves
 * the same tree from apps/api/src/org/org-units.ts; test/integration/report-workflow.int-spec.ts
 * asserts that the two agree until the unit tree comes from one directory (DATA-10).
 */
export const REPORT_DEMO_UNITS: readonly ReportUnit[] = [
  { id: 'forvaltning', name: 'Socialförvaltningen', parentId: null },
  { id: 'aldreomsorg', name: 'Äldreomsorg', parentId: 'forvaltning' },
  { id: 'solgarden', name: 'Särskilt boende Solgården', parentId: 'aldreomsorg' },
  { id: 'hemtjanst-norr', name: 'Hemtjänst Norr', parentId: 'aldreomsorg' },
  { id: 'funktionsstod', name: 'Funktionsstöd', parentId: 'forvaltning' },
  { id: 'ekbacken', name: 'LSS-bostad Ekbacken', parentId: 'funktionsstod' },
  { id: 'ifo', name: 'Individ- och familjeomsorg', parentId: 'forvaltning' },
  { id: 'forsorjningsstod', name: 'Försörjningsstöd', parentId: 'ifo' },
];
