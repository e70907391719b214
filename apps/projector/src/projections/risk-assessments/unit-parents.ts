import type { UnitParents } from '@kvalitet/domain';

/**
 * The unit tree of the demo organisation (api.md), as the parent map the pattern rule needs for the
 * unit above a cross-unit pattern. The api owns the tree (apps/api/src/org/org-units.ts) and Nx
 * forbids importing an app from another, so it is restated here; test/integration/risk-pattern
 * checks that the two agree. An installation with its own tree replaces both (ADR 0007).
 */
export const UNIT_PARENTS: UnitParents = Object.freeze({
  forvaltning: null,
  aldreomsorg: 'forvaltning',
  solgarden: 'aldreomsorg',
  'hemtjanst-norr': 'aldreomsorg',
  funktionsstod: 'forvaltning',
  ekbacken: 'funktionsstod',
  ifo: 'forvaltning',
  forsorjningsstod: 'ifo',
});
