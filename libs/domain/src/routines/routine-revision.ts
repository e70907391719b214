import { addPolicyDuration } from '../policy/add-policy-duration';
import { stockholmDateOf, stockholmStartOfDay } from '../calendar/stockholm-time';
import type { Duty } from '../ledningssystem/duty';
import { reviewRequestsOf } from './routine-case-links';
import type { RoutineState } from './routine-types';

/** How long the owner has to answer a requested review (inferred: a month, like a control's notice). */
export const REVIEW_REQUEST_TIME = 'P30D';

/** The next revision date: the valid-from date of the current version plus the revision interval (PR-5). */
export function nextRevisionDate(validFrom: string, interval: string): string {
  return stockholmDateOf(addPolicyDuration(stockholmStartOfDay(validFrom), interval));
}

/**
 * The pending revision of an adopted routine: due at the start of its revision date, for its
 * owner (DL-32: "Det ska vara fastställt hur ofta … ska revideras"; the alert is the policy's notice).
 */
export function routineDuties(state: RoutineState): Duty[] {
  if (state.status !== 'adopted' || state.nextRevisionDue === null) return [];
  const what = `${state.kind === 'process' ? 'processen' : 'rutinen'} ${state.code} ${state.title}`;
  // PR-8: a case that showed the document not fit for purpose asks its owner for a review.
  const reviews: Duty[] = reviewRequestsOf(state)
    .filter((r) => r.answeredAt === null)
    .map((r) => ({
      key: `review/${r.requestId}`,
      kind: 'routine_revision',
      title: `Se över ${what}: ett ärende visar att den inte är ändamålsenlig`,
      dueAt: addPolicyDuration(new Date(r.requestedAt), REVIEW_REQUEST_TIME).toISOString(),
      assignee: state.owner,
      unitId: state.unitId,
    }));
  return [
    ...reviews,
    {
      key: `revision/${state.nextRevisionDue}`,
      kind: 'routine_revision',
      title: `Revidera ${what}`,
      dueAt: stockholmStartOfDay(state.nextRevisionDue).toISOString(),
      assignee: state.owner,
      unitId: state.unitId,
    },
  ];
}

/** Overdue: the revision date has passed without a new version (PR-5 "overdue → flagged"). */
export function isRevisionOverdue(state: RoutineState, at: Date): boolean {
  return (
    state.status === 'adopted' &&
    state.nextRevisionDue !== null &&
    stockholmStartOfDay(state.nextRevisionDue).getTime() <= at.getTime()
  );
}
