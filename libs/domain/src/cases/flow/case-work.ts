import type { CaseDeadlineKind, CaseDeadlineStatus } from '../case-deadline-kind';
import type { CaseTaskKind } from '../case-task-kind';
import type { CaseType } from '../case-type';

/**
 * What the case flow asks to be written (deadlines to start or cancel, tasks to create or complete)
 * and what became of each request. The same requests are applied by the command that implies them,
 * in its own transaction, and by the case workflow's activity, which then finds them written
 * (ids derived from the workflow id and the step key) — see ADR 0021.
 */

export interface DeadlineRequest {
  /** The step key (`acknowledgement`, `investigation/r1`, `action/<actionId>`, …); the id derives from it. */
  readonly key: string;
  readonly kind: CaseDeadlineKind;
  /** The instant the policy duration is added to (reportedAt for a report, the event's time otherwise). */
  readonly base: string;
  readonly actionId?: string;
  /** An action's own due date; the other kinds take theirs from the policy when they start. */
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
