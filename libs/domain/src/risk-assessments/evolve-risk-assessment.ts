import { RISK_LEVEL_INFO } from '../risk/risk-level';
import { openTask } from '../tasks/open-task';
import type { RiskScoreData } from './risk-assessment-events';
import type { RiskAssessmentEvent } from './risk-assessment-events';
import type {
  RiskAssessmentAggregateState,
  RiskAssessmentState,
  RiskScoreState,
  RiskState,
} from './risk-assessment-state';
import type { RiskAssessmentStage } from './risk-assessment-trigger';

function scoreState(data: RiskScoreData, at: string): RiskScoreState {
  const { probability, severity, score, level, policyVersion } = data;
  return { probability, severity, score, level, policyVersion, at };
}

/** The level that counts now: the residual after re-assessment, else the initial one. */
export function currentRiskScore(risk: RiskState): RiskScoreState {
  return risk.residual ?? risk.initial;
}

function actionsOf(state: RiskAssessmentAggregateState, riskId: string) {
  return Object.values(state.actions).filter((action) => action.riskId === riskId);
}

/** A risk whose level demands a handlingsplan (RA-3) and has neither an action nor an acceptance. */
export function riskNeedsActionPlan(state: RiskAssessmentAggregateState, risk: RiskState): boolean {
  return (
    RISK_LEVEL_INFO[currentRiskScore(risk).level].actionPlanRequired &&
    !risk.accepted &&
    actionsOf(state, risk.id).length === 0
  );
}

/** A risk with actions, all completed, without a re-assessment after the last one. */
export function riskNeedsResidual(state: RiskAssessmentAggregateState, risk: RiskState): boolean {
  const actions = actionsOf(state, risk.id);
  if (actions.length === 0 || actions.some((action) => action.status === 'open')) return false;
  return (
    risk.residual === null ||
    (risk.lastActionCompletedAt !== null && risk.residual.at < risk.lastActionCompletedAt)
  );
}

/** The RA-4 step the assessment is at, derived from what has been recorded. */
export function deriveRiskAssessmentStage(state: RiskAssessmentAggregateState): RiskAssessmentStage {
  if (state.stage === 'closed' || state.stage === 'dismissed' || state.stage === 'proposed')
    return state.stage;
  const risks = state.riskOrder.map((id) => state.risks[id]!);
  if (risks.length === 0) return 'describing';
  if (risks.some((risk) => risk.causeCount === 0 && !risk.accepted)) return 'analysing';
  if (risks.some((risk) => riskNeedsActionPlan(state, risk))) return 'planning';
  return 'following_up';
}

function staged(state: RiskAssessmentAggregateState): RiskAssessmentAggregateState {
  const stage = deriveRiskAssessmentStage(state);
  return stage === state.stage ? state : { ...state, stage };
}

