import type { CaseType } from '@kvalitet/domain';
import { DEMO_USERS } from '../org/demo-users';
import {
  canChangeClassifications,
  canReadClassifications,
  classifyOptions,
  reclassificationRefusal,
  type CaseFacts,
} from './access-policy';
import type { Principal } from './principal';

const user = (username: string): Principal => {
  const found = DEMO_USERS.find((u) => u.username === username);
  if (!found) throw new Error(username);
  return { ...found, roles: [...found.roles], unitIds: [...found.unitIds] };
};
const facts = (type: CaseType, unitId = 'solgarden'): CaseFacts => ({
  type,
  unitId,
  reportedBy: 'medarbetare',
  assignee: null,
});

describe('access policy: reclassification rights (LC-6 S3, api.md v1.1, issue 24)', () => {
  it.each([
    ['enhetschef', 'lex_sarah', 'deviation', false],
    ['avdelningschef', 'lex_sarah', 'complaint', false],
    ['kvalitet', 'lex_sarah', 'deviation', false],
    ['forvaltningschef', 'lex_sarah', 'deviation', false],
    ['mas', 'lex_sarah', 'lex_maria', false],
    ['sas', 'lex_sarah', 'deviation', true],
    ['enhetschef', 'lex_maria', 'hsl_deviation', false],
    ['enhetschef', 'lex_maria', 'lex_sarah', false],
    ['mas', 'lex_maria', 'hsl_deviation', true],
    ['enhetschef', 'hsl_deviation', 'deviation', false],
    ['mas', 'hsl_deviation', 'deviation', true],
    ['enhetschef', 'hsl_deviation', 'lex_maria', true],
    ['enhetschef', 'hsl_deviation', 'lex_sarah', true],
    ['enhetschef', 'deviation', 'lex_sarah', true],
    ['avdelningschef', 'deviation', 'lex_maria', true],
    ['enhetschef', 'complaint', 'suggestion', true],
    ['enhetschef', 'lex_sarah', 'lex_sarah', true],
  ] as const)('%s: %s → %s allowed = %s', (username, from, to, allowed) => {
    const refusal = reclassificationRefusal(user(username), facts(from), { type: to });
    expect(refusal === null).toBe(allowed);
    if (refusal) expect(refusal).toMatch(/^Bara /);
  });

  it.each([
    ['enhetschef', false],
    ['avdelningschef', false],
    ['forvaltningschef', false],
    ['sas', true],
    ['mas', true],
    ['kvalitet', true],
  ])('%s may move a case to another unit: %s', (username, allowed) => {
    expect(reclassificationRefusal(user(username), facts('deviation'), { unitId: 'ekbacken' }) === null).toBe(
      allowed,
    );
    // Naming the case's own unit is no move.
    expect(reclassificationRefusal(user(username), facts('deviation'), { unitId: 'solgarden' })).toBeNull();
  });

  it('the case view tells the form what it may offer', () => {
    expect(classifyOptions(user('enhetschef'), facts('lex_sarah'))).toEqual({ types: [], moveUnit: false });
    expect(classifyOptions(user('sas'), facts('lex_sarah')).types).toContain('deviation');
    expect(classifyOptions(user('enhetschef'), facts('hsl_deviation'))).toEqual({
      types: ['lex_sarah', 'lex_maria'],
      moveUnit: false,
    });
    expect(classifyOptions(user('kvalitet'), facts('deviation'))).toEqual({
      types: [
        'complaint',
        'suggestion',
        'praise',
        'hsl_deviation',
        'lex_sarah',
        'lex_maria',
        'data_breach',
        'external_finding',
      ],
      moveUnit: true,
    });
  });

  it('everyone signed in reads the lists; only kvalitet changes them', () => {
    for (const u of DEMO_USERS) {
      expect(canReadClassifications(user(u.username))).toBe(true);
      expect(canChangeClassifications(user(u.username))).toBe(u.roles.includes('quality_coordinator'));
    }
  });
});
