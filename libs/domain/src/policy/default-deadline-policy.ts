import type { DeadlinePolicy, PolicyDuration } from './deadline-policy';

/**
 * Keys added after v1 (api.md v1.1 "New deadlines"): a policy saved without them keeps these
 * defaults, so an older stored policy or a v1 client's `PUT` still starts the new deadlines.
 */
export const ADDED_DEADLINE_DEFAULTS: Readonly<Record<string, PolicyDuration>> = Object.freeze({
  imy_notification: 'PT72H',
  // The MAS's assessment within a working day (DL-7) and the patient told the same day (DL-9, "inferred").
  mas_classification: { workingDays: 1 },
  patient_information: 'P1D',
  response: 'P14D',
  late_report_after: 'PT24H',
});

/** A policy duration by key, falling back to the defaults of keys added after v1; undefined if neither. */
export function policyDurationOf(policy: DeadlinePolicy, key: string): PolicyDuration | undefined {
  return policy.deadlines[key] ?? ADDED_DEADLINE_DEFAULTS[key];
}

/** The contract defaults of api.md ("Deadlines (defaults; every one is a policy value)"). */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = Object.freeze({
  version: 1,
  deadlines: Object.freeze({
    acknowledgement: 'PT24H',
    lex_sarah_first_response: 'PT4H',
    lex_sarah_investigation: 'P14D',
    ivo_report: 'P7D',
    investigation: 'P30D',
    follow_up: 'P90D',
    action_reminder_before: 'P2D',
    escalation_repeat: 'P1D',
    ...ADDED_DEADLINE_DEFAULTS,
  }),
  escalationChain: Object.freeze(['unit_manager', 'division_manager', 'director']) as string[],
});
