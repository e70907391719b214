import type { CaseCommandOfType } from '../case-commands';
import { caseRefusal } from '../case-refusal';
import type { CaseAggregateState } from '../case-state';
import { escalationTargetOf } from '../case-link';
import { CASE_TYPES, HSL_CASE_TYPES } from '../case-type';
import type { CaseType } from '../case-type';
import { OTHER_CLASSIFICATION_CODE } from '../../classifications/classifications';
import { checkDelegation } from './delegation-check';
import type { CaseClassified } from '../case-events';
import { deadlineKindsMetBy, taskKindsDoneBy } from '../flow/deadline-work';
import { completeOpenTasks, meetOpenDeadlines } from './open-work';
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

/** "Annat" on a list needs the classifier's own words for it (issue 21). */
function isOther(code: string | undefined): boolean {
  return code?.trim() === OTHER_CLASSIFICATION_CODE;
}

/** Where a refused reclassification sends the user instead: the escalation, or a linked case (LC-2). */
function linkedCaseInstead(state: CaseAggregateState, toType: CaseType): string {
  if (escalationTargetOf(state.type) === toType)
    return `använd "Eskalera till ${toType === 'lex_maria' ? 'lex Maria' : 'lex Sarah'}" i stället: det skapar ett nytt ärende som länkas till det här.`;
  return 'rapportera ett nytt ärende och länka det till det här ("Länka ärende") i stället.';
}

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
    isOther(data.category)
      ? checkRequiredText(data.categoryText, 'categoryText', 'beskrivning av kategorin')
      : null,
    isOther(data.lagrum)
      ? checkRequiredText(data.lagrumText, 'lagrumText', 'beskrivning av lagrummet')
      : null,
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
        `Ärendetypen kan inte ändras efter att beslut har fattats; ${linkedCaseInstead(state, toType)}`,
      ),
    );
  }

  const delegated = checkDelegation(command, state);
  if (delegated.refusal) return refused(delegated.refusal);

  const lagrum = optionalText(data.lagrum);
  const toUnitId = data.unitId === undefined ? state.unitId : requiredText(data.unitId);
  const at = now.toISOString();
  const by = command.actor.username;
  // The MAS's classification is the MAS's assessment, which `mas_classification` waits for (LC-7, DL-7).
  const byMas = command.actor.roles.includes('mas') && HSL_CASE_TYPES.includes(toType);
  const classified: CaseClassified = {
    type: 'CaseClassified',
    data: {
      fromType: state.type,
      toType,
      category: requiredText(data.category),
      ...(lagrum === undefined ? {} : { lagrum }),
      ...(isOther(data.category) ? { categoryText: requiredText(data.categoryText!) } : {}),
      ...(isOther(data.lagrum) ? { lagrumText: requiredText(data.lagrumText!) } : {}),
      rationale: optionalText(data.rationale) ?? '',
      ...(toUnitId === state.unitId ? {} : { fromUnitId: state.unitId, toUnitId }),
      ...(delegated.delegation === null ? {} : { delegation: delegated.delegation }),
      ...(byMas ? { byMas: true as const } : {}),
      by,
      at,
    },
  };
  if (!byMas) return accepted(classified);
  return accepted(
    classified,
    ...meetOpenDeadlines(state, deadlineKindsMetBy('CaseClassified'), at, by),
    ...completeOpenTasks(
      state,
      taskKindsDoneBy('CaseClassified'),
      at,
      by,
      (task) => task.assigneeRole === 'mas',
    ),
  );
}
