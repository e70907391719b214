import type { Role } from '@kvalitet/domain';

/** The roles of api.md live in the domain, beside the organisation file that names them (ADR 0030). */
export { ROLES, isRole, type Role } from '@kvalitet/domain';

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
