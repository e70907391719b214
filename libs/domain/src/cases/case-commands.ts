import type { CaseChannel } from './case-channel';
import type { CaseDeadlineKind } from './case-deadline-kind';
import type { CaseLinkRelation } from './case-link';
import type {
  CaseActionLevel,
  CaseContact,
  CaseOnBehalfOf,
  CaseReporter,
  DeadlineCancelReason,
  DeadlineReminderRecipient,
  DeadlineReminderWhen,
  ResponseChannel,
} from './case-events';
import type { PolicyDuration } from '../policy/deadline-policy';
import type { CaseOutcome } from './case-outcome';
import type { CaseTaskKind } from './case-task-kind';
import type { CaseType, FeedbackKind } from './case-type';
import type { HeldDelegation } from '../delegations/held-delegations';
import type { RetentionRule } from '../records/retention-rules';

/**
 * Commands to the case aggregate. Authorisation is checked before a command reaches `decideCase`
 * (api.md: 403 comes first), so `actor` is only used to record who did it.
 *
 * Ids that must be generated (case id and number, action, task and deadline ids) are passed in by the
 * caller so that `decideCase` stays pure and deterministic. Timestamps are ISO-8601 strings with an
 * offset; they are validated and normalised to UTC by `decideCase`.
 */
export interface CaseActor {
  readonly username: string;
  readonly roles: readonly string[];
}

/** Who the process manager's events are recorded as: timers, escalations, and the work commands imply. */
export const PROCESS_MANAGER: CaseActor = Object.freeze({
  username: 'system',
  roles: Object.freeze(['system']),
});

export interface ReportCaseData {
  /** Pre-allocated by persistence. */
  readonly caseId: string;
  /** Pre-allocated by persistence; its prefix must be the prefix of `type`. */
  readonly caseNumber: string;
  readonly type: CaseType;
  readonly unitId: string;
  /** Required for event reports (deviation, hsl_deviation, lex_sarah, lex_maria, data_breach). */
  readonly occurredAt?: string;
  /** Defaults to now. */
  readonly reportedAt?: string;
  readonly description: string;
  readonly immediateActions?: string;
  readonly channel: CaseChannel;
  /** Defaults to `{ username: actor.username }`. */
  readonly reporter?: CaseReporter;
  readonly onBehalfOf?: CaseOnBehalfOf;
  readonly personRef?: string;
  /** Public feedback without a category; `type` is then provisional and must be a feedback kind. */
  readonly unclassified?: boolean;
  readonly kind?: FeedbackKind;
  readonly contact?: CaseContact;
  readonly wantsAnswer?: boolean;
  /** A data breach only: when the organisation became aware (defaults to `reportedAt`; DL-14). */
  readonly awareAt?: string;
  /** An external finding only: the issuer's date (`YYYY-MM-DD`) to answer by (DL-13). */
  readonly respondBy?: string;
  /** Set by persistence from the policy in force (`late_report_after`), never by the caller (DL-2). */
  readonly lateReportAfter?: PolicyDuration;
  /**
   * Set by persistence when the report continues an earlier one (an escalation, LC-2): the event was
   * first reported then, so DL-2 judges lateness from it, not from the escalation.
   */
  readonly firstReportedAt?: string;
  /** The person concerned has protected identity (skyddade personuppgifter, DATA-2). */
  readonly protectedIdentity?: boolean;
}

export interface AcknowledgeCaseData {
  readonly note?: string;
}

export interface AssignCaseData {
  readonly assignee: string;
}

export interface ClassifyCaseData {
  /** A new type (reclassification, LC-2); omitted or equal to the current type keeps it. */
  readonly type?: CaseType;
  readonly category: string;
  readonly lagrum?: string;
  /** What "annat" means here: required when `category` is `annat`, ignored otherwise. */
  readonly categoryText?: string;
  /** Required when `lagrum` is `annat`, ignored otherwise. */
  readonly lagrumText?: string;
  /** Required when the type changes. */
  readonly rationale?: string;
  /** Moves the case to another unit, e.g. public feedback registered centrally (LC-4 step 2). */
  readonly unitId?: string;
}

export type StartInvestigationData = Record<string, never>;

export interface RecordInvestigationData {
  readonly summary: string;
  readonly causes: readonly string[];
  readonly deviationOccurred?: boolean;
}

export interface DecideCaseData {
  readonly outcome: CaseOutcome;
  readonly rationale: string;
}

