import type { DelegationItem } from './delegation-register';
import { delegateForDecision } from './delegate-for-decision';
import { heldDelegations, isDelegationValidOn } from './held-delegations';

const MAS = { username: 'mas', roles: ['mas'] };
const item = (overrides: Partial<DelegationItem>): DelegationItem => ({
  decision: 'lex_maria_decision',
  role: 'mas',
  validFrom: '2026-01-01',
  validTo: null,
  ...overrides,
});

/** AUD-6: "valid on that day" is the Europe/Stockholm date when the command is given. */
describe('held delegations', () => {
  it('validTo is inclusive and validFrom is the first day', () => {
    const d = item({ validFrom: '2026-03-01', validTo: '2026-03-31' });
    expect(isDelegationValidOn(d, '2026-02-28')).toBe(false);
    expect(isDelegationValidOn(d, '2026-03-01')).toBe(true);
    expect(isDelegationValidOn(d, '2026-03-31')).toBe(true);
    expect(isDelegationValidOn(d, '2026-04-01')).toBe(false);
    expect(isDelegationValidOn(item({ validTo: null }), '2099-12-31')).toBe(true);
  });

  it('uses the Stockholm date: 23:30 UTC on 31 March is already 1 April in Sweden', () => {
    const items = [item({ validFrom: '2026-04-01' })];
    expect(heldDelegations(items, MAS, new Date('2026-03-31T21:30:00Z'))).toEqual([]);
    expect(heldDelegations(items, MAS, new Date('2026-03-31T23:30:00Z'))).toEqual([
      { decision: 'lex_maria_decision', boardDecision: null },
    ]);
    // …and a delegation that ends on 31 December no longer holds at 23:30 UTC that day (winter, +1 h).
    const ending = [item({ validTo: '2026-12-31', boardDecision: 'SN § 1' })];
    expect(heldDelegations(ending, MAS, new Date('2026-12-31T22:30:00Z'))).toHaveLength(1);
    expect(heldDelegations(ending, MAS, new Date('2026-12-31T23:30:00Z'))).toEqual([]);
  });

  it('a role holds it for everyone with the role, a username for that person only', () => {
    const items = [
      item({ decision: 'lex_sarah_decision', role: undefined, username: 'sas' }),
      item({ decision: 'lex_maria_decision' }),
    ];
    const now = new Date('2026-06-01T10:00:00Z');
    expect(heldDelegations(items, { username: 'sas', roles: ['lex_sarah_investigator'] }, now)).toEqual([
      { decision: 'lex_sarah_decision', boardDecision: null },
    ]);
    expect(heldDelegations(items, { username: 'sas2', roles: ['lex_sarah_investigator'] }, now)).toEqual([]);
    expect(heldDelegations(items, { username: 'mas2', roles: ['mas'] }, now)).toEqual([
      { decision: 'lex_maria_decision', boardDecision: null },
    ]);
  });

  it("one per decision: the person's own delegation before a role's", () => {
    const items = [
      item({ boardDecision: 'SN § 2 (roll)' }),
      item({ role: undefined, username: 'mas', boardDecision: 'SN § 3 (person)' }),
    ];
    expect(heldDelegations(items, MAS, new Date('2026-06-01T10:00:00Z'))).toEqual([
      { decision: 'lex_maria_decision', boardDecision: 'SN § 3 (person)' },
    ]);
  });
});

describe('delegateForDecision (who gets the decide task)', () => {
  it('is the first delegation of the decision valid on the Stockholm date, else null', () => {
    const items = [
      item({ decision: 'lex_sarah_decision', role: 'director', validTo: '2026-05-31' }),
      item({ decision: 'lex_sarah_decision', role: 'division_manager', validFrom: '2026-06-01' }),
    ];
    expect(delegateForDecision(items, 'lex_sarah_decision', new Date('2026-05-31T12:00:00Z'))).toEqual({
      role: 'director',
      boardDecision: null,
    });
    expect(delegateForDecision(items, 'lex_sarah_decision', new Date('2026-05-31T22:30:00Z'))).toEqual({
      role: 'division_manager',
      boardDecision: null,
    });
    expect(delegateForDecision(items, 'lex_maria_decision', new Date('2026-06-01T12:00:00Z'))).toBeNull();
  });
});
