import type { CaseCommandOfType } from '../case-commands';
import { isBoardInformedOfIvoReport, isInvestigationConcluded, isIvoReportPending } from '../case-progress';
import { caseRefusal } from '../case-refusal';
import type { CaseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { requiresDecision } from '../case-type';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks } from './open-work';
import { isAnswerOwed } from './decide-respond';
import { checkRequiredText, requiredText } from './validation';

function invalid(reason: string, message: string): CaseRefusal {
  return caseRefusal('INVALID_TRANSITION', reason, message);
}

/**
 * The statutory steps a lex Maria case needs before it closes (LC-8 steps 3, 4, 6), and a lex Sarah
 * case after its IVO notification (DL-6, LC-6 S7): api.md v1.1 "closing rules".
 */
function missingStatutoryStep(state: CaseAggregateState): CaseRefusal | null {
  const { patientInformation, journalNotedAt } = state.statutorySteps;
  if (state.type === 'lex_maria' && patientInformation === null) {
    return invalid(
      'PATIENT_INFORMATION_REQUIRED',
      'Ett lex Maria-ärende kan avslutas först när informationen till patienten eller närstående är registrerad.',
    );
  }
  if (state.type === 'lex_maria' && journalNotedAt === null) {
    return invalid(
      'JOURNAL_NOTE_REQUIRED',
      'Ett lex Maria-ärende kan avslutas först när journalanteckningen är bekräftad.',
    );
  }
  // The nämnd hears of the notification of the decision the case closes on (a later decision that is
  // not serious needs no new notification, and so no new information).
  const notified =
    state.ivoReport !== null && state.ivoReport.investigationSeq === state.decision?.investigationSeq;
  if (
    (state.type === 'lex_maria' || state.type === 'lex_sarah') &&
    notified &&
    !isBoardInformedOfIvoReport(state)
  ) {
    return invalid(
      'BOARD_INFORMATION_REQUIRED',
      'Ärendet kan avslutas först när nämnden har informerats om anmälan till IVO.',
    );
  }
  return null;
}

/** What is still missing before the case may close (LC-3), or `null`. Praise needs no investigation (LC-1, CT-4). */
function missingForClose(state: CaseAggregateState): CaseRefusal | null {
  if (state.unclassified) {
    return invalid('CLASSIFICATION_REQUIRED', 'Ärendet måste klassificeras innan det kan avslutas.');
  }
  if (state.type !== 'praise') {
    if (state.investigation === null || state.newInvestigationRequired) {
      return invalid('INVESTIGATION_REQUIRED', 'Ärendet kan avslutas först när utredningen är registrerad.');
    }
    if (state.type === 'complaint' && state.investigation.deviationOccurred === undefined) {
      return invalid(
        'DEVIATION_OCCURRED_REQUIRED',
        'För klagomål måste utredningen ange om en avvikelse har förekommit.',
      );
    }
    if (requiresDecision(state.type) && !isInvestigationConcluded(state)) {
      return invalid('DECISION_REQUIRED', 'Ärendet kan avslutas först när beslut har fattats.');
    }
  }
  if (isIvoReportPending(state)) {
    return invalid('IVO_REPORT_REQUIRED', 'Beslutet kräver en anmälan till IVO innan ärendet kan avslutas.');
  }
  const steps = missingStatutoryStep(state);
  if (steps) return steps;
  if (isAnswerOwed(state)) {
    return invalid(
      'ANSWER_REQUIRED',
      'Den som klagat vill ha svar och har lämnat kontaktuppgifter: besvara klagomålet innan ärendet avslutas.',
    );
  }
  if (Object.values(state.actions).some((action) => action.status !== 'followed_up')) {
    return invalid(
      'ACTIONS_NOT_FOLLOWED_UP',
      'Alla åtgärder måste vara genomförda och uppföljda innan ärendet kan avslutas.',
    );
  }
  return null;
}

/**
 * Closes the case with a summary (LC-3). Completes every open task of the case; deadlines that are
 * still open stay as they are (a late deadline is history, not something closing can erase).
 */
export function decideClose(
  command: CaseCommandOfType<'close'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const refusal =
    checkRequiredText(command.data.summary, 'summary', 'sammanfattning') ?? missingForClose(state);
  if (refusal) return refused(refusal);

  const at = now.toISOString();
  const by = command.actor.username;
  return accepted(
    { type: 'CaseClosed', data: { summary: requiredText(command.data.summary), by, at } },
    ...completeOpenTasks(state, 'all', at, by),
  );
}
