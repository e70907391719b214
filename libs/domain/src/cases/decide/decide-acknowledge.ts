import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { checkOptionalText, optionalText } from './validation';

/**
 * Återkoppling / receipt to the reporter (DL-1, DL-3). Once per case, in any open stage; it meets the
 * open `acknowledgement` and `lex_sarah_first_response` deadlines and completes `acknowledge` tasks.
 */
export function decideAcknowledge(
  command: CaseCommandOfType<'acknowledge'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  if (state.acknowledged !== null) {
    return refused(
      caseRefusal('INVALID_TRANSITION', 'ALREADY_ACKNOWLEDGED', 'Ärendet har redan fått återkoppling.'),
    );
  }
  const refusal = checkOptionalText(command.data.note, 'note', 'anteckning');
  if (refusal) return refused(refusal);

  const at = now.toISOString();
  const by = command.actor.username;
  const note = optionalText(command.data.note);
  return accepted(
    { type: 'CaseAcknowledged', data: { ...(note === undefined ? {} : { note }), by, at } },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('CaseAcknowledged'), at, by),
    ...completeOpenTasks(state, taskKindsDoneBy('CaseAcknowledged'), at, by),
  );
}
