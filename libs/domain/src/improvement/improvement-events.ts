/**
 * Improvement work (domain.md §9): staff improvement proposals with feedback to the proposer (IMP-8,
 * CT-3), improvement actions linked to the causes found in investigations or risk analyses (IMP-1,
 * IMP-2, IMP-5, LC-11) with effect follow-up (LC-3, IMP-4 "Study"), and lessons sent from one unit to
 * others as a check (IMP-7). One aggregate type, `improvement`; the first event says which kind.
 */
export const IMPROVEMENT_LEVELS = ['individual', 'organisational'] as const;
export type ImprovementLevel = (typeof IMPROVEMENT_LEVELS)[number];

export const IMPROVEMENT_TASK_KINDS = [
  'assess_improvement_proposal',
  'implement_improvement',
  'follow_up_improvement_effect',
  'improvement_feedback',
  'check_lesson',
] as const;
export type ImprovementTaskKind = (typeof IMPROVEMENT_TASK_KINDS)[number];

/** `case_type` of improvement rows in the task inbox. */
export const IMPROVEMENT_TASK_SOURCE = 'improvement';

export const IMPROVEMENT_STAGES = ['proposed', 'rejected', 'planned', 'implemented', 'effective'] as const;
export type ImprovementStage = (typeof IMPROVEMENT_STAGES)[number];

export const LESSON_STAGES = ['checking', 'checked'] as const;
export type LessonStage = (typeof LESSON_STAGES)[number];

/** Where an improvement action comes from, and which of the source's causes it addresses. */
export interface ImprovementSource {
  readonly kind:
    'case' | 'risk_assessment' | 'proposal' | 'event_analysis' | 'risk_observation' | 'ledningssystem_review';
  readonly id: string;
  /** The year of the nämnd's review of the ledningssystem the action was decided at (`ledningssystem_review`). */
  readonly year?: number;
  /** A label for people (case number, RA reference). */
  readonly reference?: string;
  /** The causes (as the investigation or analysis recorded them) the action works against. */
  readonly causes: readonly string[];
}

export interface ImprovementPlan {
  readonly title: string;
  readonly level: ImprovementLevel;
  readonly owner: string;
  readonly dueAt: string;
  readonly expectedEffect: string;
}

export interface ImprovementTaskData {
  readonly taskId: string;
  readonly kind: ImprovementTaskKind;
  readonly assignee?: string;
  readonly assigneeRole?: string;
  readonly unitId: string;
  readonly dueAt?: string;
}

/** What a proposal says, as proposed and as recorded. */
export interface ProposalContent {
  improvementId: string;
  reference: string;
  unitId: string;
  title: string;
  description: string;
  expectedEffect?: string;
}

/** What an improvement action is and what it works against, as created and as recorded. */
export interface ImprovementActionContent {
  improvementId: string;
  reference: string;
  unitId: string;
  description?: string;
  sources: readonly ImprovementSource[];
  plan: ImprovementPlan;
}

/** What a lesson tells which units, and by when they check it, as shared and as recorded. */
export interface LessonContent {
  improvementId: string;
  reference: string;
  sourceUnitId: string;
  title: string;
  finding: string;
  sourceCaseId?: string;
  targetUnitIds: readonly string[];
  dueAt: string;
}

type Event<TType extends string, TData> = { readonly type: TType; readonly data: TData };

export type ImprovementEvent =
  | Event<'ImprovementProposed', ProposalContent & { proposer: string; at: string }>
  | Event<'ImprovementActionCreated', ImprovementActionContent & { by: string; at: string }>
  | Event<
      'ImprovementProposalAssessed',
      { decision: 'accepted' | 'rejected'; feedback: string; plan?: ImprovementPlan; by: string; at: string }
    >
  | Event<'ImprovementReplanned', { plan: ImprovementPlan; by: string; at: string }>
  | Event<'ImprovementImplemented', { result: string; late: boolean; by: string; at: string }>
  | Event<'ImprovementEffectFollowedUp', { effective: boolean; evidence: string; by: string; at: string }>
  | Event<'ImprovementFeedbackRead', { by: string; at: string }>
  | Event<'LessonShared', LessonContent & { by: string; at: string }>
  | Event<
      'LessonCheckRecorded',
      { unitId: string; applicable: boolean; result: string; by: string; at: string }
    >
  | Event<'ImprovementTaskCreated', ImprovementTaskData & { readonly createdAt: string }>
  | Event<'ImprovementTaskCompleted', { taskId: string; at: string }>;

export type ImprovementEventType = ImprovementEvent['type'];
