import { addYearsToLocalDate, gallringDueOf, type GallringFacts } from './gallring-due';
import { DEFAULT_RETENTION_RULES, type RetentionRule } from './retention-rules';

const rules: RetentionRule[] = [
  { caseType: 'complaint', keepYears: 2, from: 'closed' },
  { caseType: 'lex_sarah', keepYears: 10, from: 'reported' },
];

const complaint = (overrides: Partial<GallringFacts> = {}): GallringFacts => ({
  type: 'complaint',
  reportedAt: '2024-01-10T09:00:00.000Z',
  closedAt: '2024-03-10T12:00:00.000Z',
  ...overrides,
});

/** DATA-2, DATA-7 (ADR 0027): when a case is due for gallring, and under which rule. */
describe('gallringDueOf', () => {
  it('is due from the Stockholm date keepYears after closing, not a day before', () => {
    expect(gallringDueOf(rules, complaint(), '2026-03-09')).toEqual({
      due: false,
      why: 'not_yet',
      rule: rules[0],
      dueOn: '2026-03-10',
    });
    expect(gallringDueOf(rules, complaint(), '2026-03-10')).toEqual({
      due: true,
      rule: rules[0],
      dueOn: '2026-03-10',
    });
    expect(gallringDueOf(rules, complaint(), '2031-01-01').due).toBe(true);
  });

  it('counts from the report when the rule says so', () => {
    const lexSarah = complaint({
      type: 'lex_sarah',
      reportedAt: '2016-05-01T10:00:00.000Z',
      closedAt: '2025-05-01T10:00:00.000Z',
    });
    expect(gallringDueOf(rules, lexSarah, '2026-05-01')).toMatchObject({ due: true, dueOn: '2026-05-01' });
    expect(gallringDueOf(rules, lexSarah, '2026-04-30')).toMatchObject({ due: false, why: 'not_yet' });
  });

  it('takes the day in Stockholm: a case closed at 23:30 UTC is closed the next day there (winter and summer time)', () => {
    // 2024-03-30T23:30Z is 00:30 CET on 31 March, the night the clocks go forward.
    expect(
      gallringDueOf(rules, complaint({ closedAt: '2024-03-30T23:30:00.000Z' }), '2026-03-30'),
    ).toMatchObject({ due: false, dueOn: '2026-03-31' });
    // 2024-10-26T22:30Z is 00:30 CEST on 27 October, the night the clocks go back.
    expect(
      gallringDueOf(rules, complaint({ closedAt: '2024-10-26T22:30:00.000Z' }), '2026-10-27'),
    ).toMatchObject({ due: true, dueOn: '2026-10-27' });
    // 21:59Z in summer is still 23:59 the same day.
    expect(
      gallringDueOf(rules, complaint({ closedAt: '2024-07-01T21:59:00.000Z' }), '2026-07-01'),
    ).toMatchObject({ due: true, dueOn: '2026-07-01' });
  });

  it('keeps a case closed on a leap day until 1 March of a common year', () => {
    expect(addYearsToLocalDate('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYearsToLocalDate('2024-02-29', 4)).toBe('2028-02-29');
    const leap = complaint({ closedAt: '2024-02-29T10:00:00.000Z' });
    expect(gallringDueOf(rules, leap, '2026-02-28')).toMatchObject({ due: false, dueOn: '2026-03-01' });
    expect(gallringDueOf(rules, leap, '2026-03-01')).toMatchObject({ due: true });
  });

  it('never erases a case on legal hold, and says when it would have been due', () => {
    expect(
      gallringDueOf(rules, complaint({ legalHold: { placedAt: 'x', placedBy: 'kvalitet' } }), '2030-01-01'),
    ).toEqual({ due: false, why: 'legal_hold', rule: rules[0], dueOn: '2026-03-10' });
  });

  it('never erases a type without a rule, an open case or an erased one', () => {
    expect(gallringDueOf(rules, complaint({ type: 'deviation' }), '2099-01-01')).toEqual({
      due: false,
      why: 'no_rule',
    });
    expect(gallringDueOf(rules, complaint({ closedAt: null }), '2099-01-01')).toMatchObject({
      due: false,
      why: 'open',
    });
    expect(gallringDueOf(rules, complaint({ erasedAt: '2026-03-10T01:00:00.000Z' }), '2099-01-01')).toEqual({
      due: false,
      why: 'erased',
    });
    expect(gallringDueOf([], complaint(), '2099-01-01')).toEqual({ due: false, why: 'no_rule' });
  });

  it('has a default rule for every case type', () => {
    expect(gallringDueOf(DEFAULT_RETENTION_RULES, complaint(), '2026-03-10').due).toBe(true);
    expect(new Set(DEFAULT_RETENTION_RULES.map((r) => r.caseType)).size).toBe(DEFAULT_RETENTION_RULES.length);
  });
});
