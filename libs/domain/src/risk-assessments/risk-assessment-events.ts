import type { CaseType } from '../cases/case-type';
import type { RiskLevel } from '../risk/risk-level';
import type { RiskScore } from '../risk/risk-bands';
import type { Probability, Severity } from '../risk/risk-scale';
import type { RiskAssessmentTrigger, RiskTaskKind } from './risk-assessment-trigger';

/**
 * Events of the risk assessment aggregate (aggregate type `risk_assessment`). Free text
 * (description, rationale, causes, result, summary) may be erased from the store later (ADR 0002),
 * so the decider never decides on it; it only counts causes.
 */
export interface RiskScoreData {
  readonly probability: Probability;
  readonly severity: Severity;
  readonly score: RiskScore;
  readonly level: RiskLevel;
  /** The risk policy whose bands gave the level. */
  readonly policyVersion: number;
}

export interface RiskData extends RiskScoreData {
  readonly riskId: string;
  readonly description: string;
  readonly causes: readonly string[];
}

export interface DeviationPatternData {
  readonly key: string;
  readonly scope: 'unit' | 'cross_unit';
  readonly caseType: CaseType;
  readonly category: string | null;
  readonly caseIds: readonly string[];
  readonly unitIds: readonly string[];
  readonly count: number;
  readonly windowFrom: string;
  readonly windowTo: string;
}

export interface RiskTaskData {
  readonly taskId: string;
  readonly kind: RiskTaskKind;
  readonly assignee?: string;
  readonly assigneeRole?: string;
  readonly unitId: string;
  readonly dueAt?: string;
  readonly actionId?: string;
}

export interface RiskAssessmentCreatedData {
  readonly assessmentId: string;
  readonly reference: string;
  readonly title: string;
  readonly unitId: string;
  readonly trigger: RiskAssessmentTrigger;
  readonly description?: string;
  readonly owner: string;
  readonly by: string;
  readonly at: string;
}

export interface RiskAssessmentProposedData {
  readonly assessmentId: string;
  readonly reference: string;
  readonly title: string;
  readonly unitId: string;
  readonly trigger: 'deviation_pattern';
  readonly pattern: DeviationPatternData;
  readonly at: string;
}

export interface RiskAssessmentStartedData {
  readonly title: string;
  readonly description?: string;
  readonly owner: string;
  readonly by: string;
  readonly at: string;
}

export interface RiskAssessmentDismissedData {
  readonly rationale: string;
  readonly by: string;
  readonly at: string;
}

export interface RiskAddedData extends RiskData {
  readonly by: string;
  readonly at: string;
}

export interface RiskCausesRecordedData {
  readonly riskId: string;
  readonly causes: readonly string[];
  readonly by: string;
  readonly at: string;
}

export interface RiskActionAddedData {
  readonly actionId: string;
  readonly riskId: string;
  readonly title: string;
  readonly owner: string;
  readonly dueAt: string;
  /** Indexes into the risk's causes that the action works against (RA-4 step 4, IMP). */
  readonly causeIndexes: readonly number[];
  readonly by: string;
  readonly at: string;
}

export interface RiskActionCompletedData {
  readonly actionId: string;
  readonly result: string;
  /** Completed after its due date (the deadline was missed). */
  readonly late: boolean;
  readonly by: string;
  readonly at: string;
}

export interface RiskReassessedData extends RiskScoreData {
  readonly riskId: string;
  readonly rationale: string;
  readonly by: string;
  readonly at: string;
}

export interface RiskAcceptedData {
  readonly riskId: string;
  readonly rationale: string;
  readonly by: string;
  readonly at: string;
}

export interface RiskAssessmentClosedData {
  readonly summary: string;
  readonly by: string;
  readonly at: string;
}

export interface RiskActionDeadlineMissedData {
  readonly actionId: string;
  /** 1 for the first escalation step, 2 for the next … (DL-15). */
  readonly escalationLevel: number;
  readonly escalatedTo: readonly string[];
  readonly at: string;
}

export interface RiskTaskCreatedData extends RiskTaskData {
  readonly createdAt: string;
}

export interface RiskTaskCompletedData {
  readonly taskId: string;
  readonly at: string;
  readonly by?: string;
}

type Event<TType extends string, TData> = { readonly type: TType; readonly data: TData };

export type RiskAssessmentEvent =
  | Event<'RiskAssessmentCreated', RiskAssessmentCreatedData>
  | Event<'RiskAssessmentProposed', RiskAssessmentProposedData>
  | Event<'RiskAssessmentStarted', RiskAssessmentStartedData>
  | Event<'RiskAssessmentDismissed', RiskAssessmentDismissedData>
  | Event<'RiskAdded', RiskAddedData>
  | Event<'RiskCausesRecorded', RiskCausesRecordedData>
  | Event<'RiskActionAdded', RiskActionAddedData>
  | Event<'RiskActionCompleted', RiskActionCompletedData>
  | Event<'RiskReassessed', RiskReassessedData>
  | Event<'RiskAccepted', RiskAcceptedData>
  | Event<'RiskAssessmentClosed', RiskAssessmentClosedData>
  | Event<'RiskActionDeadlineMissed', RiskActionDeadlineMissedData>
  | Event<'RiskTaskCreated', RiskTaskCreatedData>
  | Event<'RiskTaskCompleted', RiskTaskCompletedData>;

export type RiskAssessmentEventType = RiskAssessmentEvent['type'];

export const RISK_ASSESSMENT_EVENT_TYPES: readonly RiskAssessmentEventType[] = [
  'RiskAssessmentCreated',
  'RiskAssessmentProposed',
  'RiskAssessmentStarted',
  'RiskAssessmentDismissed',
  'RiskAdded',
  'RiskCausesRecorded',
  'RiskActionAdded',
  'RiskActionCompleted',
  'RiskReassessed',
  'RiskAccepted',
  'RiskAssessmentClosed',
  'RiskActionDeadlineMissed',
  'RiskTaskCreated',
  'RiskTaskCompleted',
];

export function isRiskAssessmentEventType(value: unknown): value is RiskAssessmentEventType {
  return typeof value === 'string' && (RISK_ASSESSMENT_EVENT_TYPES as readonly string[]).includes(value);
}
