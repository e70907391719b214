import type { CaseCommandOfType } from '../case-commands';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { notForType, wrongStage } from './stage-refusals';

/** reported → investigating (LC-1). Praise is forwarded to the unit, never investigated (CT-4). */
export function decideStartInvestigation(
  command: CaseCommandOfType<'start-investigation'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  if (state.type === 'praise') return refused(notForType(state, 'starta en utredning'));
  if (state.stage !== 'reported') return refused(wrongStage(state, 'starta en utredning'));
  return accepted({
    type: 'InvestigationStarted',
    data: { by: command.actor.username, at: now.toISOString() },
  });
}