export interface ReportToIvoData {
  readonly ivoReference: string;
  readonly reportedAt: string;
}

export interface AssessBreachData {
  readonly notifiable: boolean;
  readonly rationale: string;
}

/** One side of a link (api.md v1.1 `link`); persistence gives the other case's number and, on its side, the reverse relation. */
export interface LinkCaseData {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly relation: CaseLinkRelation;
  /** Why (the new case's side of an escalation carries the escalation's rationale). */
  readonly rationale?: string;
}

/** A deviation escalated to lex Sarah / lex Maria (LC-2); the new case's id and number come from persistence. */
export interface EscalateCaseData {
  readonly toType: CaseType;
  readonly rationale: string;
  readonly newCaseId: string;
  readonly newCaseNumber: string;
}

export interface ReportToImyData {
  readonly reportedAt: string;
  readonly imyReference?: string;
}

/** `{ informedAt, who, how, note? }`, or `{ notPossibleReason }` when the patient could not be told. */
export interface InformPatientData {
  readonly informedAt?: string;
  readonly who?: string;
  readonly how?: string;
  readonly note?: string;
  readonly notPossibleReason?: string;
}

export interface ConfirmJournalNoteData {
  readonly notedAt: string;
}

export interface InformBoardData {
  readonly meetingDate: string;
  readonly paragraph?: string;
}

export interface RecordIvoDecisionData {
  readonly decidedAt: string;
  readonly summary: string;
  readonly reopen?: boolean;
}

/** The answer to a complainant or to the issuer of an external finding (LC-4 step 7, LC-10, DL-13). */
export interface RespondData {
  readonly respondedAt: string;
  readonly channel: ResponseChannel;
  readonly summary: string;
}

export interface AddActionData {
  readonly actionId: string;
  readonly title: string;
  readonly level: CaseActionLevel;
  readonly owner: string;
  readonly dueAt: string;
  /** The causes found by the investigation that the action works against (IMP, LC-5 grundorsaker). */
  readonly causes?: readonly string[];
}

export interface CompleteActionData {
  readonly actionId: string;
  readonly result: string;
}

export interface FollowUpData {
  readonly effective: boolean;
  readonly note: string;
}

export interface CloseCaseData {
  readonly summary: string;
}

export interface ReopenCaseData {
  readonly reason: string;
}

/** Marks or unmarks the case as concerning a person with protected identity (DATA-2). */
export interface ProtectedIdentityChangeData {
  readonly reason: string;
}

export interface StartDeadlineData {
  readonly deadlineId: string;
  readonly kind: CaseDeadlineKind;
  readonly dueAt: string;
  readonly policyVersion: number;
  readonly actionId?: string;
}

export interface RecordDeadlineMissedData {
  readonly deadlineId: string;
  readonly escalationLevel: number;
  readonly escalatedTo: readonly string[];
}

export interface CancelDeadlineData {
  readonly deadlineId: string;
  readonly reason: DeadlineCancelReason;
  readonly toType?: CaseType;
}

export interface RecordReminderData {
  readonly deadlineId: string;
  readonly when: DeadlineReminderWhen;
  readonly recipients: readonly DeadlineReminderRecipient[];
}

export interface CreateTaskData {
  readonly taskId: string;
  readonly kind: CaseTaskKind;
  readonly assignee?: string;
  readonly assigneeRole?: string;
  /** Defaults to the case's unit. */
  readonly unitId?: string;
  readonly dueAt?: string;
  readonly deadlineId?: string;
  readonly actionId?: string;
}

export interface CompleteTaskData {
  readonly taskId: string;
}

/** Keeps the case from gallring until lifted (DATA-7, ADR 0027). */
export interface PlaceLegalHoldData {
  readonly reason: string;
}

export type LiftLegalHoldData = Record<string, never>;

/** Gallring of one case under the retention rules in force (DATA-2, ADR 0027). */
export interface EraseCaseData {
  readonly rules: readonly RetentionRule[];
  /** `gallring` for the daily schedule, else the username who ran it. */
  readonly erasedBy: string;
}

type Command<TType extends string, TData> = {
  readonly type: TType;
  readonly actor: CaseActor;
  readonly data: TData;
  /**
   * The delegations the actor holds on the day (AUD-6), resolved from the register by the command
   * service for `decide`, `report-to-ivo` and `classify`; never part of a request body.
   */
  readonly delegations?: readonly HeldDelegation[];
};

