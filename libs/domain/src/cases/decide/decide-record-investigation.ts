import type { CaseCommandOfType } from '../case-commands';
import type { CaseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { wrongStage } from './stage-refusals';
import {
  checkOptionalBoolean,
  checkRequiredText,
  firstRefusal,
  invalidField,
  requiredText,
} from './validation';

function checkCauses(causes: unknown): CaseRefusal | null {
  if (!Array.isArray(causes))
    return invalidField('causes', 'Orsaker måste anges som en lista (den får vara tom).');
  if (causes.some((cause) => typeof cause !== 'string' || cause.trim() === '')) {
    return invalidField('causes', 'Varje orsak måste vara en text som inte är tom.');
  }
  return null;
}

function checkDeviationOccurred(
  command: CaseCommandOfType<'record-investigation'>,
  state: CaseAggregateState,
) {
  // A complaint's investigation concludes "om en avvikelse förekommit" (CT-2, LC-3, LC-4 step 6).
  if (state.type === 'complaint' && command.data.deviationOccurred === undefined) {
    return invalidField(
      'deviationOccurred',
      'För klagomål måste utredningen ange om en avvikelse har förekommit.',
      'REQUIRED',
    );
  }
  return checkOptionalBoolean(
    command.data.deviationOccurred,
    'deviationOccurred',
    'om en avvikelse förekommit',
  );
}

/**
 * The investigation's facts and causes (LC-5 grundorsaker, LC-6 S4). Only in `investigating`; may be
 * recorded again until the case moves on. Meets the `lex_sarah_investigation` and `investigation`
 * deadlines and completes `investigate` tasks.
 */
export function decideRecordInvestigation(
  command: CaseCommandOfType<'record-investigation'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.summary, 'summary', 'sammanfattning av utredningen'),
    checkCauses(data.causes),
    checkDeviationOccurred(command, state),
  );
  if (refusal) return refused(refusal);
  if (state.stage !== 'investigating') return refused(wrongStage(state, 'registrera en utredning'));

  const at = now.toISOString();
  const by = command.actor.username;
  return accepted(
    {
      type: 'InvestigationRecorded',
      data: {
        summary: requiredText(data.summary),
        causes: data.causes.map((cause) => cause.trim()),
        ...(data.deviationOccurred === undefined ? {} : { deviationOccurred: data.deviationOccurred }),
        by,
        at,
      },
    },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('InvestigationRecorded'), at, by),
    ...completeOpenTasks(state, taskKindsDoneBy('InvestigationRecorded'), at, by),
  );
}
