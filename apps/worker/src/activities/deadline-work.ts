import { hasDecisionOnCurrentInvestigation, isIvoReportPending } from '@kvalitet/domain';
import type { CaseAggregateState, CaseDeadlineKind, CaseTaskKind } from '@kvalitet/domain';

/**
 * Whether the work a deadline waits for has been done on the case, judged from the aggregate.
 *
 * Needed besides the deadline's own status for cases whose late work was recorded before ADR 0009
 * (then a missed deadline stayed `missed`; now late work meets it as met late), and for deadlines
 * started after the work was done. Checked in the same optimistic-concurrency step as the write it
 * guards.
 */
export function isDeadlineWorkDone(
  state: CaseAggregateState,
  kind: CaseDeadlineKind,
  actionId?: string,
): boolean {
  switch (kind) {
    case 'acknowledgement':
    case 'lex_sarah_first_response':
      return state.acknowledged !== null;
    case 'investigation':
    case 'lex_sarah_investigation':
      return state.investigation !== null && !state.newInvestigationRequired;
    case 'ivo_report':
      // One notification per serious decision (ADR 0009).
      return state.ivoReport !== null && !isIvoReportPending(state);
    case 'action': {
      const action = actionId === undefined ? undefined : state.actions[actionId];
      return action !== undefined && action.status !== 'open';
    }
    case 'follow_up': {
      const actions = Object.values(state.actions);
      return actions.length > 0 && actions.every((action) => action.status === 'followed_up');
    }
  }
}

/** Whether a task would be stale on arrival: its work is done, or it was for a replaced assignee. */
export function isTaskWorkDone(
  state: CaseAggregateState,
  task: { kind: CaseTaskKind; assignee?: string; actionId?: string },
): boolean {
  switch (task.kind) {
    case 'acknowledge':
      return state.acknowledged !== null;
    case 'investigate':
      return (
        (state.investigation !== null && !state.newInvestigationRequired) ||
        (task.assignee !== undefined && state.assignee !== task.assignee)
      );
    case 'report_to_ivo':
      return isDeadlineWorkDone(state, 'ivo_report');
    case 'carry_out_action':
      return isDeadlineWorkDone(state, 'action', task.actionId);
    case 'follow_up':
      return isDeadlineWorkDone(state, 'follow_up');
    case 'classify':
      return state.category !== undefined;
    case 'decide':
      return hasDecisionOnCurrentInvestigation(state);
    case 'assign_investigator':
      return state.assignee !== null;
    case 'escalation':
      return false;
  }
}
