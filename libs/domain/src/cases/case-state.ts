import type { CaseChannel } from './case-channel';
import type { CaseDeadlineKind, CaseDeadlineStatus } from './case-deadline-kind';
import type { CaseLink } from './case-link';
import type {
  BreachAssessedData,
  CaseActionLevel,
  CaseRespondedData,
  CaseDelegationRef,
  DeadlineCancelReason,
  DeadlineReminderWhen,
  ReportedToImyData,
} from './case-events';
import type { CaseOutcome } from './case-outcome';
import type { CaseStage } from './case-stage';
import type { CaseTaskKind, CaseTaskStatus } from './case-task-kind';
import type { CaseType } from './case-type';
import type { NewTaskData } from '../tasks/open-task';

/**
 * What the decider needs to know about a case, folded from its events by `evolveCase`. Deliberately
 * free of free text and personal data (those may be erased from the history, ADR 0002); read models
 * build richer views from the same events.
 */
export interface CaseInvestigationState {
  /** 1 for the first recorded investigation, 2 after a reopen and a new one, … */
  readonly seq: number;
  readonly deviationOccurred?: boolean;
  readonly by: string;
  readonly at: string;
}

export interface CaseDecisionState {
  readonly outcome: CaseOutcome;
  readonly requiresIvoReport: boolean;
  /** The investigation (`seq`) the decision was based on. */
  readonly investigationSeq: number;
  /** The delegation of the register it was made under (AUD-6). */
  readonly delegation?: CaseDelegationRef;
  readonly by: string;
  readonly at: string;
}

export interface CaseIvoReportState {
  readonly ivoReference: string;
  readonly reportedAt: string;
  readonly by: string;
  /** The investigation whose decision this notification reports: one notification per serious decision. */
  readonly investigationSeq: number;
  /** The delegation of the register it was made under (AUD-6). */
  readonly delegation?: CaseDelegationRef;
}

export type CaseActionStatus = 'open' | 'completed' | 'followed_up';

export interface CaseActionState {
  readonly id: string;
  readonly level: CaseActionLevel;
  readonly owner: string;
  readonly dueAt: string;
  readonly status: CaseActionStatus;
  readonly addedAt: string;
  readonly completedAt?: string;
  readonly followedUpAt?: string;
  readonly effective?: boolean;
}

export interface CaseDeadlineState {
  readonly id: string;
  readonly kind: CaseDeadlineKind;
  readonly dueAt: string;
  readonly policyVersion: number;
  readonly actionId?: string;
  readonly status: CaseDeadlineStatus;
  readonly startedAt: string;
  readonly metAt?: string;
  readonly missedAt?: string;
  /** Met after it was missed (ADR 0009). */
  readonly metLate?: boolean;
  readonly cancelledAt?: string;
  readonly cancelReason?: DeadlineCancelReason;
  /** Reminders recorded for this deadline (each at most once). */
  readonly reminders?: readonly DeadlineReminderWhen[];
  /** 0 while not missed; the highest escalation step recorded so far (DL-15). */
  readonly escalationLevel: number;
  readonly escalatedTo: readonly string[];
}

/** A task as its TaskCreated event described it, then its status and completion. */
export interface CaseTaskState extends Omit<NewTaskData<CaseTaskKind>, 'taskId'> {
  readonly id: string;
  readonly status: CaseTaskStatus;
  readonly completedAt?: string;
  readonly completedBy?: string;
}

export interface CaseAcknowledgementState {
  readonly by: string;
  readonly at: string;
}

export interface CaseStatutoryStepsState {
  /** When the MAS classified the case (the MAS's assessment, LC-7, LC-8 step 1). */
  readonly masClassifiedAt: string | null;
  /** The patient or a relative was told, or why that was not possible (LC-8 step 3, DL-9). */
  readonly patientInformation: { readonly at: string; readonly notPossible: boolean } | null;
  /** The vårdskada was noted in the journal (LC-7, LC-8 step 4). */
  readonly journalNotedAt: string | null;
  /** The nämnd was informed after the IVO notification of this investigation (`ivoReport.investigationSeq`). */
  readonly boardInformation: { readonly meetingDate: string; readonly investigationSeq: number } | null;
  readonly ivoDecisions: number;
}

export interface CaseAggregateState {
  readonly id: string;
  readonly caseNumber: string;
  readonly type: CaseType;
  /** The type at intake; kept for statistics after reclassification (LC-2). */
  readonly reportedType: CaseType;
  readonly unitId: string;
  readonly channel: CaseChannel;
  readonly stage: CaseStage;
  readonly reportedAt: string;
  readonly registeredAt: string;
  readonly occurredAt?: string;
  /** Public feedback not yet classified by staff (LC-4 step 4). */
  readonly unclassified: boolean;
  readonly category?: string;
  readonly lagrum?: string;
  /** What an `annat` category or lagrum stands for, as the classifier wrote it. */
  readonly categoryText?: string;
  readonly lagrumText?: string;
  readonly acknowledged: CaseAcknowledgementState | null;
  readonly assignee: string | null;
  readonly investigationStartedAt: string | null;
  readonly investigation: CaseInvestigationState | null;
  /** Set by a reopen: the earlier investigation no longer concludes the case (LC-2). */
  readonly newInvestigationRequired: boolean;
  readonly decision: CaseDecisionState | null;
  /** The latest IVO notification; after a reopen a new serious decision needs a new one (ADR 0009). */
  readonly ivoReport: CaseIvoReportState | null;
  /** A data breach: when the organisation became aware, the DPO's assessment and the IMY notification (DL-14). */
  readonly awareAt?: string;
  readonly breachAssessment: BreachAssessedData | null;
  readonly imyReport: ReportedToImyData | null;
  /** The reporter wants an answer and left a contact: a complaint cannot close unanswered (LC-4 step 7). */
  readonly answerWanted?: true;
  /** An external finding: the issuer's date to answer by (DL-13). */
  readonly respondBy?: string;
  /** The answers given, oldest first, without their text (ADR 0002); absent until the first (LC-4 step 7, DL-13). */
  readonly responses?: readonly Omit<CaseRespondedData, 'summary'>[];
  /** Reported later than the policy's `late_report_after` (DL-2: flagged, never blocked). */
  readonly lateReport?: boolean;
  /** The person concerned has protected identity: free text and names for a few only (DATA-2); absent when not. */
  readonly protectedIdentity?: true;
  /** Links to other cases, each (case, relation) once; absent until the first (api.md v1.1 `link`). */
  readonly links?: readonly CaseLink[];
  /** Lex Maria's and lex Sarah's statutory steps (LC-7, LC-8 steps 1, 3, 4, 6; DL-6, DL-7, DL-9). */
  readonly statutorySteps: CaseStatutoryStepsState;
  readonly actions: Readonly<Record<string, CaseActionState>>;
  readonly deadlines: Readonly<Record<string, CaseDeadlineState>>;
  readonly tasks: Readonly<Record<string, CaseTaskState>>;
  /** Number of events applied. */
  readonly version: number;
  readonly closedAt: string | null;
  readonly reopenCount: number;
  /** On legal hold: never erased while it stands (DATA-7, ADR 0027); absent when not held. */
  readonly legalHold?: { readonly placedAt: string; readonly placedBy: string };
  /** Erased by gallring (DATA-2, ADR 0027): the case takes no more commands of people; absent until then. */
  readonly erasedAt?: string;
}

/** `null` before the case is reported. */
export type CaseState = CaseAggregateState | null;
