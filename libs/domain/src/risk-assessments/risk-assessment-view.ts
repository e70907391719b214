import { RISK_LEVEL_INFO } from '../risk/risk-level';
import type { RiskLevel } from '../risk/risk-level';
import { assignmentViewOf, type AssignmentView } from '../tasks/assignment-view';
import type { DeviationPatternData, RiskAssessmentEvent } from './risk-assessment-events';
import { currentRiskScore, rebuildRiskAssessment } from './evolve-risk-assessment';
import type { RiskAssessmentStage, RiskAssessmentTrigger, RiskTaskKind } from './risk-assessment-trigger';

/**
 * What people see of a risk assessment: the state plus the free text of its events. Built from the
 * events by the API (detail) and the projector (list), so both show the same.
 */
export interface RiskScoreView {
  readonly probability: number;
  readonly severity: number;
  readonly score: number;
  readonly level: RiskLevel;
}

export interface RiskView extends RiskScoreView {
  readonly id: string;
  readonly description: string;
  readonly causes: string[];
  /** What the level demands (RA-3). */
  readonly demand: string;
  readonly actionPlanRequired: boolean;
  readonly accepted: { readonly rationale: string; readonly by: string; readonly at: string } | null;
  /** The latest re-assessment after actions. */
  readonly residual:
    (RiskScoreView & { readonly rationale: string; readonly by: string; readonly at: string }) | null;
}

export interface RiskActionView {
  readonly id: string;
  readonly riskId: string;
  readonly title: string;
  readonly owner: string;
  readonly dueAt: string;
  readonly causeIndexes: number[];
  readonly status: 'open' | 'completed';
  readonly result: string | null;
  readonly completedAt: string | null;
  readonly deadline: {
    readonly kind: 'action';
    readonly dueAt: string;
    readonly status: 'open' | 'met' | 'missed';
    readonly escalationLevel: number;
    readonly escalatedTo: string[];
  };
}

export interface RiskTaskView extends AssignmentView<RiskTaskKind> {
  readonly actionId: string | null;
  readonly status: 'open' | 'done';
  readonly createdAt: string;
  readonly completedAt: string | null;
}

export interface RiskAssessmentView {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly unitId: string;
  readonly trigger: RiskAssessmentTrigger;
  readonly description: string | null;
  readonly stage: RiskAssessmentStage;
  readonly owner: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly summary: string | null;
  readonly pattern: DeviationPatternData | null;
  readonly dismissal: { readonly rationale: string; readonly by: string; readonly at: string } | null;
  readonly risks: RiskView[];
  readonly actions: RiskActionView[];
  readonly tasks: RiskTaskView[];
  /** Highest initial score and its level; null without risks. */
  readonly maxScore: number | null;
  readonly maxLevel: RiskLevel | null;
  /** Highest current score (residual where re-assessed). */
  readonly currentMaxScore: number | null;
}

