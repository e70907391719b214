import {
  hasDecisionOnCurrentInvestigation,
  isBoardInformedOfIvoReport,
  isIvoReportPending,
} from '../case-progress';
import type { CaseDeadlineKind } from '../case-deadline-kind';
import { HSL_CASE_TYPES } from '../case-type';
import type { CaseEventType } from '../case-events';
import type { CaseAggregateState } from '../case-state';
import type { CaseTaskKind } from '../case-task-kind';
import type { CaseFlowEvent } from './case-flow-event';

type CaseFlowEventType = CaseFlowEvent['type'];

/** What starts, meets and asks for one kind of deadline. */
export interface DeadlineWork {
  /** The events that start it (the case flow's path decides which of them apply to a case type). */
  readonly startedBy: readonly CaseFlowEventType[];
  /**
   * The events of the work that meets it (and completes its task); the command appends DeadlineMet.
   * `BreachAssessed` meets only when the breach is judged not notifiable, `CaseClassified` only when
   * the MAS classifies. Events the case workflow does not receive meet through their `DeadlineMet`.
   */
  readonly metBy: readonly CaseEventType[];
  /** A miss goes straight to the top of the escalation chain ("escalate to director", DL-5, DL-14). */
  readonly escalatesToTop?: true;
  /** The task in someone's inbox that asks for that work, showing the deadline's due date. */
  readonly task: CaseTaskKind;
}

/**
 * The rules "which event starts, meets or asks for which deadline and task", written once (DL-1,
 * DL-3, DL-4, DL-5, DL-10, DL-11, DL-12). The deciders meet deadlines by it, the case flow plans and
 * meets by it, and the writers of implied work ask it whether work is already done. A
 * reclassification cancels what the new type's path lacks (`case-flow-paths.ts`, ADR 0009); closing
 * ends everything.
 */
export const DEADLINE_WORK: Readonly<Record<CaseDeadlineKind, DeadlineWork>> = {
  acknowledgement: {
    startedBy: ['CaseReported', 'CaseClassified'],
    metBy: ['CaseAcknowledged'],
    task: 'acknowledge',
  },
  lex_sarah_first_response: {
    startedBy: ['CaseReported', 'CaseClassified'],
    metBy: ['CaseAcknowledged'],
    task: 'acknowledge',
  },
  investigation: {
    startedBy: ['CaseReported', 'CaseClassified', 'CaseReopened'],
    metBy: ['InvestigationRecorded'],
    task: 'investigate',
  },
  lex_sarah_investigation: {
    startedBy: ['CaseReported', 'CaseClassified', 'CaseReopened'],
    metBy: ['InvestigationRecorded'],
    task: 'investigate',
  },
  ivo_report: {
    startedBy: ['CaseDecided'],
    metBy: ['ReportedToIvo'],
    task: 'report_to_ivo',
    escalatesToTop: true,
  },
  action: { startedBy: ['ActionAdded'], metBy: ['ActionCompleted'], task: 'carry_out_action' },
  follow_up: { startedBy: ['ActionCompleted'], metBy: ['FollowUpRecorded'], task: 'follow_up' },
  imy_notification: {
    startedBy: ['CaseReported', 'CaseClassified'],
    metBy: ['ReportedToImy', 'BreachAssessed'],
    task: 'imy_notification',
    escalatesToTop: true,
  },
  // The MAS's assessment of an HSL or lex Maria case (LC-7, LC-8 step 1): met only by a classify by the MAS.
  mas_classification: {
    startedBy: ['CaseReported', 'CaseClassified'],
    metBy: ['CaseClassified'],
    task: 'classify',
  },
  patient_information: {
    startedBy: ['CaseReported', 'CaseClassified'],
    metBy: ['PatientInformed'],
    task: 'inform_patient',
  },
  // Due at the nämnd's next meeting after the IVO notification (DL-6), not a policy duration.
  board_information: { startedBy: ['ReportedToIvo'], metBy: ['BoardInformed'], task: 'inform_board' },
  // The answer the complainant asked for (LC-4 step 7) and the issuer's date of an external finding (DL-13).
  response: { startedBy: ['CaseReported', 'CaseClassified'], metBy: ['CaseResponded'], task: 'respond' },
  external_response: {
    startedBy: ['CaseReported', 'CaseClassified'],
    metBy: ['CaseResponded'],
    task: 'respond',
  },
};

