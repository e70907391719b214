import type { Role } from '../access/roles';

/** A user of the demo organisation (api.md table), the only users `POST /auth/dev-token` knows. */
export interface DemoUser {
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly unitIds: readonly string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'medarbetare', name: 'Sara Lindqvist', roles: ['staff'], unitIds: ['solgarden'] },
  { username: 'enhetschef', name: 'Johan Berg', roles: ['unit_manager'], unitIds: ['solgarden'] },
  { username: 'enhetschef.ekbacken', name: 'Fatima Hassan', roles: ['unit_manager'], unitIds: ['ekbacken'] },
  {
    username: 'avdelningschef',
    name: 'Karin Nilsson',
    roles: ['division_manager'],
    unitIds: ['aldreomsorg'],
  },
  { username: 'forvaltningschef', name: 'Per Andersson', roles: ['director'], unitIds: ['forvaltning'] },
  { username: 'sas', name: 'Eva Holm', roles: ['lex_sarah_investigator'], unitIds: ['forvaltning'] },
  { username: 'mas', name: 'Lena Ström', roles: ['mas'], unitIds: ['forvaltning'] },
  { username: 'kvalitet', name: 'Anders Ek', roles: ['quality_coordinator'], unitIds: ['forvaltning'] },
  { username: 'ledning', name: 'Ledningsgruppen', roles: ['management_team'], unitIds: ['forvaltning'] },
  {
    username: 'dataskydd',
    name: 'Maria Lund',
    roles: ['data_protection_officer'],
    unitIds: ['forvaltning'],
  },
];

export function findDemoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.username === username);
}
