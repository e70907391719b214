import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { notForType } from './stage-refusals';
import {
  checkDateOrDateTime,
  checkNotInFuture,
  checkOptionalText,
  checkRequiredText,
  firstRefusal,
  invalidField,
  normalisedTimestamp,
  optionalText,
  requiredText,
} from './validation';

function alreadyReportedToImy(state: CaseAggregateState): DecideCaseResult | null {
  if (state.imyReport === null) return null;
  return refused(
    caseRefusal(
      'INVALID_TRANSITION',
      'ALREADY_REPORTED_TO_IMY',
      'Personuppgiftsincidenten är redan anmäld till IMY.',
    ),
  );
}

/**
 * The data protection officer's assessment of a personuppgiftsincident (CT-11, DL-14): whether it
 * must be notified to IMY within 72 hours (GDPR art. 33). "Not notifiable" is itself the answer the
 * deadline waits for, with its rationale on record, so it meets `imy_notification`; "notifiable"
 * leaves the deadline running until `report-to-imy`. A later assessment replaces the earlier one.
 */
export function decideAssessBreach(
  command: CaseCommandOfType<'assess-breach'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    typeof data.notifiable === 'boolean'
      ? null
      : invalidField('notifiable', 'Ange om incidenten ska anmälas till IMY (ja eller nej).', 'REQUIRED'),
    checkRequiredText(data.rationale, 'rationale', 'motivering'),
  );
  if (refusal) return refused(refusal);
  if (state.type !== 'data_breach') return refused(notForType(state, 'bedöma en personuppgiftsincident'));
  const reported = alreadyReportedToImy(state);
  if (reported) return reported;

  const at = now.toISOString();
  const by = command.actor.username;
  return accepted(
    {
      type: 'BreachAssessed',
      data: { notifiable: data.notifiable, rationale: requiredText(data.rationale), by, at },
    },
    ...(data.notifiable
      ? []
      : [
          ...meetOpenDeadlines(state, deadlineKindsMetBy('BreachAssessed'), at, by),
          ...completeOpenTasks(state, taskKindsDoneBy('BreachAssessed'), at, by),
        ]),
  );
}

/** The notification of a personuppgiftsincident to IMY (DL-14): meets `imy_notification`. */
export function decideReportToImy(
  command: CaseCommandOfType<'report-to-imy'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkDateOrDateTime(data.reportedAt, 'reportedAt', 'tidpunkt för anmälan'),
    checkNotInFuture(String(data.reportedAt), 'reportedAt', 'tidpunkt för anmälan', now),
    checkOptionalText(data.imyReference, 'imyReference', 'IMY:s diarienummer'),
  );
  if (refusal) return refused(refusal);
  if (state.type !== 'data_breach') return refused(notForType(state, 'anmäla till IMY'));
  const reported = alreadyReportedToImy(state);
  if (reported) return reported;

  const at = now.toISOString();
  const by = command.actor.username;
  const imyReference = optionalText(data.imyReference);
  return accepted(
    {
      type: 'ReportedToImy',
      data: {
        reportedAt: normalisedTimestamp(data.reportedAt),
        ...(imyReference === undefined ? {} : { imyReference }),
        by,
        at,
      },
    },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('ReportedToImy'), at, by),
    ...completeOpenTasks(state, taskKindsDoneBy('ReportedToImy'), at, by),
  );
}
