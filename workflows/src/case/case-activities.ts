import type { CaseDeadlineKind, CaseDeadlineStatus, CaseTaskKind, CaseType } from '@kvalitet/domain';
import type { CaseWorkflowEvent } from '@kvalitet/contracts';

/**
 * The activity contract of the case workflow; `apps/worker` implements it with
 * `createCaseActivities`. Every write is a command through the case application service, with ids
 * derived from the workflow id and the step key, so a retried activity writes nothing twice.
 */

/** Named, non-retryable business outcomes (ApplicationFailure types). */
export const CASE_ACTIVITY_ERRORS = {
  /** `record-deadline-missed` lost the race: a person met the deadline first (DEADLINE_NOT_OPEN). */
  deadlineAlreadyMet: 'DeadlineAlreadyMet',
  /** The case closed before the workflow heard of it; nothing more is written. */
  caseClosed: 'CaseClosed',
  /** The case is not in the event store. */
  caseNotFound: 'CaseNotFound',
  /** Any other refusal of the decider (a bug or a changed rule): see the message. */
  caseCommandRefused: 'CaseCommandRefused',
} as const;

export const NON_RETRYABLE_CASE_ERRORS: string[] = Object.values(CASE_ACTIVITY_ERRORS);

export interface DeadlineRequest {
  readonly key: string;
  readonly kind: CaseDeadlineKind;
  readonly base: string;
  readonly actionId?: string;
  readonly fixedDueAt?: string;
}

export interface TaskRequest {
  readonly key: string;
  readonly kind: CaseTaskKind;
  readonly assignee?: string;
  readonly assigneeRole?: string;
  readonly unitId: string;
  readonly deadlineKey?: string;
  readonly actionId?: string;
  /** No assignee given: the activity takes the role that decides for the case type from the policy. */
  readonly delegatedDecision?: boolean;
}

/** A started deadline whose path a reclassification left (ADR 0009). */
export interface DeadlineCancellation {
  readonly key: string;
  readonly deadlineId: string;
  readonly toType?: CaseType;
}

export interface ApplyCaseWorkInput {
  readonly caseId: string;
  /** The workflow's "now": reminders and escalations are computed from it. */
  readonly at: string;
  readonly deadlines: DeadlineRequest[];
  readonly tasks: TaskRequest[];
  /** Step keys of tasks the workflow completes itself. */
  readonly completeTasks: string[];
  /** Absent from workflows that ran before ADR 0009. */
  readonly cancelDeadlines?: DeadlineCancellation[];
}

export type DeadlineOutcome =
  | {
      readonly key: string;
      readonly outcome: 'started';
      readonly deadlineId: string;
      readonly dueAt: string;
      readonly policyVersion: number;
      /** The state of the deadline on the case (a step run before, e.g. in an earlier workflow run). */
      readonly status: CaseDeadlineStatus;
      readonly escalationLevel: number;
      readonly reminderAt?: string;
      readonly nextEscalationAt?: string;
      /** Open escalation tasks of a deadline missed before (so that meeting it closes them). */
      readonly escalationTasks?: { readonly key: string; readonly role: string; readonly taskId: string }[];
    }
  | {
      readonly key: string;
      readonly outcome: 'satisfied' | 'case_closed' | 'refused';
      readonly reason?: string;
    };

export type TaskOutcome =
  | { readonly key: string; readonly outcome: 'created' | 'done'; readonly taskId: string }
  | {
      readonly key: string;
      /** `satisfied`: its work was already done, so it was not created (no race with the person). */
      readonly outcome: 'satisfied' | 'case_closed' | 'refused' | 'not_found';
      readonly reason?: string;
    };

export interface CancellationOutcome {
  readonly key: string;
  /** `cancelled`: DeadlineCancelled appended (or found); `not_open`: it was met first; `case_closed`. */
  readonly outcome: 'cancelled' | 'not_open' | 'case_closed' | 'refused';
}

export interface ApplyCaseWorkResult {
  readonly deadlines: DeadlineOutcome[];
  readonly tasks: TaskOutcome[];
  readonly cancellations?: CancellationOutcome[];
}

export interface RecordDeadlineMissedInput {
  readonly caseId: string;
  readonly caseType: CaseType;
  readonly unitId: string;
  readonly deadlineKey: string;
  readonly deadlineId: string;
  readonly kind: CaseDeadlineKind;
  readonly escalationLevel: number;
  readonly at: string;
}

export interface RecordDeadlineMissedResult {
  readonly escalatedTo: string[];
  readonly tasks: { readonly key: string; readonly role: string; readonly taskId: string }[];
  readonly nextEscalationAt: string;
}

export type ReminderRecipient =
  { readonly username: string } | { readonly role: string; readonly unitId: string };

export interface DeadlineReminderInput {
  readonly caseId: string;
  readonly deadlineKey: string;
  readonly deadlineId: string;
  readonly kind: CaseDeadlineKind;
  readonly dueAt: string;
  readonly recipients: ReminderRecipient[];
  /** `before` the due date (actions) or `missed` (acknowledgement: a reminder with the escalation). */
  readonly when: 'before' | 'missed';
}

export interface CaseActivities {
  /** The case's history as workflow events: rebuilds a new run's state (e.g. after close → reopen). */
  loadCaseEvents(input: { caseId: string }): Promise<CaseWorkflowEvent[]>;
  /** Starts deadlines (policy read now, policyVersion recorded), creates and completes tasks. */
  applyCaseWork(input: ApplyCaseWorkInput): Promise<ApplyCaseWorkResult>;
  /** Records the miss and escalates one level up the chain (DL-15); may fail with DeadlineAlreadyMet. */
  recordDeadlineMissed(input: RecordDeadlineMissedInput): Promise<RecordDeadlineMissedResult>;
  /**
   * Records the reminder on the case (DeadlineReminderSent, once per deadline and kind) and delivers
   * it in-app and by e-mail to the responsible; `sent: false` when the deadline no longer needs it.
   */
  sendDeadlineReminder(input: DeadlineReminderInput): Promise<{ sent: boolean }>;
}
