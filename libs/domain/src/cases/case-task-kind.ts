/** Kinds of tasks a case puts in someone's inbox (api.md "Tasks"; DL-15: a miss creates a task). */
export const CASE_TASK_KINDS = [
  'acknowledge',
  'assign_investigator',
  'investigate',
  'decide',
  'report_to_ivo',
  'carry_out_action',
  'follow_up',
  'escalation',
  'classify',
  'imy_notification',
  'inform_patient',
  'inform_board',
  'respond',
] as const;

export type CaseTaskKind = (typeof CASE_TASK_KINDS)[number];

export const CASE_TASK_KIND_LABELS: Readonly<Record<CaseTaskKind, string>> = {
  acknowledge: 'Ge återkoppling',
  assign_investigator: 'Utse utredare',
  investigate: 'Utred ärendet',
  decide: 'Fatta beslut',
  report_to_ivo: 'Anmäl till IVO',
  carry_out_action: 'Genomför åtgärd',
  follow_up: 'Följ upp åtgärder',
  escalation: 'Eskalerad frist',
  classify: 'Klassificera ärendet',
  imy_notification: 'Bedöm personuppgiftsincidenten och anmäl till IMY',
  inform_patient: 'Informera patient eller närstående',
  inform_board: 'Informera nämnden',
  respond: 'Besvara',
};

export type CaseTaskStatus = 'open' | 'done';

export function isCaseTaskKind(value: unknown): value is CaseTaskKind {
  return typeof value === 'string' && (CASE_TASK_KINDS as readonly string[]).includes(value);
}
