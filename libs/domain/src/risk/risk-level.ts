/** Risk levels (domain.md RA-3) and what each demands. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;

export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface RiskLevelInfo {
  /** Swedish label for the UI. */
  readonly label: string;
  /** What the level demands, in Swedish. */
  readonly demand: string;
  /** A handlingsplan (action plan) is required. */
  readonly actionPlanRequired: boolean;
  /** The risk is proposed for the internal-control plan (IK-1). */
  readonly proposedForInternalControl: boolean;
}

export const RISK_LEVEL_INFO: Readonly<Record<RiskLevel, RiskLevelInfo>> = Object.freeze({
  low: Object.freeze({
    label: 'Låg',
    demand: 'Hanteras i ordinarie verksamhet',
    actionPlanRequired: false,
    proposedForInternalControl: false,
  }),
  medium: Object.freeze({
    label: 'Medel',
    demand: 'Åtgärder övervägs och följs upp',
    actionPlanRequired: false,
    proposedForInternalControl: false,
  }),
  high: Object.freeze({
    label: 'Hög',
    demand: 'Handlingsplan krävs',
    actionPlanRequired: true,
    proposedForInternalControl: false,
  }),
  very_high: Object.freeze({
    label: 'Mycket hög',
    demand: 'Handlingsplan krävs; föreslås till internkontrollplanen',
    actionPlanRequired: true,
    proposedForInternalControl: true,
  }),
});

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}
