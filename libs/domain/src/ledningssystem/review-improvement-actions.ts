import type { Refusal } from '../common/refusal';
import { newRefusal } from '../common/refusal';
import { parseLocalDate } from '../calendar/local-date';
import { stockholmDateOf, stockholmWallClockToInstant } from '../calendar/stockholm-time';
import { requireLocalDate, requireText } from './ledningssystem-common';

/**
 * An improvement the nämnd decided at the March review, as an owned action of next year's action plan
 * (REP-13, IMP-10, DL-24): it becomes an improvement action (`improvementId`) whose owner gets the task.
 */
export interface ReviewImprovementAction {
  readonly improvementId: string;
  readonly title: string;
  /** Username of the one who answers for the action. */
  readonly owner: string;
  /** The last day (`YYYY-MM-DD`, Stockholm). */
  readonly dueOn: string;
  readonly unitId: string;
}

/** The first refusal among the decided actions (field `actions[i].<name>`), or null when all are whole. */
export function validateReviewActions(
  actions: readonly ReviewImprovementAction[],
  now: Date,
): Refusal | null {
  const today = stockholmDateOf(now);
  for (const [index, action] of actions.entries()) {
    const field = (name: string) => `actions[${index}].${name}`;
    const refusal =
      requireText(action.title, field('title'), 'Rubrik') ??
      requireText(action.owner, field('owner'), 'Ansvarig') ??
      requireText(action.dueOn, field('dueOn'), 'Slutdatum') ??
      requireLocalDate(
        action.dueOn,
        field('dueOn'),
        'Slutdatum ska vara ett datum, till exempel 2027-06-30',
      ) ??
      requireText(action.unitId, field('unitId'), 'Enhet');
    if (refusal) return refusal;
    if (action.dueOn < today)
      return newRefusal('VALIDATION_FAILED', 'IN_PAST', 'Slutdatum får inte ha passerat', field('dueOn'));
  }
  return null;
}

export function normalisedReviewAction(action: ReviewImprovementAction): ReviewImprovementAction {
  return { ...action, title: action.title.trim(), owner: action.owner.trim(), unitId: action.unitId.trim() };
}

/** The improvement plan's deadline: the end of the due day in Stockholm. */
export function reviewActionDueAt(dueOn: string): string {
  const parts = parseLocalDate(dueOn);
  if (!parts) throw new RangeError(`Ogiltigt datum: "${dueOn}"`);
  return stockholmWallClockToInstant({ ...parts, hour: 23, minute: 59, second: 59 }).toISOString();
}