export type CaseCommand =
  | Command<'report', ReportCaseData>
  | Command<'acknowledge', AcknowledgeCaseData>
  | Command<'assign', AssignCaseData>
  | Command<'classify', ClassifyCaseData>
  | Command<'start-investigation', StartInvestigationData>
  | Command<'record-investigation', RecordInvestigationData>
  | Command<'decide', DecideCaseData>
  | Command<'report-to-ivo', ReportToIvoData>
  | Command<'assess-breach', AssessBreachData>
  | Command<'report-to-imy', ReportToImyData>
  | Command<'respond', RespondData>
  | Command<'link', LinkCaseData>
  | Command<'escalate', EscalateCaseData>
  | Command<'inform-patient', InformPatientData>
  | Command<'confirm-journal-note', ConfirmJournalNoteData>
  | Command<'inform-board', InformBoardData>
  | Command<'record-ivo-decision', RecordIvoDecisionData>
  | Command<'add-action', AddActionData>
  | Command<'complete-action', CompleteActionData>
  | Command<'follow-up', FollowUpData>
  | Command<'close', CloseCaseData>
  | Command<'reopen', ReopenCaseData>
  | Command<'mark-protected-identity', ProtectedIdentityChangeData>
  | Command<'unmark-protected-identity', ProtectedIdentityChangeData>
  | Command<'start-deadline', StartDeadlineData>
  | Command<'record-deadline-missed', RecordDeadlineMissedData>
  | Command<'cancel-deadline', CancelDeadlineData>
  | Command<'record-reminder', RecordReminderData>
  | Command<'create-task', CreateTaskData>
  | Command<'complete-task', CompleteTaskData>
  | Command<'place-legal-hold', PlaceLegalHoldData>
  | Command<'lift-legal-hold', LiftLegalHoldData>
  | Command<'erase', EraseCaseData>;

export type CaseCommandType = CaseCommand['type'];

export type CaseCommandOfType<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

export const CASE_COMMAND_TYPES: readonly CaseCommandType[] = [
  'report',
  'acknowledge',
  'assign',
  'classify',
  'start-investigation',
  'record-investigation',
  'decide',
  'report-to-ivo',
  'assess-breach',
  'report-to-imy',
  'respond',
  'link',
  'escalate',
  'inform-patient',
  'confirm-journal-note',
  'inform-board',
  'record-ivo-decision',
  'add-action',
  'complete-action',
  'follow-up',
  'close',
  'reopen',
  'mark-protected-identity',
  'unmark-protected-identity',
  'start-deadline',
  'record-deadline-missed',
  'cancel-deadline',
  'record-reminder',
  'create-task',
  'complete-task',
  'place-legal-hold',
  'lift-legal-hold',
  'erase',
];

/**
 * The records commands (ADR 0027): a legal hold has its own routes (`/cases/{id}/legal-hold`) and
 * erasure is given by gallring, so neither is one of the `POST /cases/{id}/{command}` commands.
 */
export const CASE_RECORDS_COMMAND_TYPES: readonly CaseCommandType[] = [
  'place-legal-hold',
  'lift-legal-hold',
  'erase',
];

/** Commands sent by the process manager (Temporal activities), not by people. */
export const CASE_SYSTEM_COMMAND_TYPES: readonly CaseCommandType[] = [
  'start-deadline',
  'record-deadline-missed',
  'cancel-deadline',
  'record-reminder',
  'create-task',
  'complete-task',
];

export function isCaseSystemCommand(type: CaseCommandType): boolean {
  return CASE_SYSTEM_COMMAND_TYPES.includes(type);
}

/** Commands people send on an existing case (`POST /cases/{id}/{command}`). */
export type CaseUserCommandType = Exclude<
  CaseCommandType,
  | 'report'
  | 'start-deadline'
  | 'record-deadline-missed'
  | 'cancel-deadline'
  | 'record-reminder'
  | 'create-task'
  | 'complete-task'
  | 'place-legal-hold'
  | 'lift-legal-hold'
  | 'erase'
>;

export const CASE_USER_COMMAND_TYPES: readonly CaseUserCommandType[] = CASE_COMMAND_TYPES.filter(
  (type): type is CaseUserCommandType =>
    type !== 'report' && !isCaseSystemCommand(type) && !CASE_RECORDS_COMMAND_TYPES.includes(type),
);
