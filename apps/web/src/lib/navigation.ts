import type { Role } from '../api/types';

export interface NavItem {
  path: string;
  label: string;
  /** Pages under this one, shown nested in the menu (the ledningssystem's registers). */
  children?: NavItem[];
}

/**
 * The ledningssystem's own pages (issue 18), nested under "Ledningssystem" in the menu. Each entry
 * names the roles that get it; the api decides access in any case.
 */
const LEDNINGSSYSTEM_PAGES: readonly (NavItem & { roles: readonly Role[] })[] = [
  {
    path: '/ledningssystem/forordnanden',
    label: 'Förordnanden',
    // Everyone may see who holds which role; the menu offers it to those who work with the registers.
    roles: [
      'quality_coordinator',
      'director',
      'unit_manager',
      'division_manager',
      'lex_sarah_investigator',
      'mas',
      'management_team',
    ],
  },
  {
    path: '/ledningssystem/utbildning',
    label: 'Utbildning om lex Sarah',
    // DL-29: the managers register and inform their staff; kvalitet and the director see all.
    roles: ['quality_coordinator', 'director', 'unit_manager', 'division_manager'],
  },
  {
    path: '/ledningssystem/dokument',
    label: 'Ledningssystemet och nämndens beslut',
    // Everyone may read the document (PR-9); the menu offers it to those who work with the registers.
    roles: [
      'quality_coordinator',
      'director',
      'unit_manager',
      'division_manager',
      'lex_sarah_investigator',
      'mas',
      'management_team',
    ],
  },
  {
    path: '/ledningssystem/arlig-genomgang',
    label: 'Årlig genomgång',
    // The fact sheet is the board's (DL-24, REP-13): read by those who read the internkontroll.
    roles: [
      'quality_coordinator',
      'director',
      'division_manager',
      'lex_sarah_investigator',
      'mas',
      'management_team',
    ],
  },
  {
    path: '/ledningssystem/rutiner',
    label: 'Processer och rutiner',
    // Everyone reads the routines (PR-7); staff reach them from the report form and the case page.
    roles: [
      'quality_coordinator',
      'director',
      'unit_manager',
      'division_manager',
      'lex_sarah_investigator',
      'mas',
      'management_team',
    ],
  },
  {
    path: '/ledningssystem/egenkontroll',
    label: 'Egenkontroll',
    // EK-5: unit-run controls are seen by SAS, MAS and kvalitet as well as the unit's managers.
    roles: [
      'quality_coordinator',
      'director',
      'unit_manager',
      'division_manager',
      'lex_sarah_investigator',
      'mas',
    ],
  },
  {
    path: '/ledningssystem/arshjul',
    label: 'Årshjul',
    // DL-31, AUD-13: kvalitet and the director plan it; SAS and MAS mark their duties done; managers read.
    roles: [
      'quality_coordinator',
      'director',
      'lex_sarah_investigator',
      'mas',
      'management_team',
      'division_manager',
      'unit_manager',
    ],
  },
  {
    path: '/ledningssystem/handelseanalyser',
    label: 'Händelseanalyser',
    // RA-11: kvalitet, SAS and MAS lead them; managers take part for their units' cases.
    roles: [
      'quality_coordinator',
      'lex_sarah_investigator',
      'mas',
      'director',
      'division_manager',
      'unit_manager',
    ],
  },
  {
    path: '/ledningssystem/riskobservationer',
    label: 'Riskobservationer',
    // RA-12: the managers triage; staff report from "Rapportera" and follow theirs on the page itself.
    roles: ['quality_coordinator', 'director', 'division_manager', 'unit_manager'],
  },
  {
    path: '/ledningssystem/ej-verkstallda-beslut',
    label: 'Ej verkställda beslut',
    // AUD-25: kvalitet and the förvaltningschef keep it; management and the statutory roles read it.
    roles: [
      'quality_coordinator',
      'director',
      'management_team',
      'lex_sarah_investigator',
      'mas',
      'division_manager',
    ],
  },
  {
    path: '/ledningssystem/internkontroll',
    label: 'Internkontroll',
    roles: [
      'quality_coordinator',
      'director',
      'management_team',
      'division_manager',
      'lex_sarah_investigator',
      'mas',
    ],
  },
];

