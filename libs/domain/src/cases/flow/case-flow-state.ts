import type { CaseType } from '../case-type';
import type { DeadlineRequest, TaskRequest } from './case-work';

/**
 * What the case workflow remembers between events. Plain JSON so that it can be carried through
 * continue-as-new; derived only from the case's events and the answers of its activities, so it
 * can also be rebuilt from the event store (a new run after close → reopen).
 *
 * Deadlines and tasks are keyed by a *step key* (`acknowledgement`, `investigation/r1`,
 * `action/<actionId>`, `task/acknowledge/unit_manager`, …). The activities derive the ids they write
 * from the workflow id and the step key, so a retried or repeated step writes nothing new.
 */

/**
 * - `wanted`: to be started by the next activity call;
 * - `open`: started, waiting to be met before `dueAt`;
 * - `missed`: due passed, escalating every `escalation_repeat` until met;
 * - `met`: done;
 * - `cancelling`: a reclassification left its path; the next activity call cancels it (ADR 0009);
 * - `inactive`: no longer followed (see `inactiveReason`).
 */
export type DeadlineTrackStatus = 'wanted' | 'open' | 'missed' | 'met' | 'cancelling' | 'inactive';

export type InactiveReason =
  /** The work it waits for was done before it could start (reclassification, rebuilt history). */
  | 'satisfied'
  /** A reclassification took the case off the path that has this deadline (LC-2). */
  | 'path_changed'
  | 'case_closed'
  /** The decider refused it; see the workflow log. */
  | 'refused';

/** A deadline the flow follows: what was requested (`DeadlineRequest`) and what became of it. */
export interface DeadlineTrack extends DeadlineRequest {
  status: DeadlineTrackStatus;
  inactiveReason?: InactiveReason;
  deadlineId?: string;
  dueAt?: string;
  policyVersion?: number;
  /** When to remind the responsible before `dueAt` (actions, `action_reminder_before`). */
  reminderAt?: string;
  reminderSent: boolean;
  /** 0 until missed; the last escalation level recorded. */
  escalationLevel: number;
  nextEscalationAt?: string;
  /** Cancelled on the case by an event (DeadlineCancelled); a return to its path starts a new one. */
  cancelled?: boolean;
  /** The type a reclassification moved the case to while this deadline was cancelling. */
  cancelToType?: CaseType;
}

/**
 * - `wanted`: to be created; `created`: in someone's inbox; `closing`: to be completed by the
 *   workflow (escalation tasks when the deadline is met, a replaced assignee's task);
 * - `done`: completed (by the command that did the work, or by the workflow);
 * - `inactive`: never created (the work was done first, or the case closed).
 */
export type TaskTrackStatus = 'wanted' | 'created' | 'closing' | 'done' | 'inactive';

/** A task the flow follows: what was requested (`TaskRequest`) and what became of it. */
export interface TaskTrack extends TaskRequest {
  status: TaskTrackStatus;
  taskId?: string;
}

export type CaseActionTrackStatus = 'open' | 'completed' | 'followed_up';

export interface CaseFlowState {
  readonly caseId: string;
  /** CaseReported seen (directly or in the rebuilt history). */
  known: boolean;
  type: CaseType | null;
  unitId: string | null;
  reportedAt: string | null;
  unclassified: boolean;
  closed: boolean;
  /** 0 until the first reopen; every reopen starts a new investigation round (LC-2). */
  round: number;
  roundStartedAt: string | null;
  acknowledged: boolean;
  /** The round whose investigation is recorded, if any. */
  investigatedRound: number | null;
  assignee: string | null;
  decisions: number;
  ivoReported: boolean;
  /** A data breach: when the organisation became aware (the IMY deadline's base), and whether IMY is answered. */
  awareAt?: string;
  imyHandled?: boolean;
  /** The MAS has classified the case (mas_classification, DL-7). */
  masClassified?: boolean;
  /** The complainant wants an answer; an external finding's answer is due; the answer was given (LC-4, DL-13). */
  answerWanted?: true;
  respondByDueAt?: string;
  responded?: true;
  /** Reported by a signed-in member of staff: told the outcome when the case closes (IMP-8). */
  staffReporter?: true;
  /** Mail and in-app notices to send, keyed `answer/<eventId>` / `outcome/<eventId>` (idempotent). */
  notices?: Record<string, CaseNoticeTrack>;
  actions: Record<string, { owner: string; status: CaseActionTrackStatus }>;
  followUps: number;
  deadlines: Record<string, DeadlineTrack>;
  tasks: Record<string, TaskTrack>;
  /** Dedupe: the highest event version applied and the ids of the latest events. */
  lastVersion: number;
  recentEventIds: string[];
  /** How many runs (continue-as-new) this workflow has had; for status and tests. */
  runs: number;
}

/** A notice the flow owes someone: the answer to a complainant by mail, the outcome to a staff reporter. */
export interface CaseNoticeTrack {
  readonly key: string;
  readonly kind: 'answer' | 'outcome';
  /** The event that gave rise to it (`CaseResponded`, `CaseClosed`). */
  readonly eventId: string;
  status: 'wanted' | 'sent';
}

export const RECENT_EVENT_IDS = 64;

export function initialCaseFlowState(caseId: string): CaseFlowState {
  return {
    caseId,
    known: false,
    type: null,
    unitId: null,
    reportedAt: null,
    unclassified: false,
    closed: false,
    round: 0,
    roundStartedAt: null,
    acknowledged: false,
    investigatedRound: null,
    assignee: null,
    decisions: 0,
    ivoReported: false,
    actions: {},
    followUps: 0,
    deadlines: {},
    tasks: {},
    lastVersion: 0,
    recentEventIds: [],
    runs: 1,
  };
}

export function isActiveDeadline(track: DeadlineTrack): boolean {
  return track.status === 'wanted' || track.status === 'open' || track.status === 'missed';
}
