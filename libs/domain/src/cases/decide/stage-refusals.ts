import { caseRefusal } from '../case-refusal';
import type { CaseRefusal } from '../case-refusal';
import { CASE_STAGE_LABELS } from '../case-stage';
import type { CaseAggregateState } from '../case-state';
import { CASE_TYPE_LABELS } from '../case-type';

/** Refusal for a command that the case's current stage does not allow (api.md: 409 INVALID_TRANSITION). */
export function wrongStage(state: CaseAggregateState, what: string): CaseRefusal {
  return caseRefusal(
    'INVALID_TRANSITION',
    'WRONG_STAGE',
    `Det går inte att ${what} när ärendet har steget "${CASE_STAGE_LABELS[state.stage]}".`,
  );
}

/** Refusal for a command that the case's type does not allow. */
export function notForType(state: CaseAggregateState, what: string): CaseRefusal {
  return caseRefusal(
    'INVALID_TRANSITION',
    'NOT_ALLOWED_FOR_TYPE',
    `Det går inte att ${what} i ett ärende av typen ${CASE_TYPE_LABELS[state.type]}.`,
  );
}
