import { stockholmDateOf } from '../../calendar/stockholm-time';
import type { CaseCommandOfType } from '../case-commands';
import { isBoardInformedOfIvoReport } from '../case-progress';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { actingRole } from './acting-role';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { notForType } from './stage-refusals';
import { checkOptionalText, firstRefusal, invalidField, isDate, optionalText } from './validation';

/** The roles that report to IVO, and so inform the nämnd and record IVO's decision (api.md v1.1). */
export const IVO_ROLES: readonly string[] = ['director', 'lex_sarah_investigator', 'mas'];

/** A step that follows the IVO notification of a lex Sarah or lex Maria case, or its refusal. */
export function refusalBeforeIvoReport(state: CaseAggregateState, what: string) {
  if (state.type !== 'lex_sarah' && state.type !== 'lex_maria') return notForType(state, what);
  if (state.ivoReport !== null) return null;
  return caseRefusal(
    'INVALID_TRANSITION',
    'IVO_REPORT_REQUIRED',
    `Det går att ${what} först när anmälan till IVO är registrerad.`,
  );
}

function checkMeetingDate(value: unknown, now: Date) {
  if (value === undefined || value === null || value === '')
    return invalidField('meetingDate', 'Sammanträdets datum måste anges.', 'REQUIRED');
  if (!isDate(value))
    return invalidField('meetingDate', 'Sammanträdets datum måste vara ett datum, t.ex. 2026-12-16.');
  if (value > stockholmDateOf(now))
    return invalidField(
      'meetingDate',
      'Nämnden kan registreras som informerad först när sammanträdet har hållits.',
      'IN_FUTURE',
    );
  return null;
}

/**
 * The nämnd was informed of the IVO notification "på kommande sammanträde" (DL-6, LC-6 S7, LC-8
 * step 6). Once per notification: after a reopen and a new notification the nämnd is informed again.
 * Meets `board_information`, which the IVO notification started.
 */
export function decideInformBoard(
  command: CaseCommandOfType<'inform-board'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal =
    firstRefusal(
      checkMeetingDate(data.meetingDate, now),
      checkOptionalText(data.paragraph, 'paragraph', 'paragraf'),
    ) ?? refusalBeforeIvoReport(state, 'registrera information till nämnden');
  if (refusal) return refused(refusal);
  if (isBoardInformedOfIvoReport(state)) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'BOARD_ALREADY_INFORMED',
        'Nämnden är redan informerad om anmälan till IVO.',
      ),
    );
  }

  const at = now.toISOString();
  const by = command.actor.username;
  const paragraph = optionalText(data.paragraph);
  return accepted(
    {
      type: 'BoardInformed',
      data: {
        meetingDate: data.meetingDate,
        ...(paragraph === undefined ? {} : { paragraph }),
        role: actingRole(command.actor, IVO_ROLES, state),
        by,
        at,
      },
    },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('BoardInformed'), at, by),
    ...completeOpenTasks(state, taskKindsDoneBy('BoardInformed'), at, by),
  );
}