const CASE_READERS: readonly Role[] = [
  'staff',
  'unit_manager',
  'division_manager',
  'director',
  'lex_sarah_investigator',
  'mas',
  'quality_coordinator',
  // Every data breach and its IMY task (api.md v1.1).
  'data_protection_officer',
];
const OVERVIEW_READERS: readonly Role[] = [
  'management_team',
  'director',
  'quality_coordinator',
  'division_manager',
  'unit_manager',
  'lex_sarah_investigator',
  'mas',
];

// Risk analyses (mayUseRiskAssessments) and the registers' overview (egenkontroll and training are
// read by these roles; routines and appointments by everyone, but the overview is a manager's tool).
const REGISTER_USERS: readonly Role[] = [
  'quality_coordinator',
  'unit_manager',
  'division_manager',
  'director',
];

const has = (roles: readonly string[], wanted: readonly Role[]) =>
  roles.some((r) => (wanted as readonly string[]).includes(r));

/**
 * The menu for a user's roles (api.md "Visibility"): ledning works with aggregates only, so it gets
 * Översikt and no case pages; Inställningar is the quality function's. The api decides access in
 * any case; the menu only avoids offering what would be refused.
 */
export function navigationFor(roles: readonly string[]): NavItem[] {
  const items: NavItem[] = [{ path: '/rapportera', label: 'Rapportera' }];
  if (has(roles, CASE_READERS)) {
    items.push({ path: '/uppgifter', label: 'Mina uppgifter' }, { path: '/arenden', label: 'Ärenden' });
  }
  // The 07:00 list of yesterday's new deviations (DL-16) for the SAS and the MAS.
  if (has(roles, ['lex_sarah_investigator', 'mas']))
    items.push({ path: '/dagens-lista', label: 'Dagens lista' });
  if (has(roles, OVERVIEW_READERS)) items.push({ path: '/oversikt', label: 'Översikt' });
  if (has(roles, REGISTER_USERS)) items.push({ path: '/riskanalyser', label: 'Riskanalyser' });
  const registerPages = LEDNINGSSYSTEM_PAGES.filter((page) => has(roles, page.roles)).map(
    ({ path, label }) => ({
      path,
      label,
    }),
  );
  if (has(roles, REGISTER_USERS) || registerPages.length > 0)
    items.push({ path: '/ledningssystem', label: 'Ledningssystem', children: registerPages });
  // The berättelser and the nämnd's reports, approved and frozen by their owners (REP-1, DL-22, DL-23).
  if (has(roles, ['mas', 'quality_coordinator', 'director']))
    items.push({ path: '/rapporter', label: 'Berättelser och rapporter' });
  if (has(roles, ['quality_coordinator'])) items.push({ path: '/installningar', label: 'Inställningar' });
  // Gallring (DATA-2): the rules and the log for dataskydd and kvalitet, the rules for the director.
  if (has(roles, ['data_protection_officer', 'quality_coordinator', 'director']))
    items.push({ path: '/gallring', label: 'Gallring' });
  return items;
}

/** Where a user lands after signing in. */
export function homePathFor(roles: readonly string[]): string {
  if (!has(roles, CASE_READERS)) return has(roles, OVERVIEW_READERS) ? '/oversikt' : '/rapportera';
  if (roles.every((r) => r === 'staff')) return '/rapportera';
  return '/uppgifter';
}

export interface OverviewSections {
  reports: boolean;
  riskMatrix: boolean;
  patientsakerhetsberattelse: boolean;
  kvalitetsberattelse: boolean;
}

/**
 * Which parts of Översikt a user's roles open (mirrors the access policy: reports for ledning and up,
 * risk analyses for managers and kvalitet, the berättelser for their owners); the api decides anyway.
 */
export function overviewSectionsFor(roles: readonly string[]): OverviewSections {
  return {
    reports: has(roles, [
      'management_team',
      'director',
      'quality_coordinator',
      'lex_sarah_investigator',
      'mas',
    ]),
    riskMatrix: has(roles, ['quality_coordinator', 'unit_manager', 'division_manager', 'director']),
    patientsakerhetsberattelse: has(roles, ['mas', 'quality_coordinator', 'director']),
    kvalitetsberattelse: has(roles, ['quality_coordinator', 'director']),
  };
}
