import type { CaseDeadlineKind } from './case-deadline-kind';
import { isVardskadaOutcome } from './case-outcome';
import type { CaseUserCommandType } from './case-commands';
import {
  hasDecisionOnCurrentInvestigation,
  isBoardInformedOfIvoReport,
  isIvoReportPending,
} from './case-progress';
import type { CaseAggregateState, CaseDeadlineState } from './case-state';

/**
 * The statutory steps of a lex Maria, lex Sarah or HSL case as a checklist the MAS or SAS reads at a
 * glance (api.md v1.1; LC-6, LC-7, LC-8 steps 1–6; DL-3, DL-4, DL-6, DL-7, DL-8, DL-9): each step
 * done, due, overdue, waiting for an earlier step, or not required by the decision. Pure: judged
 * from the case's state and its deadlines, so it agrees with what the commands refuse.
 */
export type StatutoryStepKey =
  | 'first_response'
  | 'mas_classification'
  | 'investigation'
  | 'decision'
  | 'patient_information'
  | 'journal_note'
  | 'ivo_report'
  | 'board_information';

export type StatutoryStepStatus = 'done' | 'due' | 'overdue' | 'waiting' | 'not_required';

export interface StatutoryStep {
  readonly key: StatutoryStepKey;
  readonly label: string;
  readonly status: StatutoryStepStatus;
  /** The command that does the step. */
  readonly command: CaseUserCommandType;
  /** The due date of the step's deadline, when it has one. */
  readonly dueAt?: string;
  readonly doneAt?: string;
}

export const STATUTORY_STEP_LABELS: Readonly<Record<StatutoryStepKey, string>> = {
  first_response: 'Mottagande och omedelbara åtgärder',
  mas_classification: 'MAS-bedömning (klassificering)',
  investigation: 'Utredning',
  decision: 'Beslut enligt delegation',
  patient_information: 'Patient eller närstående informerad',
  journal_note: 'Vårdskadan antecknad i journalen',
  ivo_report: 'Anmälan till IVO',
  board_information: 'Nämnden informerad',
};

const STEP_COMMANDS: Readonly<Record<StatutoryStepKey, CaseUserCommandType>> = {
  first_response: 'acknowledge',
  mas_classification: 'classify',
  investigation: 'record-investigation',
  decision: 'decide',
  patient_information: 'inform-patient',
  journal_note: 'confirm-journal-note',
  ivo_report: 'report-to-ivo',
  board_information: 'inform-board',
};

/** The newest deadline of a kind that was not cancelled by a reclassification. */
function latestDeadline(state: CaseAggregateState, kind: CaseDeadlineKind): CaseDeadlineState | undefined {
  return Object.values(state.deadlines)
    .filter((deadline) => deadline.kind === kind && deadline.status !== 'cancelled')
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .at(-1);
}

interface StepFacts {
  readonly done: boolean;
  readonly doneAt?: string | null;
  /** The earlier step is missing (e.g. the IVO notification before the nämnd is informed). */
  readonly waiting?: boolean;
  readonly notRequired?: boolean;
  readonly deadline?: CaseDeadlineKind;
}

function step(state: CaseAggregateState, key: StatutoryStepKey, facts: StepFacts): StatutoryStep {
  const deadline = facts.deadline === undefined ? undefined : latestDeadline(state, facts.deadline);
  const status: StatutoryStepStatus = facts.done
    ? 'done'
    : facts.notRequired
      ? 'not_required'
      : facts.waiting
        ? 'waiting'
        : deadline?.status === 'missed'
          ? 'overdue'
          : 'due';
  return {
    key,
    label: STATUTORY_STEP_LABELS[key],
    status,
    command: STEP_COMMANDS[key],
    ...(deadline === undefined ? {} : { dueAt: deadline.dueAt }),
    ...(facts.done && facts.doneAt ? { doneAt: facts.doneAt } : {}),
  };
}

/** The steps of the case's type, in the order the law takes them; empty for other types. */
export function statutoryChecklist(state: CaseAggregateState): StatutoryStep[] {
  const steps = state.statutorySteps;
  const investigated = state.investigation !== null && !state.newInvestigationRequired;
  const decided = hasDecisionOnCurrentInvestigation(state);
  const ivoRequired = state.decision?.requiresIvoReport === true;
  const ivoDone = state.ivoReport !== null && !isIvoReportPending(state);
  const investigation = (kind: CaseDeadlineKind) =>
    step(state, 'investigation', { done: investigated, doneAt: state.investigation?.at, deadline: kind });
  const decision = step(state, 'decision', {
    done: decided,
    doneAt: state.decision?.at,
    waiting: !investigated,
  });
  const ivoReport = step(state, 'ivo_report', {
    done: ivoRequired && ivoDone,
    doneAt: state.ivoReport?.reportedAt,
    waiting: !decided,
    notRequired: decided && !ivoRequired,
    deadline: 'ivo_report',
  });
  const boardInformation = step(state, 'board_information', {
    done: ivoRequired && ivoDone && isBoardInformedOfIvoReport(state),
    doneAt: steps.boardInformation?.meetingDate,
    waiting: !decided || (ivoRequired && !ivoDone),
    notRequired: decided && !ivoRequired,
    deadline: 'board_information',
  });
  const masClassification = step(state, 'mas_classification', {
    done: steps.masClassifiedAt !== null,
    doneAt: steps.masClassifiedAt,
    deadline: 'mas_classification',
  });

  switch (state.type) {
    case 'lex_maria':
      return [
        masClassification,
        investigation('investigation'),
        decision,
        step(state, 'patient_information', {
          done: steps.patientInformation !== null,
          doneAt: steps.patientInformation?.at,
          deadline: 'patient_information',
        }),
        step(state, 'journal_note', { done: steps.journalNotedAt !== null, doneAt: steps.journalNotedAt }),
        ivoReport,
        boardInformation,
      ];
    case 'lex_sarah':
      return [
        step(state, 'first_response', {
          done: state.acknowledged !== null,
          doneAt: state.acknowledged?.at,
          deadline: 'lex_sarah_first_response',
        }),
        investigation('lex_sarah_investigation'),
        decision,
        ivoReport,
        boardInformation,
      ];
    case 'hsl_deviation': {
      const vardskada = decided && isVardskadaOutcome(state.decision!.outcome);
      return [
        masClassification,
        investigation('investigation'),
        step(state, 'journal_note', {
          done: steps.journalNotedAt !== null,
          doneAt: steps.journalNotedAt,
          waiting: !decided,
          notRequired: decided && !vardskada,
        }),
      ];
    }
    default:
      return [];
  }
}
