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
  isBlank,
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
  const causes = data.causes;
  if (causes !== undefined && (!Array.isArray(causes) || causes.length > 50 || causes.some(isBlank))) {
    return refused(invalidField('causes', 'Orsakerna måste vara en lista (högst 50) med ifyllda texter.'));
  }
  if (!isWorkingStage(state.stage)) return refused(wrongStage(state, 'lägga till en åtgärd'));
  if (causes !== undefined && causes.length > 0 && state.investigation === null) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'INVESTIGATION_REQUIRED_FOR_CAUSES',
        'En åtgärd kan kopplas till orsaker först när utredningen är registrerad.',
        'causes',
      ),
    );
  }
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
      ...(causes !== undefined && causes.length > 0 ? { causes: causes.map((cause) => cause.trim()) } : {}),
      by: command.actor.username,
      at: now.toISOString(),
    },
  });
}
