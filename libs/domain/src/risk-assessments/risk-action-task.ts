import type { CaseActor } from '../cases/case-commands';
import type { RiskAssessmentCommandOfType } from './risk-assessment-commands';
import type { RiskAssessmentEvent } from './risk-assessment-events';
import type { RiskAssessmentAggregateState } from './risk-assessment-state';

/**
 * The task an open risk action puts in its owner's inbox with the action's due date (DL-11), or
 * null when the action is done or the task is already there. The command that adds the action
 * records it (ADR 0021); the risk workflow asks the same for actions whose task it does not find.
 */
export function riskActionTaskCommand(
  state: RiskAssessmentAggregateState,
  actionId: string,
  taskId: string,
  actor: CaseActor,
): RiskAssessmentCommandOfType<'create-task'> | null {
  const action = state.actions[actionId];
  if (!action || action.status !== 'open' || state.tasks[taskId] !== undefined) return null;
  return {
    type: 'create-task',
    actor,
    data: {
      taskId,
      kind: 'carry_out_risk_action',
      assignee: action.owner,
      unitId: state.unitId,
      dueAt: action.dueAt,
      actionId,
    },
  };
}

/** The actions these events add: each implies its owner's task. */
export function addedRiskActionIds(events: readonly RiskAssessmentEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'RiskActionAdded' ? [event.data.actionId] : []));
}
