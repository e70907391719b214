import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { wrongStage } from './stage-refusals';
import { checkRequiredText, firstRefusal, invalidField, requiredText } from './validation';

/**
 * Verified follow-up of completed actions: did they have the intended effect? (LC-3, DL-12). Covers every
 * completed action not yet followed up; with no actions at all it may be recorded in `following_up`
 * (e.g. a check that nothing recurred). An ineffective follow-up is accepted — a new action or a reopen
 * is then expected (LC-3). Meets the `follow_up` deadline and completes `follow_up` tasks.
 */
export function decideFollowUp(
  command: CaseCommandOfType<'follow-up'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    typeof data.effective === 'boolean'
      ? null
      : invalidField(
          'effective',
          'Ange om åtgärderna fick avsedd effekt (sant eller falskt).',
          data.effective === undefined ? 'REQUIRED' : 'INVALID',
        ),
    checkRequiredText(data.note, 'note', 'anteckning om uppföljningen'),
  );
  if (refusal) return refused(refusal);

  const actions = Object.values(state.actions);
  const pending = actions.filter((action) => action.status === 'completed').map((action) => action.id);
  if (actions.length === 0 && state.stage !== 'following_up')
    return refused(wrongStage(state, 'registrera en uppföljning'));
  if (actions.length > 0 && pending.length === 0) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'NOTHING_TO_FOLLOW_UP',
        'Det finns ingen genomförd åtgärd som väntar på uppföljning.',
      ),
    );
  }

  const at = now.toISOString();
  const by = command.actor.username;
  return accepted(
    {
      type: 'FollowUpRecorded',
      data: { effective: data.effective, note: requiredText(data.note), actionIds: pending, by, at },
    },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('FollowUpRecorded'), at, by),
    ...completeOpenTasks(state, taskKindsDoneBy('FollowUpRecorded'), at, by),
  );
}
