import type { FlowEvent } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';

/**
 * The contract between the orchestrator (projector) and the risk assessment workflow: one workflow
 * per assessment, `risk-assessment-<id>`, started or signalled with `signalWithStart` and the events
 * it follows. Plain names and data only; no free text goes to Temporal (ADR 0002).
 */
export const RISK_ASSESSMENT_WORKFLOW_TYPE = 'riskAssessmentWorkflow';
export const RISK_ASSESSMENT_EVENTS_SIGNAL = 'riskAssessmentEvents';
export const RISK_ASSESSMENT_STATUS_QUERY = 'riskAssessmentWorkflowStatus';

export { riskAssessmentWorkflowId } from '@kvalitet/contracts';

export interface RiskAssessmentWorkflowStart {
  readonly assessmentId: string;
}

export type RiskAssessmentFlowEvent =
  | FlowEvent<'RiskAssessmentCreated', { unitId: string }>
  | FlowEvent<'RiskAssessmentProposed', { unitId: string }>
  | FlowEvent<'RiskActionAdded', { actionId: string; owner: string; dueAt: string }>
  | FlowEvent<'RiskActionCompleted', { actionId: string }>
  | FlowEvent<'RiskAssessmentClosed', Record<string, never>>
  | FlowEvent<'RiskAssessmentDismissed', Record<string, never>>;

export type RiskAssessmentFlowEventType = RiskAssessmentFlowEvent['type'];

export const RISK_ASSESSMENT_FLOW_EVENT_TYPES: readonly RiskAssessmentFlowEventType[] = [
  'RiskAssessmentCreated',
  'RiskAssessmentProposed',
  'RiskActionAdded',
  'RiskActionCompleted',
  'RiskAssessmentClosed',
  'RiskAssessmentDismissed',
];

export interface RiskAssessmentEventsSignal {
  readonly events: RiskAssessmentFlowEvent[];
}

const str = (data: Record<string, unknown>, key: string): string => String(data[key] ?? '');

/** A stored risk assessment event as the workflow receives it, or null if the workflow ignores it. */
export function toRiskAssessmentFlowEvent(event: EventEnvelope): RiskAssessmentFlowEvent | null {
  if (event.aggregateType !== 'risk_assessment') return null;
  const d = event.data;
  const base = { id: event.id, version: event.version, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'RiskAssessmentCreated':
    case 'RiskAssessmentProposed':
      return { ...base, type: event.type, data: { unitId: str(d, 'unitId') } };
    case 'RiskActionAdded':
      return {
        ...base,
        type: 'RiskActionAdded',
        data: { actionId: str(d, 'actionId'), owner: str(d, 'owner'), dueAt: str(d, 'dueAt') },
      };
    case 'RiskActionCompleted':
      return { ...base, type: 'RiskActionCompleted', data: { actionId: str(d, 'actionId') } };
    case 'RiskAssessmentClosed':
    case 'RiskAssessmentDismissed':
      return { ...base, type: event.type, data: {} };
    default:
      return null;
  }
}

/** Named, non-retryable business outcomes of the activities. */
export const RISK_ACTIVITY_ERRORS = {
  /** The action was completed before the miss could be recorded. */
  actionAlreadyDone: 'RiskActionAlreadyDone',
  /** The assessment is closed or dismissed. */
  assessmentEnded: 'RiskAssessmentEnded',
  assessmentNotFound: 'RiskAssessmentNotFound',
  commandRefused: 'RiskCommandRefused',
} as const;

export const NON_RETRYABLE_RISK_ERRORS: string[] = Object.values(RISK_ACTIVITY_ERRORS);

export interface RiskActionTaskResult {
  /** `created` (or found), `done` (the action was completed meanwhile) or `ended`. */
  readonly outcome: 'created' | 'done' | 'ended';
  readonly taskId?: string;
  /** When to remind the owner (dueAt − `action_reminder_before`), if still ahead. */
  readonly reminderAt?: string;
  /** A miss already recorded (e.g. by an earlier run): its level, to go on from there. */
  readonly escalationLevel: number;
}

export interface RiskActionMissResult {
  readonly escalatedTo: string[];
  /** When to escalate again (`escalation_repeat`), or null at the top of the chain. */
  readonly nextEscalationAt: string | null;
}

export interface RiskAssessmentActivities {
  loadRiskAssessmentFlowEvents(input: { assessmentId: string }): Promise<RiskAssessmentFlowEvent[]>;
  /** The owner's task for an action, with its due date; the reminder time from the policy. */
  createRiskActionTask(input: {
    assessmentId: string;
    actionId: string;
    at: string;
  }): Promise<RiskActionTaskResult>;
  /** Records the missed due date and gives the next role up the escalation chain a task (DL-11, DL-15). */
  recordRiskActionMissed(input: {
    assessmentId: string;
    actionId: string;
    escalationLevel: number;
    at: string;
  }): Promise<RiskActionMissResult>;
  sendRiskActionReminder(input: { assessmentId: string; actionId: string }): Promise<{ sent: boolean }>;
}