/** The deadline kinds the work of this event meets. */
export function deadlineKindsMetBy(type: CaseEventType): CaseDeadlineKind[] {
  return (Object.keys(DEADLINE_WORK) as CaseDeadlineKind[]).filter((kind) =>
    DEADLINE_WORK[kind].metBy.includes(type),
  );
}

/** The task kinds the work of this event completes (the tasks of the deadlines it meets). */
export function taskKindsDoneBy(type: CaseEventType): CaseTaskKind[] {
  return [...new Set(deadlineKindsMetBy(type).map((kind) => DEADLINE_WORK[kind].task))];
}

/**
 * Whether the work a deadline waits for has been done on the case, judged from the aggregate.
 *
 * Needed besides the deadline's own status for cases whose late work was recorded before ADR 0009
 * (then a missed deadline stayed `missed`; now late work meets it as met late), and for deadlines
 * started after the work was done. Checked in the same optimistic-concurrency step as the write it
 * guards.
 */
export function isDeadlineWorkDone(
  state: CaseAggregateState,
  kind: CaseDeadlineKind,
  actionId?: string,
): boolean {
  switch (kind) {
    case 'acknowledgement':
    case 'lex_sarah_first_response':
      return state.acknowledged !== null;
    case 'investigation':
    case 'lex_sarah_investigation':
      return state.investigation !== null && !state.newInvestigationRequired;
    case 'ivo_report':
      // One notification per serious decision (ADR 0009).
      return state.ivoReport !== null && !isIvoReportPending(state);
    case 'action': {
      const action = actionId === undefined ? undefined : state.actions[actionId];
      return action !== undefined && action.status !== 'open';
    }
    case 'follow_up': {
      const actions = Object.values(state.actions);
      return actions.length > 0 && actions.every((action) => action.status === 'followed_up');
    }
    case 'imy_notification':
      return state.imyReport !== null || state.breachAssessment?.notifiable === false;
    case 'mas_classification':
      return state.statutorySteps.masClassifiedAt !== null;
    case 'patient_information':
      return state.statutorySteps.patientInformation !== null;
    case 'board_information':
      return isBoardInformedOfIvoReport(state);
    case 'response':
    case 'external_response':
      return (state.responses ?? []).length > 0;
  }
}

/** Whether a task would be stale on arrival: its work is done, or it was for a replaced assignee. */
export function isTaskWorkDone(
  state: CaseAggregateState,
  task: { kind: CaseTaskKind; assignee?: string; assigneeRole?: string; actionId?: string },
): boolean {
  switch (task.kind) {
    case 'acknowledge':
      return state.acknowledged !== null;
    case 'investigate':
      return (
        (state.investigation !== null && !state.newInvestigationRequired) ||
        (task.assignee !== undefined && state.assignee !== task.assignee)
      );
    case 'report_to_ivo':
      return isDeadlineWorkDone(state, 'ivo_report');
    case 'carry_out_action':
      return isDeadlineWorkDone(state, 'action', task.actionId);
    case 'follow_up':
      return isDeadlineWorkDone(state, 'follow_up');
    case 'classify':
      // The MAS's task waits for the MAS's own classification (mas_classification), not anyone's category.
      return task.assigneeRole === 'mas' && HSL_CASE_TYPES.includes(state.type)
        ? state.statutorySteps.masClassifiedAt !== null
        : state.category !== undefined;
    case 'decide':
      return hasDecisionOnCurrentInvestigation(state);
    case 'assign_investigator':
      return state.assignee !== null;
    case 'imy_notification':
      return isDeadlineWorkDone(state, 'imy_notification');
    case 'inform_patient':
      return isDeadlineWorkDone(state, 'patient_information');
    case 'inform_board':
      return isDeadlineWorkDone(state, 'board_information');
    case 'respond':
      return (
        isDeadlineWorkDone(state, 'response') ||
        (task.assignee !== undefined && state.assignee !== task.assignee)
      );
    case 'escalation':
      return false;
  }
}
