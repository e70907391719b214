import { isLeapYear, parseLocalDate, type LocalDate } from '../calendar/local-date';
import { stockholmDateOf } from '../calendar/stockholm-time';
import type { CaseType } from '../cases/case-type';
import type { RetentionRule } from './retention-rules';

/** What the due-for-gallring question needs of a case (all of it in the decider's state). */
export interface GallringFacts {
  readonly type: CaseType;
  readonly reportedAt: string;
  readonly closedAt: string | null;
  readonly legalHold?: unknown;
  readonly erasedAt?: string;
}

export type GallringDue =
  | { readonly due: true; readonly rule: RetentionRule; readonly dueOn: LocalDate }
  | {
      readonly due: false;
      readonly why: 'erased' | 'no_rule' | 'open' | 'legal_hold' | 'not_yet';
      readonly rule?: RetentionRule;
      readonly dueOn?: LocalDate;
    };

/**
 * The same calendar date `years` later; 29 February becomes 1 March in a common year, so a case is
 * always kept at least the whole years of its rule.
 */
export function addYearsToLocalDate(date: LocalDate, years: number): LocalDate {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Ogiltigt datum: "${date}"`);
  const year = parts.year + years;
  const [month, day] =
    parts.month === 2 && parts.day === 29 && !isLeapYear(year) ? [3, 1] : [parts.month, parts.day];
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Is the case due for gallring on `today` (a Stockholm date), and under which rule? Only a closed case
 * that is not erased and not on legal hold, whose type has a rule, is erased, from the Stockholm date
 * `keepYears` after the day it was closed or reported (ADR 0027).
 */
export function gallringDueOf(
  rules: readonly RetentionRule[],
  facts: GallringFacts,
  today: LocalDate,
): GallringDue {
  if (facts.erasedAt !== undefined) return { due: false, why: 'erased' };
  const rule = rules.find((r) => r.caseType === facts.type);
  if (rule === undefined) return { due: false, why: 'no_rule' };
  if (facts.closedAt === null) return { due: false, why: 'open', rule };
  const start = rule.from === 'closed' ? facts.closedAt : facts.reportedAt;
  const dueOn = addYearsToLocalDate(stockholmDateOf(new Date(start)), rule.keepYears);
  if (facts.legalHold !== undefined && facts.legalHold !== null)
    return { due: false, why: 'legal_hold', rule, dueOn };
  if (today < dueOn) return { due: false, why: 'not_yet', rule, dueOn };
  return { due: true, rule, dueOn };
}
