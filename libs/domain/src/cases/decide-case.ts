import type { CaseCommand } from './case-commands';
import { isCaseSystemCommand } from './case-commands';
import { caseRefusal } from './case-refusal';
import type { CaseState } from './case-state';
import { decideAcknowledge } from './decide/decide-acknowledge';
import { decideAddAction } from './decide/decide-add-action';
import { decideAssign } from './decide/decide-assign';
import { decideCancelDeadline } from './decide/decide-cancel-deadline';
import { decideClassify } from './decide/decide-classify';
import { decideClose } from './decide/decide-close';
import { decideCompleteAction } from './decide/decide-complete-action';
import { decideCompleteTask } from './decide/decide-complete-task';
import { decideCreateTask } from './decide/decide-create-task';
import { decideDecide } from './decide/decide-decide';
import { decideFollowUp } from './decide/decide-follow-up';
import { decideRecordDeadlineMissed } from './decide/decide-record-deadline-missed';
import { decideRecordInvestigation } from './decide/decide-record-investigation';
import { decideRecordReminder } from './decide/decide-record-reminder';
import { decideReopen } from './decide/decide-reopen';
import { decideReport } from './decide/decide-report';
import { decideReportToIvo } from './decide/decide-report-to-ivo';
import { refused } from './decide/decide-result';
import type { DecideCaseResult } from './decide/decide-result';
import { decideStartDeadline } from './decide/decide-start-deadline';
import { decideStartInvestigation } from './decide/decide-start-investigation';
import { decideAssessBreach, decideReportToImy } from './decide/decide-breach';
import { decideConfirmJournalNote } from './decide/decide-confirm-journal-note';
import { decideInformBoard } from './decide/decide-inform-board';
import { decideInformPatient } from './decide/decide-inform-patient';
import { decideRecordIvoDecision } from './decide/decide-record-ivo-decision';
import { decideRespond } from './decide/decide-respond';
import { decideEscalate, decideLink } from './decide/decide-link';
import { decideLiftLegalHold, decidePlaceLegalHold } from './decide/decide-legal-hold';
import { decideErase } from './decide/decide-erase';
import {
  decideMarkProtectedIdentity,
  decideUnmarkProtectedIdentity,
} from './decide/decide-protected-identity';

export type { DecideCaseResult } from './decide/decide-result';

/** The user commands a closed case takes: reopening it, IVO's decision (which comes long after), links. */
const COMMANDS_ON_CLOSED_CASE: readonly CaseCommand['type'][] = [
  'reopen',
  'record-ivo-decision',
  'link',
  'mark-protected-identity',
  'unmark-protected-identity',
  'place-legal-hold',
  'lift-legal-hold',
  'erase',
];

/**
 * The case decider: given the current state (null before the case is reported), a command and the
 * current time, either the events to append or a refusal. Pure and deterministic; `now` is the only
 * source of time and generated ids come in with the command.
 *
 * Common rules: every command but `report` needs an existing case (NOT_FOUND); a closed case takes
 * only `COMMANDS_ON_CLOSED_CASE` and the system commands of the process manager (INVALID_TRANSITION).
 */
export function decideCase(command: CaseCommand, state: CaseState, now: Date): DecideCaseResult {
  if (command.type === 'report') return decideReport(command, state, now);
  if (state === null) return refused(caseRefusal('NOT_FOUND', 'CASE_NOT_FOUND', 'Ärendet finns inte.'));
  // Gallring is final (ADR 0027): an erased case keeps its number and statistics, nothing more is done to it.
  if (state.erasedAt !== undefined && !isCaseSystemCommand(command.type))
    return refused(
      caseRefusal('INVALID_TRANSITION', 'CASE_ERASED', 'Ärendet är gallrat och kan inte ändras.'),
    );
  if (
    state.stage === 'closed' &&
    !COMMANDS_ON_CLOSED_CASE.includes(command.type) &&
    !isCaseSystemCommand(command.type)
  ) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'CASE_CLOSED',
        'Ärendet är avslutat; öppna det igen för att göra ändringar.',
      ),
    );
  }

  switch (command.type) {
    case 'acknowledge':
      return decideAcknowledge(command, state, now);
    case 'assign':
      return decideAssign(command, state, now);
    case 'classify':
      return decideClassify(command, state, now);
    case 'start-investigation':
      return decideStartInvestigation(command, state, now);
    case 'record-investigation':
      return decideRecordInvestigation(command, state, now);
    case 'decide':
      return decideDecide(command, state, now);
    case 'report-to-ivo':
      return decideReportToIvo(command, state, now);
    case 'assess-breach':
      return decideAssessBreach(command, state, now);
    case 'report-to-imy':
      return decideReportToImy(command, state, now);
    case 'inform-patient':
      return decideInformPatient(command, state, now);
    case 'confirm-journal-note':
      return decideConfirmJournalNote(command, state, now);
    case 'inform-board':
      return decideInformBoard(command, state, now);
    case 'record-ivo-decision':
      return decideRecordIvoDecision(command, state, now);
    case 'respond':
      return decideRespond(command, state, now);
    case 'link':
      return decideLink(command, state, now);
    case 'escalate':
      return decideEscalate(command, state, now);
    case 'add-action':
      return decideAddAction(command, state, now);
    case 'complete-action':
      return decideCompleteAction(command, state, now);
    case 'follow-up':
      return decideFollowUp(command, state, now);
    case 'close':
      return decideClose(command, state, now);
    case 'reopen':
      return decideReopen(command, state, now);
    case 'mark-protected-identity':
      return decideMarkProtectedIdentity(command, state, now);
    case 'unmark-protected-identity':
      return decideUnmarkProtectedIdentity(command, state, now);
    case 'start-deadline':
      return decideStartDeadline(command, state, now);
    case 'record-deadline-missed':
      return decideRecordDeadlineMissed(command, state, now);
    case 'cancel-deadline':
      return decideCancelDeadline(command, state, now);
    case 'record-reminder':
      return decideRecordReminder(command, state, now);
    case 'create-task':
      return decideCreateTask(command, state, now);
    case 'complete-task':
      return decideCompleteTask(command, state, now);
    case 'place-legal-hold':
      return decidePlaceLegalHold(command, state, now);
    case 'lift-legal-hold':
      return decideLiftLegalHold(command, state, now);
    case 'erase':
      return decideErase(command, state, now);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}
