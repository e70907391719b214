import { DEFAULT_RETENTION_RULES, validateRetentionDocument } from './retention-rules';

const errorsOf = (input: unknown): Array<[string, string]> => {
  const result = validateRetentionDocument(input);
  if (result.ok) throw new Error('expected errors');
  for (const e of result.errors) expect(e.message).toMatch(/[a-zåäö]/i);
  return result.errors.map((e) => [e.field, e.code]);
};

/** api.md v1.1 "Records and gallring" (DATA-2): the rules a client may save. */
describe('validateRetentionDocument', () => {
  it('accepts the demo rules with a version, and an empty list', () => {
    expect(validateRetentionDocument({ version: 2, rules: DEFAULT_RETENTION_RULES })).toEqual({
      ok: true,
      version: 2,
      rules: DEFAULT_RETENTION_RULES,
    });
    expect(validateRetentionDocument({ rules: [] })).toEqual({ ok: true, rules: [] });
  });

  it('names every bad field with a stable code', () => {
    expect(
      errorsOf({
        rules: [
          { caseType: 'risk_assessment', keepYears: 2, from: 'closed' },
          { caseType: 'complaint', keepYears: 0, from: 'closed' },
          { caseType: 'complaint', keepYears: 2, from: 'closed' },
          { caseType: 'deviation', keepYears: 2.5, from: 'opened' },
          { caseType: 'lex_sarah', keepYears: 101, from: 'closed', extra: 1 },
          'regel',
        ],
      }),
    ).toEqual([
      ['rules[0].caseType', 'INVALID_CASE_TYPE'],
      ['rules[1].keepYears', 'INVALID_YEARS'],
      ['rules[2].caseType', 'DUPLICATE_CASE_TYPE'],
      ['rules[3].keepYears', 'INVALID_YEARS'],
      ['rules[3].from', 'INVALID_FROM'],
      ['rules[4].extra', 'UNKNOWN_FIELD'],
      ['rules[4].keepYears', 'INVALID_YEARS'],
      ['rules[5]', 'INVALID_TYPE'],
    ]);
  });

  it('refuses a document without rules, with a bad version or unknown keys', () => {
    expect(errorsOf({})).toEqual([['rules', 'REQUIRED']]);
    expect(errorsOf({ version: 0, rules: [], items: [] })).toEqual([
      ['items', 'UNKNOWN_FIELD'],
      ['version', 'INVALID_VERSION'],
    ]);
    expect(errorsOf(null)).toEqual([['', 'INVALID_TYPE']]);
  });
});
