/** Deadline kinds on a case (api.md "Deadlines" and v1.1; DL-1, DL-3, DL-4, DL-5/DL-8, DL-10, DL-11, DL-12, DL-14). */
export const CASE_DEADLINE_KINDS = [
  'acknowledgement',
  'lex_sarah_first_response',
  'lex_sarah_investigation',
  'ivo_report',
  'investigation',
  'action',
  'follow_up',
  'imy_notification',
  'mas_classification',
  'patient_information',
  'board_information',
  'response',
  'external_response',
] as const;

export type CaseDeadlineKind = (typeof CASE_DEADLINE_KINDS)[number];

export const CASE_DEADLINE_KIND_LABELS: Readonly<Record<CaseDeadlineKind, string>> = {
  acknowledgement: 'Återkoppling',
  lex_sarah_first_response: 'Lex Sarah – mottagande och omedelbara åtgärder',
  lex_sarah_investigation: 'Lex Sarah – utredning',
  ivo_report: 'Anmälan till IVO',
  investigation: 'Utredning',
  action: 'Åtgärd',
  follow_up: 'Uppföljning',
  imy_notification: 'Anmälan till IMY (personuppgiftsincident, 72 timmar)',
  mas_classification: 'MAS-bedömning',
  patient_information: 'Information till patient eller närstående',
  board_information: 'Information till nämnden',
  response: 'Svar till klagande',
  external_response: 'Svar till granskare',
};

/**
 * `met` covers work done late too (`metLate` on the deadline, ADR 0009); `cancelled` is a deadline
 * whose path a reclassification left (LC-2).
 */
export type CaseDeadlineStatus = 'open' | 'met' | 'missed' | 'cancelled';

export function isCaseDeadlineKind(value: unknown): value is CaseDeadlineKind {
  return typeof value === 'string' && (CASE_DEADLINE_KINDS as readonly string[]).includes(value);
}
