import type { CaseAggregateState, CaseDeadlineKind, CaseTaskKind } from '@kvalitet/domain';

/**
 * Whether the work a deadline waits for has been done on the case, judged from the aggregate.
 *
 * Needed besides the deadline's own status because the domain meets only *open* deadlines: a
 * deadline that was missed and then done late stays `missed` (the miss is history), and it must not
 * be escalated again. Checked in the same optimistic-concurrency step as the write it guards.
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
      return state.ivoReport !== null;
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
      return state.ivoReport !== null;
    case 'carry_out_action':
      return isDeadlineWorkDone(state, 'action', task.actionId);
    case 'follow_up':
      return isDeadlineWorkDone(state, 'follow_up');
    case 'classify':
      return state.category !== undefined;
    case 'decide':
      return state.decision !== null && !state.newInvestigationRequired;
    case 'assign_investigator':
      return state.assignee !== null;
    case 'escalation':
      return false;
  }
}
