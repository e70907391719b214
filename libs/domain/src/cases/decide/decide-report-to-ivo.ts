import type { CaseCommandOfType } from '../case-commands';
import { isIvoReportPending } from '../case-progress';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { checkDelegation } from './delegation-check';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { notForType } from './stage-refusals';
import {
  checkDateOrDateTime,
  checkNotInFuture,
  checkRequiredText,
  firstRefusal,
  normalisedTimestamp,
  requiredText,
} from './validation';

/**
 * The notification to IVO after a serious lex Sarah or lex Maria decision, "snarast" (LC-6 S6, LC-8
 * step 5, DL-5, DL-8). Once per serious decision: after a reopen, a new serious decision needs a new
 * notification (ADR 0009). Meets the `ivo_report` deadline and completes `report_to_ivo` tasks.
 */
export function decideReportToIvo(
  command: CaseCommandOfType<'report-to-ivo'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.ivoReference, 'ivoReference', 'IVO:s diarienummer'),
    checkDateOrDateTime(data.reportedAt, 'reportedAt', 'datum för anmälan'),
    checkNotInFuture(String(data.reportedAt), 'reportedAt', 'datum för anmälan', now),
  );
  if (refusal) return refused(refusal);
  if (state.type !== 'lex_sarah' && state.type !== 'lex_maria')
    return refused(notForType(state, 'anmäla till IVO'));
  if (state.decision === null || !state.decision.requiresIvoReport) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'IVO_REPORT_NOT_REQUIRED',
        'Anmälan till IVO görs efter ett beslut om allvarligt missförhållande, påtaglig risk för allvarligt missförhållande eller allvarlig vårdskada.',
      ),
    );
  }
  if (!isIvoReportPending(state)) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'ALREADY_REPORTED_TO_IVO',
        'Beslutet är redan anmält till IVO; ett nytt allvarligt beslut efter att ärendet öppnats igen kräver en ny anmälan.',
      ),
    );
  }

  if (state.type === 'lex_maria' && state.statutorySteps.patientInformation === null) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'PATIENT_INFORMATION_REQUIRED',
        'Anmälan till IVO registreras först när informationen till patienten eller närstående är registrerad (eller varför den inte var möjlig).',
      ),
    );
  }
  // Last: a missing step is INVALID_TRANSITION before a missing delegation (api.md v1.1).
  const delegated = checkDelegation(command, state);
  if (delegated.refusal) return refused(delegated.refusal);

  const at = now.toISOString();
  const by = command.actor.username;
  return accepted(
    {
      type: 'ReportedToIvo',
      data: {
        ivoReference: requiredText(data.ivoReference),
        reportedAt: normalisedTimestamp(data.reportedAt),
        ...(delegated.delegation === null ? {} : { delegation: delegated.delegation }),
        by,
        at,
      },
    },
    ...meetOpenDeadlines(state, deadlineKindsMetBy('ReportedToIvo'), at, by),
    ...completeOpenTasks(state, taskKindsDoneBy('ReportedToIvo'), at, by),
  );
}
