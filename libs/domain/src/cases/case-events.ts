import type { CaseChannel } from './case-channel';
import type { CaseDeadlineKind } from './case-deadline-kind';
import type { CaseLinkRelation } from './case-link';
import type { CaseOutcome } from './case-outcome';
import type { CaseTaskKind } from './case-task-kind';
import type { CaseType, FeedbackKind } from './case-type';
import type { NewTaskData } from '../tasks/open-task';
import type { HeldDelegation } from '../delegations/held-delegations';

/** The delegation of the register a decision was made under: which decision and the nämnd's decision. */
export type CaseDelegationRef = HeldDelegation;

/**
 * Domain events of the case aggregate. Timestamps are ISO-8601 strings in UTC (`…Z`), except
 * `occurredAt` of a report, which may be a calendar date (`2026-11-20`) when that is all the reporter
 * knows. Every event made by a person carries `by` (username) and `at` (when it was decided).
 *
 * Free-text and personal fields (description, summary, rationale, note, …) may later be erased by
 * persistence (ADR 0002), so `evolveCase` keeps none of them in the state it decides on.
 */

export interface CaseReporter {
  readonly username?: string;
  readonly name?: string;
}

export interface CaseOnBehalfOf {
  readonly name: string;
  readonly contact?: string;
}

export interface CaseContact {
  readonly email?: string;
  readonly phone?: string;
}

export interface CaseReportedData {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly type: CaseType;
  readonly unitId: string;
  readonly occurredAt?: string;
  /** When the report was received — may be earlier than registration (paper, phone; CT-1). */
  readonly reportedAt: string;
  /** When it was registered in the system. */
  readonly registeredAt: string;
  readonly description: string;
  readonly immediateActions?: string;
  readonly channel: CaseChannel;
  readonly reporter: CaseReporter;
  readonly onBehalfOf?: CaseOnBehalfOf;
  /** Pseudonymous id of the person concerned; never a personal identity number. */
  readonly personRef?: string;
  /** Public feedback the citizen did not categorise: `type` is provisional until `classify` (AUD-21, LC-4). */
  readonly unclassified: boolean;
  readonly kind?: FeedbackKind;
  readonly contact?: CaseContact;
  readonly wantsAnswer?: boolean;
  /** A data breach: when the organisation became aware of it; the 72 hours to IMY count from here (DL-14). */
  readonly awareAt?: string;
  /** An external finding: the issuer's date (`YYYY-MM-DD`) to answer by; due at the end of it in Stockholm (DL-13). */
  readonly respondBy?: string;
  /** Lex Sarah, HSL and lex Maria: reported later than the policy's `late_report_after` after it happened (DL-2); absent when on time. */
  readonly lateReport?: true;
  /** The person concerned has protected identity (DATA-2); absent when not. */
  readonly protectedIdentity?: true;
}

export interface CaseAcknowledgedData {
  readonly note?: string;
  readonly by: string;
  readonly at: string;
}

export interface CaseAssignedData {
  readonly assignee: string;
  readonly previousAssignee?: string;
  readonly by: string;
  readonly at: string;
}

export interface CaseClassifiedData {
  readonly fromType: CaseType;
  readonly toType: CaseType;
  readonly category: string;
  readonly lagrum?: string;
  /** The classifier's words for an `annat` category; statistics count the case as `annat`. */
  readonly categoryText?: string;
  /** The classifier's words for an `annat` lagrum. */
  readonly lagrumText?: string;
  readonly rationale: string;
  /** Set when classification also moves the case to another unit (central registration, LC-4 step 2). */
  readonly fromUnitId?: string;
  readonly toUnitId?: string;
  /** Classified by the MAS: the MAS's assessment of an HSL or lex Maria case (LC-7, LC-8 step 1). */
  readonly byMas?: true;
  /** The MAS's delegation when the classification is the lex Maria assessment (AUD-6, LC-8 step 1). */
  readonly delegation?: CaseDelegationRef;
  readonly by: string;
  readonly at: string;
}

export interface InvestigationStartedData {
  readonly by: string;
  readonly at: string;
}

export interface InvestigationRecordedData {
  readonly summary: string;
  readonly causes: readonly string[];
  readonly deviationOccurred?: boolean;
  readonly by: string;
  readonly at: string;
}

export interface CaseDecidedData {
  readonly outcome: CaseOutcome;
  readonly rationale: string;
  readonly requiresIvoReport: boolean;
  /** The delegation the decision was made under (lex Sarah, lex Maria; AUD-6). */
  readonly delegation?: CaseDelegationRef;
  readonly by: string;
  readonly at: string;
}

