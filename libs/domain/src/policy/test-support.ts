/**
 * The deadline policy of api.md, spelled out once for the policy tests (not exported from the
 * library; only imported by `*.spec.ts`).
 */

/** The example document of api.md (version 3), whose deadlines and chain are the contract defaults. */
export const API_MD_POLICY_EXAMPLE = {
  version: 3,
  deadlines: {
    acknowledgement: 'PT24H',
    lex_sarah_first_response: 'PT4H',
    lex_sarah_investigation: 'P14D',
    ivo_report: 'P7D',
    investigation: 'P30D',
    follow_up: 'P90D',
    action_reminder_before: 'P2D',
    escalation_repeat: 'P1D',
  },
  escalationChain: ['unit_manager', 'division_manager', 'director'],
};
