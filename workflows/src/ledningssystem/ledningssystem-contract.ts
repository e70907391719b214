/**
 * The contract between the ledningssystem's process manager (one workflow per register aggregate),
 * its orchestrator (Kafka → signalWithStart) and its activities.
 */
export const LEDNINGSSYSTEM_DUTY_WORKFLOW_TYPE = 'ledningssystemDutyWorkflow';
export const LEDNINGSSYSTEM_CHANGED_SIGNAL = 'ledningssystemChanged';

export interface LsSubject {
  readonly aggregateType: string;
  readonly aggregateId: string;
}

export function ledningssystemWorkflowId(subject: LsSubject): string {
  return `ls-${subject.aggregateType}-${subject.aggregateId}`;
}

export interface AdvanceDutiesInput {
  readonly subject: LsSubject;
  /** The workflow's clock: tasks and escalations due at this instant are written. */
  readonly at: string;
}

export interface AdvanceDutiesResult {
  /** No duty can arise again (e.g. a repealed routine): the workflow ends. */
  readonly finished: boolean;
  readonly nextWakeAt: string | null;
  /** Tasks written by this step. */
  readonly opened: number;
}

export const LEDNINGSSYSTEM_ACTIVITY_ERRORS = {
  subjectNotFound: 'LedningssystemSubjectNotFound',
  refused: 'LedningssystemCommandRefused',
} as const;

export interface LedningssystemActivities {
  advanceLedningssystemDuties(input: AdvanceDutiesInput): Promise<AdvanceDutiesResult>;
}
