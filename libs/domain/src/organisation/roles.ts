/** The roles of api.md; a caller may have several. The organisation file names them for its users. */
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
