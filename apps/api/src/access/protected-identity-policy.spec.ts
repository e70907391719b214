import type { CaseType } from '@kvalitet/domain';
import { DEMO_USERS } from '../org/demo-users';
import type { CaseFacts } from './access-policy';
import type { Principal } from './principal';
import {
  canReadCaseAccessLog,
  mayReadCaseAccessLogs,
  mayReadProtectedText,
  showsText,
  textDisclosure,
} from './protected-identity-policy';

const user = (username: string): Principal => {
  const found = DEMO_USERS.find((u) => u.username === username);
  if (!found) throw new Error(username);
  return { ...found, roles: [...found.roles], unitIds: [...found.unitIds] };
};
const facts = (type: CaseType, unitId = 'solgarden', extra: Partial<CaseFacts> = {}): CaseFacts => ({
  type,
  unitId,
  reportedBy: 'medarbetare',
  assignee: null,
  ...extra,
});

describe('protected identity: who reads the free text (DATA-2, ADR 0029)', () => {
  it.each([
    ['enhetschef', 'deviation', true],
    ['enhetschef.ekbacken', 'deviation', false],
    ['avdelningschef', 'deviation', false],
    ['forvaltningschef', 'deviation', false],
    ['kvalitet', 'deviation', false],
    ['dataskydd', 'data_breach', false],
    ['medarbetare', 'deviation', false],
    ['ledning', 'deviation', false],
    ['sas', 'lex_sarah', true],
    ['sas', 'deviation', true],
    ['sas', 'lex_maria', false],
    ['mas', 'lex_maria', true],
    ['mas', 'hsl_deviation', true],
    ['mas', 'complaint', false],
  ] as const)('%s on a %s at Solgården: %s', (username, type, expected) => {
    expect(mayReadProtectedText(user(username), facts(type))).toBe(expected);
  });

  it('the assignee reads it whatever their role', () => {
    expect(
      mayReadProtectedText(user('kvalitet'), facts('complaint', 'solgarden', { assignee: 'kvalitet' })),
    ).toBe(true);
  });

  it('an unprotected case is open; a protected one needs a reason from a reader, and is withheld from the rest', () => {
    const manager = user('enhetschef');
    const deviation = facts('deviation');
    expect(textDisclosure(manager, deviation, false, undefined)).toEqual({ kind: 'open' });
    expect(textDisclosure(manager, deviation, true, undefined)).toEqual({ kind: 'reason_required' });
    expect(textDisclosure(manager, deviation, true, 'Utredning')).toEqual({
      kind: 'with_reason',
      reason: 'Utredning',
    });
    expect(textDisclosure(user('kvalitet'), deviation, true, 'Utredning')).toEqual({ kind: 'withheld' });
    expect(showsText({ kind: 'open' })).toBe(true);
    expect(showsText({ kind: 'with_reason', reason: 'x' })).toBe(true);
    expect(showsText({ kind: 'reason_required' })).toBe(false);
    expect(showsText({ kind: 'withheld' })).toBe(false);
  });

  it('a case’s access log: kvalitet and dataskydd on any case, sas/mas on their types, nobody else', () => {
    expect(canReadCaseAccessLog(user('kvalitet'), facts('complaint'))).toBe(true);
    expect(canReadCaseAccessLog(user('dataskydd'), facts('lex_sarah'))).toBe(true);
    expect(canReadCaseAccessLog(user('sas'), facts('lex_sarah'))).toBe(true);
    expect(canReadCaseAccessLog(user('sas'), facts('lex_maria'))).toBe(false);
    expect(canReadCaseAccessLog(user('mas'), facts('hsl_deviation'))).toBe(true);
    for (const username of ['enhetschef', 'avdelningschef', 'forvaltningschef', 'medarbetare', 'ledning']) {
      expect(mayReadCaseAccessLogs(user(username))).toBe(false);
      expect(canReadCaseAccessLog(user(username), facts('deviation'))).toBe(false);
    }
  });
});
