/** Why a risk analysis is made (api.md; domain.md RA-5). */
export const RISK_ASSESSMENT_TRIGGERS = [
  'change',
  'new_routine',
  'deviation_pattern',
  'yearly',
  'other',
] as const;

export type RiskAssessmentTrigger = (typeof RISK_ASSESSMENT_TRIGGERS)[number];

export const RISK_ASSESSMENT_TRIGGER_LABELS: Readonly<Record<RiskAssessmentTrigger, string>> = {
  change: 'Förändring i verksamheten',
  new_routine: 'Ny rutin, process eller metod',
  deviation_pattern: 'Mönster av avvikelser',
  yearly: 'Årlig riskanalys',
  other: 'Annat',
};

/**
 * The steps of a riskanalys (RA-4) as stages: describe the risks and estimate probability and severity
 * (one step: a risk is never recorded without its score) → analyse causes → plan actions against them
 * → follow up (residual score) → closed. A proposal from
 * the deviation pattern rule starts as `proposed` and is started or dismissed (RA-12).
 */
export const RISK_ASSESSMENT_STAGES = [
  'proposed',
  'describing',
  'analysing',
  'planning',
  'following_up',
  'closed',
  'dismissed',
] as const;

export type RiskAssessmentStage = (typeof RISK_ASSESSMENT_STAGES)[number];

export const RISK_ASSESSMENT_STAGE_LABELS: Readonly<Record<RiskAssessmentStage, string>> = {
  proposed: 'Föreslagen',
  describing: 'Beskriv och bedöm riskerna',
  analysing: 'Analysera orsaker',
  planning: 'Planera åtgärder',
  following_up: 'Följ upp',
  closed: 'Avslutad',
  dismissed: 'Avfärdad',
};

/** Tasks of a risk assessment in the common inbox (rm_tasks). */
export const RISK_TASK_KINDS = [
  'consider_risk_assessment',
  'carry_out_risk_action',
  'risk_escalation',
] as const;

export type RiskTaskKind = (typeof RISK_TASK_KINDS)[number];

/** `case_type` of risk-assessment rows in the task inbox. */
export const RISK_ASSESSMENT_TASK_SOURCE = 'risk_assessment';

/** Prefix of the human-readable reference (`RA-2026-0001`), numbered like case numbers. */
export const RISK_ASSESSMENT_REFERENCE_PREFIX = 'RA';
