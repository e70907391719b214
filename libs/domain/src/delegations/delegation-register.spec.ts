import { DEFAULT_DELEGATION_ITEMS, validateDelegationDocument } from './delegation-register';

const item = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  decision: 'lex_sarah_decision',
  role: 'director',
  validFrom: '2026-01-01',
  validTo: null,
  boardDecision: 'SN 2025-12-10 § 141',
  ...overrides,
});

const errorsOf = (input: unknown): Array<[string, string]> => {
  const result = validateDelegationDocument(input);
  if (result.ok) throw new Error('expected errors');
  for (const e of result.errors) expect(e.message).toMatch(/[a-zåäö]/i);
  return result.errors.map((e) => [e.field, e.code]);
};

/** api.md v1.1 "Delegation register" (AUD-6, LC-6 S5, LC-8): the items a client may save. */
describe('validateDelegationDocument', () => {
  it('accepts the demo register and a version, and normalises texts and an absent validTo', () => {
    expect(validateDelegationDocument({ version: 3, items: DEFAULT_DELEGATION_ITEMS })).toEqual({
      ok: true,
      version: 3,
      items: DEFAULT_DELEGATION_ITEMS,
    });
    expect(
      validateDelegationDocument({
        items: [
          {
            decision: 'lex_maria_ivo_report',
            username: ' mas ',
            validFrom: '2026-02-01',
            boardDecision: ' ',
          },
        ],
      }),
    ).toEqual({
      ok: true,
      items: [{ decision: 'lex_maria_ivo_report', username: 'mas', validFrom: '2026-02-01', validTo: null }],
    });
  });

  it('allows validTo equal to validFrom (inclusive, one day)', () => {
    expect(validateDelegationDocument({ items: [item({ validTo: '2026-01-01' })] }).ok).toBe(true);
  });

  it('names every bad field with a stable code', () => {
    expect(
      errorsOf({
        items: [
          item({ decision: 'complaint_answer' }),
          item({ username: 'sas' }),
          item({ role: undefined }),
          item({ role: 'kung' }),
          item({ validFrom: '2026-13-01' }),
          item({ validTo: '2025-12-31' }),
          item({ boardDecision: 42 }),
          item({ extra: true }),
          'rad',
        ],
      }),
    ).toEqual([
      ['items[0].decision', 'INVALID_DECISION'],
      ['items[1].username', 'ROLE_OR_USERNAME'],
      ['items[2].role', 'ROLE_OR_USERNAME'],
      ['items[3].role', 'UNKNOWN_ROLE'],
      ['items[4].validFrom', 'INVALID_DATE'],
      ['items[5].validTo', 'VALID_TO_BEFORE_FROM'],
      ['items[6].boardDecision', 'INVALID_TEXT'],
      ['items[7].extra', 'UNKNOWN_FIELD'],
      ['items[8]', 'INVALID_TYPE'],
    ]);
  });

  it('refuses a document without items, with a bad version or unknown keys', () => {
    expect(errorsOf({})).toEqual([['items', 'REQUIRED']]);
    expect(errorsOf({ version: 0, items: [], policy: 1 })).toEqual([
      ['policy', 'UNKNOWN_FIELD'],
      ['version', 'INVALID_VERSION'],
    ]);
    expect(errorsOf([])).toEqual([['', 'INVALID_TYPE']]);
  });
});
