import type { CaseCommandOfType } from '../case-commands';
import { RESPONSE_CHANNELS } from '../case-events';
import type { CaseAggregateState } from '../case-state';
import type { CaseType } from '../case-type';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { notForType, wrongStage } from './stage-refusals';
import {
  checkDateOrDateTime,
  checkNotInFuture,
  checkOneOf,
  checkRequiredText,
  firstRefusal,
  normalisedTimestamp,
  requiredText,
} from './validation';

/** Who gets an answer: the complainant or the one who made a suggestion (LC-4), the issuer of a finding (LC-10). */
export const RESPONDABLE_TYPES: readonly CaseType[] = ['complaint', 'suggestion', 'external_finding'];

/** Whether a complaint still owes its reporter the answer they asked for (LC-4 step 7: no close before it). */
export function isAnswerOwed(state: CaseAggregateState): boolean {
  return state.type === 'complaint' && state.answerWanted === true && (state.responses ?? []).length === 0;
}

/**
 * The answer to a complainant or to the issuer of an external finding (LC-4 step 7, LC-10, DL-13):
 * when, through which channel and what was said. Meets `response` / `external_response` and
 * completes the answer task. Answering again records another answer (a follow-up letter).
 */
export function decideRespond(
  command: CaseCommandOfType<'respond'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkDateOrDateTime(data.respondedAt, 'respondedAt', 'tidpunkt för svaret'),
    checkNotInFuture(String(data.respondedAt), 'respondedAt', 'tidpunkt för svaret', now),
    checkOneOf(data.channel, RESPONSE_CHANNELS, 'channel', 'svarskanal'),
    checkRequiredText(data.summary, 'summary', 'sammanfattning av svaret'),
  );
  if (refusal) return refused(refusal);
  if (!RESPONDABLE_TYPES.includes(state.type)) return refused(notForType(state, 'besvara'));
  if (state.stage === 'closed') return refused(wrongStage(state, 'besvara'));

  const at = now.toISOString();
  const by = command.actor.username;
  return accepted(
    {
      type: 'CaseResponded',
      data: {
        respondedAt: normalisedTimestamp(data.respondedAt),
        channel: data.channel,
        summary: requiredText(data.summary),
        role: command.actor.roles[0] ?? '',
        by,
        at,
      },
    },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('CaseResponded'), at, by),
    ...completeOpenTasks(state, taskKindsDoneBy('CaseResponded'), at, by),
  );
}
