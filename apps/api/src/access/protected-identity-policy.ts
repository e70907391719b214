import type { CaseType } from '@kvalitet/domain';
import type { CaseFacts } from './access-policy';
import type { Principal } from './principal';
import type { Role } from './roles';

/**
 * Skyddade personuppgifter (DATA-2, issue 19, ADR 0029): on a case marked as concerning a person with
 * protected identity, its free text and names are read only by those who must work with them — the
 * assignee, `sas`/`mas` on the case types they handle, and the unit manager(s) of the case's own unit —
 * and only with a stated reason (DATA-5: the reason goes into the access log). Everyone else who may
 * see the case (its reporter, division managers above, the director, kvalitet, dataskydd) sees number,
 * type, unit, stage and dates, never the text.
 *
 * The access policy (access-policy.ts) still decides whether the case is seen at all; this file only
 * narrows what of a visible case is shown.
 */

/** The case types each statutory role handles (the same types as its handling rights). */
const STATUTORY_READER_TYPES: Readonly<Partial<Record<Role, readonly CaseType[]>>> = {
  lex_sarah_investigator: ['lex_sarah', 'deviation'],
  mas: ['hsl_deviation', 'lex_maria'],
};

/** The shortest and longest reason accepted (api.md style: 3..500 characters after trimming). */
export const ACCESS_REASON_MIN = 3;
export const ACCESS_REASON_MAX = 500;

/** Who may read the free text of a protected case (given a reason); on other cases, everyone who sees it. */
export function mayReadProtectedText(principal: Principal, facts: CaseFacts): boolean {
  if (facts.assignee !== null && facts.assignee === principal.username) return true;
  const statutory = principal.roles.some((role) => STATUTORY_READER_TYPES[role]?.includes(facts.type));
  if (statutory) return true;
  return principal.roles.includes('unit_manager') && principal.unitIds.includes(facts.unitId);
}

/** What of a case's text this caller gets on this read. */
export type TextDisclosure =
  /** Not protected: as before (the person reference rule still applies). */
  | { readonly kind: 'open' }
  /** Protected, an allowed reader with a reason: the text, and the reason is logged. */
  | { readonly kind: 'with_reason'; readonly reason: string }
  /** Protected, an allowed reader without a reason: no text; `reasonRequired: true`. */
  | { readonly kind: 'reason_required' }
  /** Protected, a reader who may see the case but not its text. */
  | { readonly kind: 'withheld' };

/**
 * The disclosure for one read. `reason` is the caller's stated reason (already checked for length),
 * or undefined when none was given. A reason from a caller who may not read the text changes nothing.
 */
export function textDisclosure(
  principal: Principal,
  facts: CaseFacts,
  protectedIdentity: boolean,
  reason: string | undefined,
): TextDisclosure {
  if (!protectedIdentity) return { kind: 'open' };
  if (!mayReadProtectedText(principal, facts)) return { kind: 'withheld' };
  return reason === undefined ? { kind: 'reason_required' } : { kind: 'with_reason', reason };
}

export function showsText(disclosure: TextDisclosure): boolean {
  return disclosure.kind === 'open' || disclosure.kind === 'with_reason';
}

/**
 * Who reads the access log of one case: kvalitet and dataskydd (loggkontroll, EK-6), and `sas`/`mas`
 * on the types they handle.
 */
export function canReadCaseAccessLog(principal: Principal, facts: Pick<CaseFacts, 'type'>): boolean {
  if (principal.roles.some((role) => role === 'quality_coordinator' || role === 'data_protection_officer'))
    return true;
  return principal.roles.some((role) => STATUTORY_READER_TYPES[role]?.includes(facts.type));
}

/** Could the caller read any case's access log (checked first: 403 before 404)? */
export function mayReadCaseAccessLogs(principal: Principal): boolean {
  return principal.roles.some((role) =>
    ['quality_coordinator', 'data_protection_officer', 'lex_sarah_investigator', 'mas'].includes(role),
  );
}
