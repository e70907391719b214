import type { DeadlinePolicy } from './deadline-policy';

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
  }),
  escalationChain: Object.freeze(['unit_manager', 'division_manager', 'director']) as string[],
});
