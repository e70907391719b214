import { DEFAULT_DEADLINE_POLICY } from './default-deadline-policy';
import { DEFAULT_DECISION_DELEGATION, decisionDelegateFor } from './decision-delegation';
import { validatePolicy } from './validate-policy';

const base = () => ({
  deadlines: { ...DEFAULT_DEADLINE_POLICY.deadlines },
  escalationChain: [...DEFAULT_DEADLINE_POLICY.escalationChain],
});

describe('decision delegation in the policy (delegationsordning, R-15)', () => {
  it('defaults: lex Sarah the director (förvaltningschef), lex Maria the MAS; other types have no delegate', () => {
    expect(decisionDelegateFor(undefined, 'lex_sarah')).toEqual({ role: 'director' });
    expect(decisionDelegateFor(undefined, 'lex_maria')).toEqual({ role: 'mas' });
    expect(decisionDelegateFor(undefined, 'complaint')).toBeNull();
    expect(DEFAULT_DECISION_DELEGATION.lex_sarah.role).toBe('director');
  });

  it('a policy entry overrides the default for its type only', () => {
    const delegation = {
      lex_sarah: { role: 'division_manager', reference: 'SN 2026-02-14 § 12, punkt 4.2' },
    };
    expect(decisionDelegateFor(delegation, 'lex_sarah')).toEqual(delegation.lex_sarah);
    expect(decisionDelegateFor(delegation, 'lex_maria')).toEqual({ role: 'mas' });
  });

  it('validatePolicy accepts the key, trims the reference and keeps documents without it unchanged', () => {
    const result = validatePolicy({
      ...base(),
      decisionDelegation: {
        lex_sarah: { role: 'division_manager', reference: ' punkt 4.2 ' },
        lex_maria: { role: 'mas' },
      },
    });
    expect(result).toEqual({
      ok: true,
      policy: {
        ...base(),
        decisionDelegation: {
          lex_sarah: { role: 'division_manager', reference: 'punkt 4.2' },
          lex_maria: { role: 'mas' },
        },
      },
    });
    expect(validatePolicy(base())).toEqual({ ok: true, policy: base() });
  });

  it('names every bad field', () => {
    const result = validatePolicy({
      ...base(),
      decisionDelegation: {
        complaint: { role: 'director' },
        lex_sarah: { role: 'king', extra: 1 },
        lex_maria: { reference: '' },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ['decisionDelegation.complaint', 'INVALID_KEY'],
      ['decisionDelegation.lex_sarah.extra', 'UNKNOWN_FIELD'],
      ['decisionDelegation.lex_sarah.role', 'UNKNOWN_ROLE'],
      ['decisionDelegation.lex_maria.role', 'REQUIRED'],
      ['decisionDelegation.lex_maria.reference', 'INVALID_TYPE'],
    ]);
    for (const error of result.errors) expect(error.message.length).toBeGreaterThan(0);
    expect(validatePolicy({ ...base(), decisionDelegation: [] })).toMatchObject({
      ok: false,
      errors: [{ field: 'decisionDelegation', code: 'INVALID_TYPE' }],
    });
  });
});
