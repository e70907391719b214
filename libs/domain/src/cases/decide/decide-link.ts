import type { CaseCommandOfType } from '../case-commands';
import { CASE_LINK_RELATIONS, escalationTargetOf } from '../case-link';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { CASE_TYPE_LABELS, CASE_TYPES } from '../case-type';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import { notForType } from './stage-refusals';
import {
  checkOneOf,
  checkOptionalText,
  checkRequiredText,
  firstRefusal,
  invalidField,
  optionalText,
  requiredText,
} from './validation';

function selfLink(state: CaseAggregateState, caseId: unknown) {
  return typeof caseId === 'string' && caseId.trim().toLowerCase() === state.id.toLowerCase()
    ? invalidField('caseId', 'Ett ärende kan inte länkas till sig självt.', 'SELF_LINK')
    : null;
}

/**
 * One side of a link between two cases (api.md v1.1 `link`, LC-2): persistence decides it on both
 * cases in one transaction, the other side with the reverse relation. The same case and relation
 * again is accepted with no events ("linking twice is a no-op"), so each side is idempotent on its
 * own. Allowed on a closed case: a link adds knowledge about the case, it changes none of its handling.
 */
export function decideLink(
  command: CaseCommandOfType<'link'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkRequiredText(data.caseId, 'caseId', 'det länkade ärendets id'),
    selfLink(state, data.caseId),
    checkRequiredText(data.caseNumber, 'caseNumber', 'det länkade ärendets nummer'),
    checkOneOf(data.relation, CASE_LINK_RELATIONS, 'relation', 'relation'),
    checkOptionalText(data.rationale, 'rationale', 'motivering'),
  );
  if (refusal) return refused(refusal);
  const caseId = requiredText(data.caseId).toLowerCase();
  if ((state.links ?? []).some((link) => link.caseId === caseId && link.relation === data.relation))
    return accepted();
  const rationale = optionalText(data.rationale);
  return accepted({
    type: 'CaseLinked',
    data: {
      caseId,
      caseNumber: requiredText(data.caseNumber),
      relation: data.relation,
      ...(rationale === undefined ? {} : { rationale }),
      by: command.actor.username,
      at: now.toISOString(),
    },
  });
}

/**
 * "Eskalera till lex Sarah / lex Maria" (LC-2, LC-4 step 6), the original's side: a deviation stays
 * as it is (statistics count it as reported) and records that it led to a new statutory case, which
 * persistence reports in the same transaction with the reporter's facts copied. Only the target
 * of the deviation's own type: a deviation to lex Sarah, an HSL deviation to lex Maria.
 */
export function decideEscalate(
  command: CaseCommandOfType<'escalate'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const refusal = firstRefusal(
    checkOneOf(data.toType, ['lex_sarah', 'lex_maria'] as const, 'toType', 'ärendetyp att eskalera till'),
    checkRequiredText(data.rationale, 'rationale', 'motivering'),
    checkRequiredText(data.newCaseId, 'newCaseId', 'det nya ärendets id'),
    checkRequiredText(data.newCaseNumber, 'newCaseNumber', 'det nya ärendets nummer'),
  );
  if (refusal) return refused(refusal);
  const target = escalationTargetOf(state.type);
  if (target === null) return refused(notForType(state, 'eskalera till lex Sarah eller lex Maria'));
  // One statutory case per deviation: a second escalation (two managers at once) would be a duplicate.
  const earlier = (state.links ?? []).find((link) => link.escalatedTo !== undefined);
  if (earlier) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'ALREADY_ESCALATED',
        `Avvikelsen är redan eskalerad till ${CASE_TYPE_LABELS[earlier.escalatedTo!]} i ärende ${earlier.caseNumber}; länka ärendet i stället om det behövs.`,
      ),
    );
  }
  if (target !== data.toType) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'WRONG_ESCALATION_TARGET',
        `Ett ärende av typen ${CASE_TYPE_LABELS[state.type]} eskaleras till ${CASE_TYPE_LABELS[target]}, inte till ${
          CASE_TYPES.includes(data.toType) ? CASE_TYPE_LABELS[data.toType] : String(data.toType)
        }.`,
      ),
    );
  }
  return accepted({
    type: 'CaseLinked',
    data: {
      caseId: requiredText(data.newCaseId).toLowerCase(),
      caseNumber: requiredText(data.newCaseNumber),
      relation: 'led_to',
      escalatedTo: target,
      rationale: requiredText(data.rationale),
      by: command.actor.username,
      at: now.toISOString(),
    },
  });
}
