import type { ApplyCaseWorkInput, ApplyCaseWorkResult, CaseDeadlineKind, CaseType } from '@kvalitet/domain';
import type { CaseWorkflowEvent } from '@kvalitet/contracts';

export type {
  ApplyCaseWorkInput,
  ApplyCaseWorkResult,
  CancellationOutcome,
  DeadlineCancellation,
  DeadlineOutcome,
  DeadlineRequest,
  TaskOutcome,
  TaskRequest,
} from '@kvalitet/domain';

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
  /**
   * Sends a notice the case's events call for, keyed by the event so a retry sends nothing twice:
   * `answer` mails a `CaseResponded` answer to the complainant's e-mail address, if one was left;
   * `outcome` tells the staff reporter of a deviation how it was closed, in-app and by mail (IMP-8).
   */
  sendCaseNotice(input: CaseNoticeInput): Promise<{ sent: boolean }>;
}

export interface CaseNoticeInput {
  readonly caseId: string;
  readonly kind: 'answer' | 'outcome';
  /** The `CaseResponded` or `CaseClosed` event. */
  readonly eventId: string;
}
