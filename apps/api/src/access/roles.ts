/** The roles of api.md; a caller may have several. */
export const ROLES = [
  'staff',
  'unit_manager',
  'division_manager',
  'director',
  'lex_sarah_investigator',
  'mas',
  'quality_coordinator',
  'management_team',
  'data_protection_officer',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  staff: 'Medarbetare',
  unit_manager: 'Enhetschef',
  division_manager: 'Avdelningschef',
  director: 'Förvaltningschef',
  lex_sarah_investigator: 'Lex Sarah-utredare',
  mas: 'Medicinskt ansvarig sjuksköterska',
  quality_coordinator: 'Kvalitetssamordnare',
  management_team: 'Ledningsgrupp',
  data_protection_officer: 'Dataskyddsombud',
};
