import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { actingRole } from './acting-role';
import { IVO_ROLES, refusalBeforeIvoReport } from './decide-inform-board';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import {
  checkDateOrDateTime,
  checkNotInFuture,
  checkOptionalBoolean,
  checkRequiredText,
  firstRefusal,
  normalisedTimestamp,
  requiredText,
} from './validation';

/**
 * IVO's decision on a notification (LC-6 S9, LC-8). Allowed on a closed case, since IVO decides long
 * after; `reopen: true` reopens a closed case with IVO's decision as the reason (LC-2).
 */
export function decideRecordIvoDecision(
  command: CaseCommandOfType<'record-ivo-decision'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal =
    firstRefusal(
      checkDateOrDateTime(data.decidedAt, 'decidedAt', 'datum för IVO:s beslut'),
      checkNotInFuture(String(data.decidedAt), 'decidedAt', 'datum för IVO:s beslut', now),
      checkRequiredText(data.summary, 'summary', 'sammanfattning av IVO:s beslut'),
      checkOptionalBoolean(data.reopen, 'reopen', 'öppna igen'),
    ) ?? refusalBeforeIvoReport(state, 'registrera IVO:s beslut');
  if (refusal) return refused(refusal);
  const reopen = data.reopen === true;
  if (reopen && state.stage !== 'closed') {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'CASE_NOT_CLOSED',
        'Ärendet är inte avslutat; IVO:s beslut registreras utan att ärendet öppnas igen.',
      ),
    );
  }

  const at = now.toISOString();
  const by = command.actor.username;
  const summary = requiredText(data.summary);
  return accepted(
    {
      type: 'IvoDecisionRecorded',
      data: {
        decidedAt: normalisedTimestamp(String(data.decidedAt)),
        summary,
        reopened: reopen,
        role: actingRole(command.actor, IVO_ROLES, state),
        by,
        at,
      },
    },
    ...(reopen
      ? [{ type: 'CaseReopened' as const, data: { reason: `IVO:s beslut: ${summary}`, by, at } }]
      : []),
  );
}
