import { isNoActionOutcome } from './case-outcome';
import type { CaseStage } from './case-stage';
import type { CaseAggregateState } from './case-state';
import { requiresDecision } from './case-type';

/**
 * Whether the investigation phase of the case is concluded: an investigation recorded since the last
 * reopen and, for lex Sarah and lex Maria, a decision based on it (LC-3, LC-6 S5, LC-8).
 */
export function isInvestigationConcluded(state: CaseAggregateState): boolean {
  const { investigation, decision } = state;
  if (investigation === null || state.newInvestigationRequired) return false;
  if (!requiresDecision(state.type)) return true;
  return decision !== null && decision.investigationSeq === investigation.seq;
}

/** A decision may be taken once per recorded investigation. */
export function hasDecisionOnCurrentInvestigation(state: CaseAggregateState): boolean {
  return (
    state.decision !== null &&
    state.investigation !== null &&
    !state.newInvestigationRequired &&
    state.decision.investigationSeq === state.investigation.seq
  );
}

function noActionsExpected(state: CaseAggregateState): boolean {
  if (state.decision !== null && hasDecisionOnCurrentInvestigation(state))
    return isNoActionOutcome(state.decision.outcome);
  return state.investigation?.deviationOccurred === false;
}

/**
 * The stage a concluded case is in, judged from its actions (LC-1): open actions → acting; completed
 * actions awaiting follow-up → following_up; nothing pending → following_up when the conclusion says
 * no action is needed, else acting (waiting for actions to be added, or for the case to be closed).
 */
export function stageAfterConclusion(state: CaseAggregateState): CaseStage {
  const actions = Object.values(state.actions);
  if (actions.some((action) => action.status === 'open')) return 'acting';
  if (actions.some((action) => action.status === 'completed')) return 'following_up';
  return noActionsExpected(state) ? 'following_up' : 'acting';
}

/** Open stages in which work on actions may be recorded. */
export function isWorkingStage(stage: CaseStage): boolean {
  return stage === 'investigating' || stage === 'acting' || stage === 'following_up';
}

/** Whether the nämnd has been informed of the latest IVO notification (DL-6; one per notification). */
export function isBoardInformedOfIvoReport(state: CaseAggregateState): boolean {
  const informed = state.statutorySteps.boardInformation;
  return state.ivoReport !== null && informed?.investigationSeq === state.ivoReport.investigationSeq;
}

/**
 * Whether the current decision still needs its IVO notification (DL-5, DL-8): a serious decision
 * without a notification for the investigation it decided on. After a reopen, a new serious decision
 * needs a new notification even if an earlier one was sent (ADR 0009).
 */
export function isIvoReportPending(state: CaseAggregateState): boolean {
  const { decision, ivoReport } = state;
  if (decision === null || !decision.requiresIvoReport) return false;
  return ivoReport === null || ivoReport.investigationSeq !== decision.investigationSeq;
}
