/**
 * The organisation's deadline policy (api.md "Deadline policy", domain.md DL-0): every deadline
 * duration and the escalation chain are versioned policy values, never hard-coded.
 */

/** Keys every policy must have; projects may add more. */
export const DEADLINE_KEYS = [
  'acknowledgement',
  'lex_sarah_first_response',
  'lex_sarah_investigation',
  'ivo_report',
  'investigation',
  'follow_up',
  'action_reminder_before',
  'escalation_repeat',
] as const;

export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

/** Roles that may appear in an escalation chain. */
export const ESCALATION_ROLES = [
  'unit_manager',
  'division_manager',
  'director',
  'lex_sarah_investigator',
  'mas',
  'quality_coordinator',
] as const;

export type EscalationRole = (typeof ESCALATION_ROLES)[number];

/** Working days in the Swedish calendar, e.g. `{ workingDays: 3 }`. */
export interface WorkingDaysDuration {
  readonly workingDays: number;
}

/** An ISO-8601 duration (`PT24H`, `P14D`, `PT10S`) or a number of working days. */
export type PolicyDuration = string | WorkingDaysDuration;

/** The required keys, plus any extra keys a project adds. */
export type PolicyDeadlines = Record<DeadlineKey, PolicyDuration> & {
  readonly [key: string]: PolicyDuration;
};

/** One entry of the delegationsordning: the role that decides, with the delegation's reference. */
export interface DecisionDelegate {
  readonly role: string;
  /** E.g. "Delegationsordning SN 2026-02-14, punkt 4.2". */
  readonly reference?: string;
}

/** Who decides the outcome of an investigation, per case type (`lex_sarah`, `lex_maria`). */
export type DecisionDelegation = Readonly<Partial<Record<'lex_sarah' | 'lex_maria', DecisionDelegate>>>;

export interface DeadlinePolicy {
  readonly version: number;
  readonly deadlines: PolicyDeadlines;
  readonly escalationChain: string[];
  /** A project key (api.md: projects may add keys); absent means `DEFAULT_DECISION_DELEGATION`. */
  readonly decisionDelegation?: DecisionDelegation;
}

/** A policy document as sent to `PUT /policy`: `version` is optional (the current one if given). */
export type DeadlinePolicyDocument = Omit<DeadlinePolicy, 'version'> & { readonly version?: number };

export function isDeadlineKey(key: string): key is DeadlineKey {
  return (DEADLINE_KEYS as readonly string[]).includes(key);
}

export function isEscalationRole(role: string): role is EscalationRole {
  return (ESCALATION_ROLES as readonly string[]).includes(role);
}

export function isWorkingDaysDuration(duration: PolicyDuration): duration is WorkingDaysDuration {
  return typeof duration === 'object' && duration !== null;
}
