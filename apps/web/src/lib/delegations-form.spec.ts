import { delegationText, fromDrafts, listError, rowError, toDrafts } from './delegations-form';

describe('delegation form', () => {
  it('turns the register into rows and back, a role or a person, an empty "giltig till" as null', () => {
    const items = [
      {
        decision: 'lex_sarah_decision',
        role: 'director',
        validFrom: '2026-01-01',
        validTo: null,
        boardDecision: 'SN 2025-12-10 § 141',
      },
      { decision: 'lex_maria_ivo_report', username: 'mas', validFrom: '2026-02-01', validTo: '2026-12-31' },
    ];
    const drafts = toDrafts(items);
    expect(drafts.map((d) => d.holderKind)).toEqual(['role', 'username']);
    expect(fromDrafts(drafts, 3)).toEqual({ version: 3, items });
    expect(fromDrafts([{ ...drafts[1]!, holderKind: 'role', role: 'mas', validTo: '' }], 1).items).toEqual([
      { decision: 'lex_maria_ivo_report', role: 'mas', validFrom: '2026-02-01', validTo: null },
    ]);
  });

  it("finds a row's field errors and the list's", () => {
    const errors = [
      {
        field: 'items[1].validTo',
        code: 'VALID_TO_BEFORE_FROM',
        message: 'Giltig till kan inte vara före giltig från.',
      },
      { field: 'items[2]', code: 'INVALID_TYPE', message: 'Varje rad måste vara ett objekt.' },
    ];
    expect(rowError(errors, 1, 'validTo')).toBe('Giltig till kan inte vara före giltig från.');
    expect(rowError(errors, 0, 'validTo')).toBeUndefined();
    expect(listError(errors)).toBe('Varje rad måste vara ett objekt.');
  });

  it('says a delegation as the case page shows it', () => {
    expect(delegationText({ decision: 'lex_maria_decision', boardDecision: 'SN § 2' })).toBe(
      'Lex Maria – beslut, SN § 2',
    );
    expect(delegationText({ decision: 'lex_sarah_ivo_report', boardDecision: null })).toBe(
      'Lex Sarah – anmälan till IVO',
    );
  });
});
