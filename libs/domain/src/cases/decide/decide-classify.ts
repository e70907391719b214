import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { CASE_TYPES } from '../case-type';
import { accepted, refused } from './decide-result';
import type { DecideCaseResult } from './decide-result';
import {
  checkOneOf,
  checkOptionalText,
  checkRequiredText,
  firstRefusal,
  optionalText,
  requiredText,
} from './validation';

/**
 * Classification and reclassification of an open case (CT-1, LC-2, LC-4 step 4, LC-6 S3, LC-7).
 * A change of type keeps the case number and `reportedAt`, and needs a rationale; deadlines are
 * recomputed by the process manager from the event. Unclassified public feedback becomes a complaint,
 * suggestion or praise this way. The type cannot change once a decision has been taken on it.
 */
export function decideClassify(
  command: CaseCommandOfType<'classify'>,
  state: CaseAggregateState,
  now: Date,
): DecideCaseResult {
  const { data } = command;
  const toType = data.type ?? state.type;
  const typeChanges = toType !== state.type;
  const refusal = firstRefusal(
    data.type === undefined ? null : checkOneOf(data.type, CASE_TYPES, 'type', 'ärendetyp'),
    checkRequiredText(data.category, 'category', 'kategori'),
    checkOptionalText(data.lagrum, 'lagrum', 'lagrum'),
    typeChanges
      ? checkRequiredText(data.rationale, 'rationale', 'motivering')
      : checkOptionalText(data.rationale, 'rationale', 'motivering'),
    data.unitId === undefined ? null : checkRequiredText(data.unitId, 'unitId', 'enhet'),
  );
  if (refusal) return refused(refusal);
  if (typeChanges && state.decision !== null) {
    return refused(
      caseRefusal(
        'INVALID_TRANSITION',
        'RECLASSIFICATION_AFTER_DECISION',
        'Ärendetypen kan inte ändras efter att beslut har fattats; öppna ett nytt, länkat ärende i stället.',
      ),
    );
  }

  const lagrum = optionalText(data.lagrum);
  const toUnitId = data.unitId === undefined ? state.unitId : requiredText(data.unitId);
  return accepted({
    type: 'CaseClassified',
    data: {
      fromType: state.type,
      toType,
      category: requiredText(data.category),
      ...(lagrum === undefined ? {} : { lagrum }),
      rationale: optionalText(data.rationale) ?? '',
      ...(toUnitId === state.unitId ? {} : { fromUnitId: state.unitId, toUnitId }),
      by: command.actor.username,
      at: now.toISOString(),
    },
  });
}
