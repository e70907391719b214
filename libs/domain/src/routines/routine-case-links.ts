import type { RoutineCaseLink, RoutineReviewRequest, RoutineState } from './routine-types';

/**
 * Cases linked to a process or routine and the reviews they asked for (PR-8). The link lives on the
 * routine, not the case (ADR 0033): the case stays as it was reported and investigated, the routine
 * collects the evidence of how it works.
 */

/** States kept before links existed (read-model rows written earlier) have no lists yet. */
export const caseLinksOf = (state: RoutineState): readonly RoutineCaseLink[] =>
  (state.caseLinks as readonly RoutineCaseLink[] | undefined) ?? [];

export const reviewRequestsOf = (state: RoutineState): readonly RoutineReviewRequest[] =>
  (state.reviewRequests as readonly RoutineReviewRequest[] | undefined) ?? [];

export function isCaseLinked(state: RoutineState, caseId: string): boolean {
  return caseLinksOf(state).some((link) => link.caseId === caseId);
}

/** A review asked for and not yet answered by a new version. */
export function openReviewRequests(state: RoutineState): RoutineReviewRequest[] {
  return reviewRequestsOf(state).filter((r) => r.answeredAt === null);
}
