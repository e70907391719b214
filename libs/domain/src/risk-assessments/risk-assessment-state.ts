import type { RiskLevel } from '../risk/risk-level';
import type { RiskScore } from '../risk/risk-bands';
import type { Probability, Severity } from '../risk/risk-scale';
import type { RiskTaskData } from './risk-assessment-events';
import type { RiskAssessmentStage, RiskAssessmentTrigger } from './risk-assessment-trigger';

export interface RiskScoreState {
  readonly probability: Probability;
  readonly severity: Severity;
  readonly score: RiskScore;
  readonly level: RiskLevel;
  readonly policyVersion: number;
  readonly at: string;
}

export interface RiskState {
  readonly id: string;
  readonly initial: RiskScoreState;
  /** The latest re-assessment after actions: the residual risk. */
  readonly residual: RiskScoreState | null;
  readonly causeCount: number;
  readonly accepted: boolean;
  /** When the last action of this risk was completed (a residual must come after it). */
  readonly lastActionCompletedAt: string | null;
}

export interface RiskActionState {
  readonly id: string;
  readonly riskId: string;
  readonly owner: string;
  readonly dueAt: string;
  readonly status: 'open' | 'completed';
  readonly addedAt: string;
  readonly completedAt?: string;
  /** Deadline: `open` until completed; `met` if completed by `dueAt`; `missed` once a miss is recorded. */
  readonly deadlineStatus: 'open' | 'met' | 'missed';
  readonly escalationLevel: number;
  readonly escalatedTo: readonly string[];
}

/** A task as created (under its `id`), and whether it is done. */
export interface RiskTaskState extends Omit<RiskTaskData, 'taskId'> {
  readonly id: string;
  readonly status: 'open' | 'done';
  readonly createdAt: string;
  readonly completedAt?: string;
}

export interface RiskAssessmentAggregateState {
  readonly id: string;
  readonly reference: string;
  readonly unitId: string;
  readonly trigger: RiskAssessmentTrigger;
  readonly owner: string | null;
  readonly stage: RiskAssessmentStage;
  readonly risks: Readonly<Record<string, RiskState>>;
  /** Risk ids in the order they were added. */
  readonly riskOrder: readonly string[];
  readonly actions: Readonly<Record<string, RiskActionState>>;
  readonly tasks: Readonly<Record<string, RiskTaskState>>;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly version: number;
}

export type RiskAssessmentState = RiskAssessmentAggregateState | null;
