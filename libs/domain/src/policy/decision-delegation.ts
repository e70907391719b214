import type { CaseType } from '../cases/case-type';
import { ESCALATION_ROLES } from './deadline-policy';
import type { DecisionDelegation, DecisionDelegate } from './deadline-policy';

/** The case types whose investigation ends in a formal decision by a delegate (LC-6 S5, LC-8 step 1). */
export const DELEGATED_DECISION_TYPES = ['lex_sarah', 'lex_maria'] as const satisfies readonly CaseType[];

export type DelegatedDecisionType = (typeof DELEGATED_DECISION_TYPES)[number];

/** Roles a decision may be delegated to: the organisation's roles of the policy. */
export const DECISION_DELEGATE_ROLES = ESCALATION_ROLES;

/**
 * Who decides when the policy's delegationsordning says nothing: lex Sarah the förvaltningschef
 * (or per delegation), lex Maria the MAS (domain.md LC-6 S5, LC-8, GAP-3).
 */
export const DEFAULT_DECISION_DELEGATION: Readonly<Record<DelegatedDecisionType, DecisionDelegate>> =
  Object.freeze({
    lex_sarah: Object.freeze({ role: 'director' }),
    lex_maria: Object.freeze({ role: 'mas' }),
  });

export function isDelegatedDecisionType(type: string): type is DelegatedDecisionType {
  return (DELEGATED_DECISION_TYPES as readonly string[]).includes(type);
}

/**
 * The delegate a policy's `decisionDelegation` names for `type` (or the defaults). The key is
 * retired (ADR 0023): the delegation register decides who decides; the policy only keeps the key
 * for v1 clients.
 */
export function decisionDelegateFor(
  delegation: DecisionDelegation | undefined,
  type: CaseType,
): DecisionDelegate | null {
  if (!isDelegatedDecisionType(type)) return null;
  return delegation?.[type] ?? DEFAULT_DECISION_DELEGATION[type];
}
