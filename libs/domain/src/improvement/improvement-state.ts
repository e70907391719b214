import type {
  ImprovementEvent,
  ImprovementStage,
  ImprovementTaskKind,
  LessonStage,
} from './improvement-events';

export interface ImprovementTaskState {
  readonly id: string;
  readonly kind: ImprovementTaskKind;
  readonly assignee?: string;
  readonly assigneeRole?: string;
  readonly unitId: string;
  readonly dueAt?: string;
  readonly status: 'open' | 'done';
  readonly createdAt: string;
  readonly completedAt?: string;
}

interface Common {
  readonly id: string;
  readonly reference: string;
  readonly tasks: Readonly<Record<string, ImprovementTaskState>>;
  readonly version: number;
  readonly createdAt: string;
}

export interface ImprovementItemState extends Common {
  readonly kind: 'proposal' | 'action';
  readonly unitId: string;
  readonly stage: ImprovementStage;
  readonly proposer: string | null;
  readonly owner: string | null;
  readonly dueAt: string | null;
  /** Follow-up rounds that found no effect (LC-3: a new action is planned). */
  readonly ineffectiveRounds: number;
  readonly feedbackRead: boolean;
}

export interface LessonState extends Common {
  readonly kind: 'lesson';
  readonly sourceUnitId: string;
  readonly stage: LessonStage;
  readonly targetUnitIds: readonly string[];
  readonly checkedUnitIds: readonly string[];
}

export type ImprovementAggregateState = ImprovementItemState | LessonState;
export type ImprovementState = ImprovementAggregateState | null;

function withTask(state: ImprovementAggregateState, event: ImprovementEvent): ImprovementAggregateState {
  if (event.type === 'ImprovementTaskCreated') {
    const { taskId, createdAt, ...rest } = event.data;
    return {
      ...state,
      tasks: { ...state.tasks, [taskId]: { id: taskId, ...rest, status: 'open', createdAt } },
    };
  }
  if (event.type === 'ImprovementTaskCompleted') {
    const task = state.tasks[event.data.taskId];
    if (!task) return state;
    return {
      ...state,
      tasks: { ...state.tasks, [task.id]: { ...task, status: 'done', completedAt: event.data.at } },
    };
  }
  return state;
}

function applyItem(state: ImprovementItemState, event: ImprovementEvent): ImprovementItemState {
  switch (event.type) {
    case 'ImprovementProposalAssessed':
      return event.data.decision === 'accepted' && event.data.plan
        ? { ...state, stage: 'planned', owner: event.data.plan.owner, dueAt: event.data.plan.dueAt }
        : { ...state, stage: 'rejected' };
    case 'ImprovementReplanned':
      return { ...state, stage: 'planned', owner: event.data.plan.owner, dueAt: event.data.plan.dueAt };
    case 'ImprovementImplemented':
      return { ...state, stage: 'implemented' };
    case 'ImprovementEffectFollowedUp':
      return event.data.effective
        ? { ...state, stage: 'effective' }
        : { ...state, stage: 'planned', dueAt: null, ineffectiveRounds: state.ineffectiveRounds + 1 };
    case 'ImprovementFeedbackRead':
      return { ...state, feedbackRead: true };
    default:
      return state;
  }
}

function applyLesson(state: LessonState, event: ImprovementEvent): LessonState {
  if (event.type !== 'LessonCheckRecorded') return state;
  const checkedUnitIds = [...new Set([...state.checkedUnitIds, event.data.unitId])];
  return {
    ...state,
    checkedUnitIds,
    stage: state.targetUnitIds.every((unit) => checkedUnitIds.includes(unit)) ? 'checked' : 'checking',
  };
}

function initial(event: ImprovementEvent): ImprovementAggregateState | null {
  switch (event.type) {
    case 'ImprovementProposed':
      return {
        kind: 'proposal',
        id: event.data.improvementId,
        reference: event.data.reference,
        unitId: event.data.unitId,
        stage: 'proposed',
        proposer: event.data.proposer,
        owner: null,
        dueAt: null,
        ineffectiveRounds: 0,
        feedbackRead: false,
        tasks: {},
        version: 1,
        createdAt: event.data.at,
      };
    case 'ImprovementActionCreated':
      return {
        kind: 'action',
        id: event.data.improvementId,
        reference: event.data.reference,
        unitId: event.data.unitId,
        stage: 'planned',
        proposer: null,
        owner: event.data.plan.owner,
        dueAt: event.data.plan.dueAt,
        ineffectiveRounds: 0,
        feedbackRead: false,
        tasks: {},
        version: 1,
        createdAt: event.data.at,
      };
    case 'LessonShared':
      return {
        kind: 'lesson',
        id: event.data.improvementId,
        reference: event.data.reference,
        sourceUnitId: event.data.sourceUnitId,
        stage: 'checking',
        targetUnitIds: [...event.data.targetUnitIds],
        checkedUnitIds: [],
        tasks: {},
        version: 1,
        createdAt: event.data.at,
      };
    default:
      return null;
  }
}

export function evolveImprovement(state: ImprovementState, event: ImprovementEvent): ImprovementState {
  if (state === null) return initial(event);
  const tasked = withTask(state, event);
  const next = tasked.kind === 'lesson' ? applyLesson(tasked, event) : applyItem(tasked, event);
  return { ...next, version: state.version + 1 };
}

export function rebuildImprovement(events: readonly ImprovementEvent[]): ImprovementState {
  return events.reduce<ImprovementState>(evolveImprovement, null);
}
