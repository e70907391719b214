import type { Role } from '../api/types';

/** A report its owners approve on Berättelser och rapporter (REP-1, DL-22, DL-23). */
export interface ReportChoice {
  /** The api's name of the report (`/api/v1/reports/{name}/{period}/…`). */
  readonly name: 'patientsakerhetsberattelse' | 'kvalitetsberattelse' | 'tertial' | 'annual';
  readonly label: string;
  readonly period: 'year' | 'tertial';
  /** The draft as the api composes it now (HTML or PDF by Accept). */
  readonly draftPath: (period: string) => string;
  readonly roles: readonly Role[];
}

const year = (period: string) => period.slice(0, 4);

const CHOICES: readonly ReportChoice[] = [
  {
    name: 'patientsakerhetsberattelse',
    label: 'Patientsäkerhetsberättelse',
    period: 'year',
    draftPath: (p) => `/api/v1/reports/patientsakerhetsberattelse?year=${year(p)}`,
    roles: ['mas', 'quality_coordinator', 'director'],
  },
  {
    name: 'kvalitetsberattelse',
    label: 'Kvalitetsberättelse',
    period: 'year',
    draftPath: (p) => `/api/v1/reports/kvalitetsberattelse?year=${year(p)}`,
    roles: ['quality_coordinator', 'director'],
  },
  {
    name: 'tertial',
    label: 'Tertialrapport till nämnden',
    period: 'tertial',
    draftPath: (p) => `/api/v1/reports/tertial?year=${year(p)}&tertial=${p.slice(-1)}`,
    roles: ['quality_coordinator', 'director'],
  },
  {
    name: 'annual',
    label: 'Årssammanställning till nämnden',
    period: 'year',
    draftPath: (p) => `/api/v1/reports/annual?year=${year(p)}`,
    roles: ['quality_coordinator', 'director'],
  },
];

/** The reports a user's roles own, in the order of the page's choice; the api decides anyway. */
export function reportChoicesFor(roles: readonly string[]): ReportChoice[] {
  return CHOICES.filter((c) => c.roles.some((r) => roles.includes(r)));
}

/** Whether the menu offers Berättelser och rapporter. */
export function mayApproveReports(roles: readonly string[]): boolean {
  return reportChoicesFor(roles).length > 0;
}