export interface ReportedToIvoData {
  readonly ivoReference: string;
  /** The date the notification was sent to IVO. */
  readonly reportedAt: string;
  /** The delegation the notification was made under (AUD-6). */
  readonly delegation?: CaseDelegationRef;
  readonly by: string;
  readonly at: string;
}

/** The data protection officer's assessment of a data breach (CT-11, DL-14; GDPR art. 33). */
export interface BreachAssessedData {
  /** Whether the breach must be notified to IMY; `false` needs a rationale and meets the deadline. */
  readonly notifiable: boolean;
  readonly rationale: string;
  readonly by: string;
  readonly at: string;
}

/** One side of a link between two cases (api.md v1.1 `link`); the other case records the reverse. */
export interface CaseLinkedData {
  readonly caseId: string;
  /** The other case's number (it never changes), so the link reads without loading that case. */
  readonly caseNumber: string;
  readonly relation: CaseLinkRelation;
  /** Set on the deviation's side when the link is an escalation to lex Sarah / lex Maria (LC-2). */
  readonly escalatedTo?: CaseType;
  readonly rationale?: string;
  readonly by: string;
  readonly at: string;
}

export interface ReportedToImyData {
  /** When the notification was sent to IMY. */
  readonly reportedAt: string;
  readonly imyReference?: string;
  readonly by: string;
  readonly at: string;
}

export const PATIENT_INFORMED_WHO = ['patient', 'relative', 'legal_representative'] as const;
export type PatientInformedWho = (typeof PATIENT_INFORMED_WHO)[number];
export const PATIENT_INFORMED_HOW = ['meeting', 'phone', 'letter', 'digital'] as const;
export type PatientInformedHow = (typeof PATIENT_INFORMED_HOW)[number];

/**
 * "Patient eller närstående ska underrättas" (LC-8 step 3, DL-9): who was told, when and how — or why
 * it was not possible. `role` is the role the actor recorded it in.
 */
export interface PatientInformedData {
  readonly informedAt?: string;
  readonly who?: PatientInformedWho;
  readonly how?: PatientInformedHow;
  readonly note?: string;
  readonly notPossibleReason?: string;
  readonly role: string;
  readonly by: string;
  readonly at: string;
}

/** The vårdskada is noted in the patient's journal (LC-7, LC-8 step 4). */
export interface JournalNoteConfirmedData {
  readonly notedAt: string;
  readonly role: string;
  readonly by: string;
  readonly at: string;
}

/** The nämnd was informed of an IVO notification at its meeting (DL-6, LC-6 S7, LC-8 step 6). */
export interface BoardInformedData {
  /** `YYYY-MM-DD` */
  readonly meetingDate: string;
  readonly paragraph?: string;
  readonly role: string;
  readonly by: string;
  readonly at: string;
}

/** IVO's decision on a notification; `reopened` when the case was reopened with it as the reason. */
export interface IvoDecisionRecordedData {
  readonly decidedAt: string;
  readonly summary: string;
  readonly reopened: boolean;
  readonly role: string;
  readonly by: string;
  readonly at: string;
}

