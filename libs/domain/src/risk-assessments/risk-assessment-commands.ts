import type { CaseActor } from '../cases/case-commands';
import type { DeviationPatternData, RiskTaskData } from './risk-assessment-events';
import type { RiskAssessmentTrigger } from './risk-assessment-trigger';

/**
 * Commands to the risk assessment aggregate. As for cases, authorisation is decided before a command
 * gets here, generated ids come in with the command and factors arrive as `unknown` from outside:
 * the decider is the last line of defence and answers a bad score with a named refusal.
 */
export interface NewRiskInput {
  readonly riskId: string;
  readonly description: string;
  readonly probability: unknown;
  readonly severity: unknown;
  readonly causes?: readonly string[];
}

export interface CreateRiskAssessmentData {
  readonly assessmentId: string;
  readonly reference: string;
  readonly title: string;
  readonly unitId: string;
  readonly trigger: RiskAssessmentTrigger;
  readonly description?: string;
  readonly risks?: readonly NewRiskInput[];
}

export interface ProposeRiskAssessmentData {
  readonly assessmentId: string;
  readonly reference: string;
  readonly title: string;
  readonly unitId: string;
  readonly pattern: DeviationPatternData;
  /** Tasks for who should consider the proposal (unit manager, kvalitet). */
  readonly tasks: readonly Omit<RiskTaskData, 'kind'>[];
}

export interface StartRiskAssessmentData {
  readonly title?: string;
  readonly description?: string;
  readonly risks?: readonly NewRiskInput[];
}

export interface DismissRiskAssessmentData {
  readonly rationale: string;
}

export type AddRiskData = NewRiskInput;

export interface RecordRiskCausesData {
  readonly riskId: string;
  readonly causes: readonly string[];
}

export interface AddRiskActionData {
  readonly actionId: string;
  readonly riskId: string;
  readonly title: string;
  readonly owner: string;
  readonly dueAt: string;
  readonly causeIndexes?: readonly number[];
}

export interface CompleteRiskActionData {
  readonly actionId: string;
  readonly result: string;
}

export interface ReassessRiskData {
  readonly riskId: string;
  readonly probability: unknown;
  readonly severity: unknown;
  readonly rationale: string;
}

export interface AcceptRiskData {
  readonly riskId: string;
  readonly rationale: string;
}

export interface CloseRiskAssessmentData {
  readonly summary: string;
}

export interface RecordRiskActionMissedData {
  readonly actionId: string;
  readonly escalationLevel: number;
  readonly escalatedTo: readonly string[];
}

export type CreateRiskTaskData = RiskTaskData;

export interface CompleteRiskTaskData {
  readonly taskId: string;
}

type Command<TType extends string, TData> = {
  readonly type: TType;
  readonly actor: CaseActor;
  readonly data: TData;
};

export type RiskAssessmentCommand =
  | Command<'create', CreateRiskAssessmentData>
  | Command<'propose', ProposeRiskAssessmentData>
  | Command<'start', StartRiskAssessmentData>
  | Command<'dismiss', DismissRiskAssessmentData>
  | Command<'add-risk', AddRiskData>
  | Command<'record-causes', RecordRiskCausesData>
  | Command<'add-action', AddRiskActionData>
  | Command<'complete-action', CompleteRiskActionData>
  | Command<'reassess', ReassessRiskData>
  | Command<'accept-risk', AcceptRiskData>
  | Command<'close', CloseRiskAssessmentData>
  | Command<'record-action-missed', RecordRiskActionMissedData>
  | Command<'create-task', CreateRiskTaskData>
  | Command<'complete-task', CompleteRiskTaskData>;

export type RiskAssessmentCommandType = RiskAssessmentCommand['type'];

export type RiskAssessmentCommandOfType<T extends RiskAssessmentCommandType> = Extract<
  RiskAssessmentCommand,
  { type: T }
>;

/** Commands people send on an existing assessment (`POST /risk-assessments/{id}/{command}`). */
export const RISK_ASSESSMENT_USER_COMMANDS = [
  'start',
  'dismiss',
  'add-risk',
  'record-causes',
  'add-action',
  'complete-action',
  'reassess',
  'accept-risk',
  'close',
] as const satisfies readonly RiskAssessmentCommandType[];

export type RiskAssessmentUserCommand = (typeof RISK_ASSESSMENT_USER_COMMANDS)[number];

/** Commands of the process manager and the pattern rule, not of people. */
export const RISK_ASSESSMENT_SYSTEM_COMMANDS = [
  'propose',
  'record-action-missed',
  'create-task',
  'complete-task',
] as const satisfies readonly RiskAssessmentCommandType[];
