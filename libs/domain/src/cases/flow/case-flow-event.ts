import type { CaseActionLevel } from '../case-events';
import type { CaseOutcome } from '../case-outcome';
import type { CaseType } from '../case-type';

/** An event as a process manager's flow receives it: the store's id and version, and the data it reads. */
export type FlowEvent<TType extends string, TData> = {
  /** Event id in the event store: the flow's dedupe key. */
  readonly id: string;
  readonly type: TType;
  /** Version of the aggregate after this event: the flow also skips anything at or below the last it saw. */
  readonly version: number;
  /** When the event was appended (UTC). */
  readonly occurredAt: string;
  readonly data: TData;
};

/**
 * The events the case flow acts on, with the subset of their data it needs. No free text or personal
 * data: the same shape is what the case workflow receives through Temporal (ADR 0002: those may be
 * erased from the event store, but a workflow history cannot be edited).
 */
export type CaseFlowEvent =
  | FlowEvent<
      'CaseReported',
      {
        type: CaseType;
        unitId: string;
        reportedAt: string;
        unclassified: boolean;
        awareAt?: string;
        /** The reporter wants an answer and left a contact (whether, never what: ADR 0002). */
        answerWanted?: true;
        /** An external finding's answer is due (the end of the issuer's date in Stockholm, DL-13). */
        respondByDueAt?: string;
        /** The reporter is a member of staff with a username (the outcome notice, IMP-8). */
        staffReporter?: true;
      }
    >
  | FlowEvent<'CaseAcknowledged', { at: string }>
  | FlowEvent<'CaseAssigned', { assignee: string; previousAssignee?: string; at: string }>
  | FlowEvent<
      'CaseClassified',
      { fromType: CaseType; toType: CaseType; toUnitId?: string; byMas?: true; at: string }
    >
  | FlowEvent<'InvestigationRecorded', { at: string }>
  | FlowEvent<'CaseDecided', { outcome: CaseOutcome; requiresIvoReport: boolean; by: string; at: string }>
  | FlowEvent<'ReportedToIvo', { at: string }>
  | FlowEvent<'BreachAssessed', { notifiable: boolean; at: string }>
  | FlowEvent<'ReportedToImy', { at: string }>
  | FlowEvent<'CaseResponded', { at: string }>
  | FlowEvent<
      'ActionAdded',
      { actionId: string; level: CaseActionLevel; owner: string; dueAt: string; at: string }
    >
  | FlowEvent<'ActionCompleted', { actionId: string; at: string }>
  | FlowEvent<'FollowUpRecorded', { actionIds: string[]; effective: boolean; at: string }>
  | FlowEvent<'CaseClosed', { at: string }>
  | FlowEvent<'CaseReopened', { at: string }>
  | FlowEvent<'DeadlineMet', { deadlineId: string; at: string }>;