export const RESPONSE_CHANNELS = ['letter', 'email', 'phone', 'meeting', 'digital'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/**
 * The answer to the complainant (LC-4 step 7) or to the issuer of an external finding (LC-10,
 * DL-13): when, how and what. `role` is the role the actor answered in.
 */
export interface CaseRespondedData {
  readonly respondedAt: string;
  readonly channel: ResponseChannel;
  readonly summary: string;
  readonly role: string;
  readonly by: string;
  readonly at: string;
}

export type CaseActionLevel = 'individual' | 'organisational';

export interface ActionAddedData {
  readonly actionId: string;
  readonly title: string;
  readonly level: CaseActionLevel;
  readonly owner: string;
  readonly dueAt: string;
  /** Causes of the investigation the action addresses (absent when none were named). */
  readonly causes?: readonly string[];
  readonly by: string;
  readonly at: string;
}

export interface ActionCompletedData {
  readonly actionId: string;
  readonly result: string;
  readonly by: string;
  readonly at: string;
}

export interface FollowUpRecordedData {
  readonly effective: boolean;
  readonly note: string;
  /** The completed actions not yet followed up that this follow-up covers. */
  readonly actionIds: readonly string[];
  readonly by: string;
  readonly at: string;
}

export interface CaseClosedData {
  readonly summary: string;
  readonly by: string;
  readonly at: string;
}

export interface CaseReopenedData {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** The case concerns (or no longer concerns) a person with protected identity (DATA-2); `reason` is personal data. */
export interface ProtectedIdentityChangedData {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface DeadlineStartedData {
  readonly deadlineId: string;
  readonly kind: CaseDeadlineKind;
  readonly dueAt: string;
  readonly policyVersion: number;
  readonly actionId?: string;
  readonly startedAt: string;
}

export interface DeadlineMetData {
  readonly deadlineId: string;
  readonly at: string;
  /**
   * The work came after the deadline was missed: it is still met, but late (ADR 0009), so statistics
   * can tell "met late" from "never met". Absent (false) for work done in time.
   */
  readonly late?: boolean;
}

/** Why the process manager stopped a deadline without it being met or missed. */
export const DEADLINE_CANCEL_REASONS = ['path_changed'] as const;
export type DeadlineCancelReason = (typeof DEADLINE_CANCEL_REASONS)[number];

/**
 * A reclassification took the case off the path that had this deadline (LC-2, ADR 0009). Elapsed time
 * is kept for the new path's deadlines, which count from the original report.
 */
export interface DeadlineCancelledData {
  readonly deadlineId: string;
  readonly reason: DeadlineCancelReason;
  /** The new type when the path changed by reclassification. */
  readonly toType?: CaseType;
  readonly at: string;
}

export const DEADLINE_REMINDER_WHENS = ['before', 'missed'] as const;
/** `before` the due date (actions, DL-11) or with the first escalation (`missed`: the acknowledgement). */
export type DeadlineReminderWhen = (typeof DEADLINE_REMINDER_WHENS)[number];

/** A person (`username`) or the holders of a role in a unit (`role` + `unitId`). */
export type DeadlineReminderRecipient =
  { readonly username: string } | { readonly role: string; readonly unitId: string };

/** The responsible were reminded of a deadline (DL-11, api.md "reminder, then escalate"). */
export interface DeadlineReminderSentData {
  readonly deadlineId: string;
  readonly when: DeadlineReminderWhen;
  readonly recipients: readonly DeadlineReminderRecipient[];
  readonly at: string;
}

export interface DeadlineMissedData {
  readonly deadlineId: string;
  readonly at: string;
  /** 1 for the first escalation step, 2 for the next, … (DL-15). */
  readonly escalationLevel: number;
  /** Roles or usernames the miss was escalated to. */
  readonly escalatedTo: readonly string[];
}

export type TaskCreatedData = NewTaskData<CaseTaskKind>;

export interface TaskCompletedData {
  readonly taskId: string;
  readonly at: string;
  readonly by?: string;
}

/** The case may not be erased while the hold stands (DATA-7, ADR 0027); `reason` is personal data. */
export interface LegalHoldPlacedData {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface LegalHoldLiftedData {
  readonly by: string;
  readonly at: string;
}

/**
 * The case's personal data and free text were erased under `rule` (gallring, DATA-2, ADR 0027). It
 * names the case's number, type and unit so that the retention log reads from this event alone.
 */
export interface CaseErasedData {
  readonly caseNumber: string;
  readonly caseType: CaseType;
  readonly unitId: string;
  readonly rule: {
    readonly caseType: CaseType;
    readonly keepYears: number;
    readonly from: 'closed' | 'reported';
  };
  /** The Stockholm date from which the rule allowed the erasure. */
  readonly dueOn: string;
  readonly erasedAt: string;
  /** `gallring` for the daily schedule, else the username who ran it. */
  readonly erasedBy: string;
}

type Event<TType extends string, TData> = { readonly type: TType; readonly data: TData };

export type CaseReported = Event<'CaseReported', CaseReportedData>;
export type CaseAcknowledged = Event<'CaseAcknowledged', CaseAcknowledgedData>;
export type CaseAssigned = Event<'CaseAssigned', CaseAssignedData>;
export type CaseClassified = Event<'CaseClassified', CaseClassifiedData>;
export type InvestigationStarted = Event<'InvestigationStarted', InvestigationStartedData>;
export type InvestigationRecorded = Event<'InvestigationRecorded', InvestigationRecordedData>;
export type CaseDecided = Event<'CaseDecided', CaseDecidedData>;
export type ReportedToIvo = Event<'ReportedToIvo', ReportedToIvoData>;
export type BreachAssessed = Event<'BreachAssessed', BreachAssessedData>;
export type ReportedToImy = Event<'ReportedToImy', ReportedToImyData>;
export type CaseResponded = Event<'CaseResponded', CaseRespondedData>;
export type CaseLinked = Event<'CaseLinked', CaseLinkedData>;
export type PatientInformed = Event<'PatientInformed', PatientInformedData>;
export type JournalNoteConfirmed = Event<'JournalNoteConfirmed', JournalNoteConfirmedData>;
export type BoardInformed = Event<'BoardInformed', BoardInformedData>;
export type IvoDecisionRecorded = Event<'IvoDecisionRecorded', IvoDecisionRecordedData>;
export type ActionAdded = Event<'ActionAdded', ActionAddedData>;
export type ActionCompleted = Event<'ActionCompleted', ActionCompletedData>;
export type FollowUpRecorded = Event<'FollowUpRecorded', FollowUpRecordedData>;
export type CaseClosed = Event<'CaseClosed', CaseClosedData>;
export type CaseReopened = Event<'CaseReopened', CaseReopenedData>;
export type ProtectedIdentityMarked = Event<'ProtectedIdentityMarked', ProtectedIdentityChangedData>;
export type ProtectedIdentityUnmarked = Event<'ProtectedIdentityUnmarked', ProtectedIdentityChangedData>;
export type DeadlineStarted = Event<'DeadlineStarted', DeadlineStartedData>;
export type DeadlineMet = Event<'DeadlineMet', DeadlineMetData>;
export type DeadlineMissed = Event<'DeadlineMissed', DeadlineMissedData>;
export type DeadlineCancelled = Event<'DeadlineCancelled', DeadlineCancelledData>;
export type DeadlineReminderSent = Event<'DeadlineReminderSent', DeadlineReminderSentData>;
export type TaskCreated = Event<'TaskCreated', TaskCreatedData>;
export type TaskCompleted = Event<'TaskCompleted', TaskCompletedData>;
export type LegalHoldPlaced = Event<'LegalHoldPlaced', LegalHoldPlacedData>;
export type LegalHoldLifted = Event<'LegalHoldLifted', LegalHoldLiftedData>;
export type CaseErased = Event<'CaseErased', CaseErasedData>;

export type CaseEvent =
  | CaseReported
  | CaseAcknowledged
  | CaseAssigned
  | CaseClassified
  | InvestigationStarted
  | InvestigationRecorded
  | CaseDecided
  | ReportedToIvo
  | BreachAssessed
  | ReportedToImy
  | CaseResponded
  | CaseLinked
  | PatientInformed
  | JournalNoteConfirmed
  | BoardInformed
  | IvoDecisionRecorded
  | ActionAdded
  | ActionCompleted
  | FollowUpRecorded
  | CaseClosed
  | CaseReopened
  | ProtectedIdentityMarked
  | ProtectedIdentityUnmarked
  | DeadlineStarted
  | DeadlineMet
  | DeadlineMissed
  | DeadlineCancelled
  | DeadlineReminderSent
  | TaskCreated
  | TaskCompleted
  | LegalHoldPlaced
  | LegalHoldLifted
  | CaseErased;

export type CaseEventType = CaseEvent['type'];

export type CaseEventOfType<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'CaseReported',
  'CaseAcknowledged',
  'CaseAssigned',
  'CaseClassified',
  'InvestigationStarted',
  'InvestigationRecorded',
  'CaseDecided',
  'ReportedToIvo',
  'BreachAssessed',
  'ReportedToImy',
  'CaseResponded',
  'CaseLinked',
  'PatientInformed',
  'JournalNoteConfirmed',
  'BoardInformed',
  'IvoDecisionRecorded',
  'ActionAdded',
  'ActionCompleted',
  'FollowUpRecorded',
  'CaseClosed',
  'CaseReopened',
  'ProtectedIdentityMarked',
  'ProtectedIdentityUnmarked',
  'DeadlineStarted',
  'DeadlineMet',
  'DeadlineMissed',
  'DeadlineCancelled',
  'DeadlineReminderSent',
  'TaskCreated',
  'TaskCompleted',
  'LegalHoldPlaced',
  'LegalHoldLifted',
  'CaseErased',
];

export function isCaseEventType(value: unknown): value is CaseEventType {
  return typeof value === 'string' && (CASE_EVENT_TYPES as readonly string[]).includes(value);
}