function apply(
  state: RiskAssessmentAggregateState,
  event: RiskAssessmentEvent,
): RiskAssessmentAggregateState {
  switch (event.type) {
    case 'RiskAssessmentCreated':
    case 'RiskAssessmentProposed':
      return state;
    case 'RiskAssessmentStarted':
      return staged({ ...state, stage: 'describing', owner: event.data.owner });
    case 'RiskAssessmentDismissed':
      return { ...state, stage: 'dismissed', closedAt: event.data.at };
    case 'RiskAdded': {
      const { riskId, causes, at } = event.data;
      const risk: RiskState = {
        id: riskId,
        initial: scoreState(event.data, at),
        residual: null,
        causeCount: causes.length,
        accepted: false,
        lastActionCompletedAt: null,
      };
      return staged({
        ...state,
        risks: { ...state.risks, [riskId]: risk },
        riskOrder: [...state.riskOrder, riskId],
      });
    }
    case 'RiskCausesRecorded':
      return withRisk(state, event.data.riskId, (risk) => ({
        ...risk,
        causeCount: event.data.causes.length,
      }));
    case 'RiskActionAdded': {
      const { actionId, riskId, owner, dueAt, at } = event.data;
      return staged({
        ...state,
        actions: {
          ...state.actions,
          [actionId]: {
            id: actionId,
            riskId,
            owner,
            dueAt,
            status: 'open',
            addedAt: at,
            deadlineStatus: 'open',
            escalationLevel: 0,
            escalatedTo: [],
          },
        },
      });
    }
    case 'RiskActionCompleted': {
      const action = state.actions[event.data.actionId];
      if (!action) return state;
      const next: RiskAssessmentAggregateState = {
        ...state,
        actions: {
          ...state.actions,
          [action.id]: {
            ...action,
            status: 'completed',
            completedAt: event.data.at,
            deadlineStatus:
              action.deadlineStatus === 'missed' ? 'missed' : event.data.late ? 'missed' : 'met',
          },
        },
      };
      return withRisk(next, action.riskId, (risk) => ({ ...risk, lastActionCompletedAt: event.data.at }));
    }
    case 'RiskReassessed':
      return withRisk(state, event.data.riskId, (risk) => ({
        ...risk,
        residual: scoreState(event.data, event.data.at),
      }));
    case 'RiskAccepted':
      return withRisk(state, event.data.riskId, (risk) => ({ ...risk, accepted: true }));
    case 'RiskAssessmentClosed':
      return { ...state, stage: 'closed', closedAt: event.data.at };
    case 'RiskActionDeadlineMissed': {
      const action = state.actions[event.data.actionId];
      if (!action) return state;
      const escalatedTo = [
        ...action.escalatedTo,
        ...event.data.escalatedTo.filter((to) => !action.escalatedTo.includes(to)),
      ];
      return {
        ...state,
        actions: {
          ...state.actions,
          [action.id]: {
            ...action,
            deadlineStatus: 'missed',
            escalationLevel: Math.max(action.escalationLevel, event.data.escalationLevel),
            escalatedTo,
          },
        },
      };
    }
    case 'RiskTaskCreated':
      return { ...state, tasks: { ...state.tasks, [event.data.taskId]: openTask(event.data) } };
    case 'RiskTaskCompleted': {
      const task = state.tasks[event.data.taskId];
      if (!task) return state;
      return {
        ...state,
        tasks: { ...state.tasks, [task.id]: { ...task, status: 'done', completedAt: event.data.at } },
      };
    }
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

function withRisk(
  state: RiskAssessmentAggregateState,
  riskId: string,
  change: (risk: RiskState) => RiskState,
): RiskAssessmentAggregateState {
  const risk = state.risks[riskId];
  if (!risk) return state;
  return staged({ ...state, risks: { ...state.risks, [riskId]: change(risk) } });
}

function initial(event: RiskAssessmentEvent): RiskAssessmentAggregateState | null {
  if (event.type === 'RiskAssessmentCreated') {
    const { assessmentId, reference, unitId, trigger, owner, at } = event.data;
    return opened({
      id: assessmentId,
      reference,
      unitId,
      trigger,
      owner,
      stage: 'describing',
      createdAt: at,
    });
  }
  if (event.type === 'RiskAssessmentProposed') {
    const { assessmentId, reference, unitId, at } = event.data;
    return opened({
      id: assessmentId,
      reference,
      unitId,
      trigger: 'deviation_pattern',
      owner: null,
      stage: 'proposed',
      createdAt: at,
    });
  }
  return null;
}

/** A risk analysis as its first event leaves it: nothing described, planned or closed yet. */
function opened(
  start: Pick<
    RiskAssessmentAggregateState,
    'id' | 'reference' | 'unitId' | 'trigger' | 'owner' | 'stage' | 'createdAt'
  >,
): RiskAssessmentAggregateState {
  return { ...start, risks: {}, riskOrder: [], actions: {}, tasks: {}, closedAt: null, version: 1 };
}

/**
 * Folds one event into the state. Total: events before the first are ignored, events naming an
 * unknown risk, action or task only advance the version.
 */
export function evolveRiskAssessment(
  state: RiskAssessmentState,
  event: RiskAssessmentEvent,
): RiskAssessmentState {
  if (state === null) return initial(event);
  return { ...apply(state, event), version: state.version + 1 };
}

export function rebuildRiskAssessment(events: readonly RiskAssessmentEvent[]): RiskAssessmentState {
  return events.reduce<RiskAssessmentState>(evolveRiskAssessment, null);
}
