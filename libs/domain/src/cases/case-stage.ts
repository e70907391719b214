/** The stages of every case: rapportera → utreda → åtgärda → följa upp → avslutad (LC-1). */
export const CASE_STAGES = ['reported', 'investigating', 'acting', 'following_up', 'closed'] as const;

export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_STAGE_LABELS: Readonly<Record<CaseStage, string>> = {
  reported: 'Rapporterad',
  investigating: 'Utreds',
  acting: 'Åtgärdas',
  following_up: 'Följs upp',
  closed: 'Avslutad',
};

export function isCaseStage(value: unknown): value is CaseStage {
  return typeof value === 'string' && (CASE_STAGES as readonly string[]).includes(value);
}