export function buildRiskAssessmentView(events: readonly RiskAssessmentEvent[]): RiskAssessmentView | null {
  const state = rebuildRiskAssessment(events);
  if (!state) return null;
  let title = '';
  let description: string | null = null;
  let summary: string | null = null;
  let pattern: DeviationPatternData | null = null;
  let dismissal: RiskAssessmentView['dismissal'] = null;
  const riskText = new Map<string, { description: string; causes: string[] }>();
  const accepted = new Map<string, NonNullable<RiskView['accepted']>>();
  const residualText = new Map<string, { rationale: string; by: string }>();
  const actionText = new Map<string, { title: string; causeIndexes: number[]; result: string | null }>();
  for (const event of events) {
    switch (event.type) {
      case 'RiskAssessmentCreated':
        title = event.data.title;
        description = event.data.description ?? null;
        break;
      case 'RiskAssessmentProposed':
        title = event.data.title;
        pattern = event.data.pattern;
        break;
      case 'RiskAssessmentStarted':
        if (event.data.title) title = event.data.title;
        if (event.data.description) description = event.data.description;
        break;
      case 'RiskAssessmentDismissed':
        dismissal = { rationale: event.data.rationale, by: event.data.by, at: event.data.at };
        break;
      case 'RiskAdded':
        riskText.set(event.data.riskId, {
          description: event.data.description,
          causes: [...event.data.causes],
        });
        break;
      case 'RiskCausesRecorded': {
        const text = riskText.get(event.data.riskId);
        if (text) text.causes = [...event.data.causes];
        break;
      }
      case 'RiskAccepted':
        accepted.set(event.data.riskId, {
          rationale: event.data.rationale,
          by: event.data.by,
          at: event.data.at,
        });
        break;
      case 'RiskReassessed':
        residualText.set(event.data.riskId, { rationale: event.data.rationale, by: event.data.by });
        break;
      case 'RiskActionAdded':
        actionText.set(event.data.actionId, {
          title: event.data.title,
          causeIndexes: [...event.data.causeIndexes],
          result: null,
        });
        break;
      case 'RiskActionCompleted': {
        const text = actionText.get(event.data.actionId);
        if (text) text.result = event.data.result;
        break;
      }
      case 'RiskAssessmentClosed':
        summary = event.data.summary;
        break;
      default:
        break;
    }
  }
  const risks: RiskView[] = state.riskOrder.map((id) => {
    const risk = state.risks[id]!;
    const { probability, severity, score, level } = risk.initial;
    const info = RISK_LEVEL_INFO[level];
    const residual = risk.residual;
    return {
      id,
      description: riskText.get(id)?.description ?? '',
      probability,
      severity,
      score,
      level,
      causes: riskText.get(id)?.causes ?? [],
      demand: info.demand,
      actionPlanRequired: info.actionPlanRequired,
      accepted: accepted.get(id) ?? null,
      residual:
        residual === null
          ? null
          : {
              probability: residual.probability,
              severity: residual.severity,
              score: residual.score,
              level: residual.level,
              rationale: residualText.get(id)?.rationale ?? '',
              by: residualText.get(id)?.by ?? '',
              at: residual.at,
            },
    };
  });
  const actions: RiskActionView[] = Object.values(state.actions).map((action) => ({
    id: action.id,
    riskId: action.riskId,
    title: actionText.get(action.id)?.title ?? '',
    owner: action.owner,
    dueAt: action.dueAt,
    causeIndexes: actionText.get(action.id)?.causeIndexes ?? [],
    status: action.status,
    result: actionText.get(action.id)?.result ?? null,
    completedAt: action.completedAt ?? null,
    deadline: {
      kind: 'action',
      dueAt: action.dueAt,
      status: action.deadlineStatus,
      escalationLevel: action.escalationLevel,
      escalatedTo: [...action.escalatedTo],
    },
  }));
  const tasks: RiskTaskView[] = Object.values(state.tasks).map((task) => ({
    ...assignmentViewOf(task),
    actionId: task.actionId ?? null,
    status: task.status,
    createdAt: task.createdAt,
    completedAt: task.completedAt ?? null,
  }));
  const top = risks.reduce<RiskView | null>(
    (best, risk) => (best === null || risk.score > best.score ? risk : best),
    null,
  );
  const currentScores = state.riskOrder.map((id) => currentRiskScore(state.risks[id]!).score);
  return {
    id: state.id,
    reference: state.reference,
    title,
    unitId: state.unitId,
    trigger: state.trigger,
    description,
    stage: state.stage,
    owner: state.owner,
    version: state.version,
    createdAt: state.createdAt,
    closedAt: state.closedAt,
    summary,
    pattern,
    dismissal,
    risks,
    actions,
    tasks,
    maxScore: top?.score ?? null,
    maxLevel: top?.level ?? null,
    currentMaxScore: currentScores.length === 0 ? null : Math.max(...currentScores),
  };
}
