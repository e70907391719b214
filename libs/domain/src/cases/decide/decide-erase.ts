import { stockholmDateOf } from '../../calendar/stockholm-time';
import { gallringDueOf } from '../../records/gallring-due';
import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';

const NOT_DUE: Readonly<Record<string, { code: string; detail: string }>> = {
  no_rule: {
    code: 'NO_RETENTION_RULE',
    detail: 'Ärendetypen har ingen gallringsregel; ärendet gallras inte.',
  },
  open: { code: 'CASE_NOT_CLOSED', detail: 'Ett ärende gallras först när det är avslutat.' },
  legal_hold: { code: 'LEGAL_HOLD', detail: 'Ärendet har en spärr mot gallring.' },
  not_yet: { code: 'GALLRING_NOT_DUE', detail: 'Ärendets gallringsfrist har inte löpt ut.' },
};

/**
 * Gallring of one case (DATA-2): accepted only when `gallringDueOf` says it is due today (Stockholm),
 * so a repeated or concurrent run erases nothing twice (ADR 0027). The event only records the
 * erasure; persistence erases the personal data in the same transaction.
 */
export function decideErase(
  command: CaseCommandOfType<'erase'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const due = gallringDueOf(command.data.rules, state, stockholmDateOf(now));
  if (!due.due) {
    const why = NOT_DUE[due.why] ?? NOT_DUE['not_yet']!;
    return refused(caseRefusal('INVALID_TRANSITION', why.code, why.detail));
  }
  const { caseType, keepYears, from } = due.rule;
  return accepted({
    type: 'CaseErased',
    data: {
      caseNumber: state.caseNumber,
      caseType: state.type,
      unitId: state.unitId,
      rule: { caseType, keepYears, from },
      dueOn: due.dueOn,
      erasedAt: now.toISOString(),
      erasedBy: command.data.erasedBy,
    },
  });
}
