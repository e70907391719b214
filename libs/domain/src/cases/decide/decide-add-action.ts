import type { CaseCommandOfType } from '../case-commands';
import { isWorkingStage } from '../case-progress';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { wrongStage } from './stage-refusals';
import {
  checkDateTime,
  checkOneOf,
  checkRequiredText,
  firstRefusal,
  invalidField,
  normalisedTimestamp,
  parseDateTime,
  requiredText,
} from './validation';

const ACTION_LEVELS = ['individual', 'organisational'] as const;

/**
 * An individual or organisational action with an owner and a due date (LC-5, LC-6 S8, LC-11, DL-11).
 * Allowed while investigating (immediate measures), acting and following up — an ineffective follow-up
 * calls for a new action (LC-3). The `action` deadline is started by the process manager.
 */
export function decideAddAction(
  command: CaseCommandOfType<'add-action'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.actionId, 'actionId', 'åtgärdens id'),
    checkRequiredText(data.title, 'title', 'rubrik'),
    checkOneOf(data.level, ACTION_LEVELS, 'level', 'nivå'),
    checkRequiredText(data.owner, 'owner', 'ansvarig'),
    checkDateTime(data.dueAt, 'dueAt', 'slutdatum'),
  );
  if (refusal) return refused(refusal);
  if ((parseDateTime(data.dueAt) ?? 0) <= now.getTime()) {
    return refused(invalidField('dueAt', 'Slutdatum för åtgärden måste ligga i framtiden.', 'IN_PAST'));
  }
  if (!isWorkingStage(state.stage)) return refused(wrongStage(state, 'lägga till en åtgärd'));
  const actionId = requiredText(data.actionId);
  if (state.actions[actionId] !== undefined) {
    return refused(
      caseRefusal(
        'ALREADY_EXISTS',
        'ACTION_ALREADY_EXISTS',
        'Det finns redan en åtgärd med detta id.',
        'actionId',
      ),
    );
  }

  return accepted({
    type: 'ActionAdded',
    data: {
      actionId,
      title: requiredText(data.title),
      level: data.level,
      owner: requiredText(data.owner),
      dueAt: normalisedTimestamp(data.dueAt),
      by: command.actor.username,
      at: now.toISOString(),
    },
  });
}
