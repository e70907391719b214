import { evolveLs, withSettledTasks } from '../ledningssystem/ls-aggregate';
import { routineDuties } from './routine-revision';
import { caseLinksOf, reviewRequestsOf } from './routine-case-links';
import type { RoutineEvent, RoutineState } from './routine-types';

export const evolveRoutine = evolveLs<RoutineState, RoutineEvent, 'RoutineRegistered'>({
  createdBy: 'RoutineRegistered',
  created: ({ data: d }, version) => ({
    id: d.routineId,
    version,
    tasks: [],
    kind: d.kind,
    level: d.level,
    code: d.code,
    title: d.title,
    unitId: d.unitId,
    owner: d.owner,
    administrator: d.administrator ?? null,
    parentId: d.parentId ?? null,
    revisionInterval: d.revisionInterval,
    cooperation: d.cooperation ?? [],
    status: 'draft',
    versions: [],
    nextRevisionDue: null,
    registeredAt: d.registeredAt,
    repeal: null,
    caseLinks: [],
    reviewRequests: [],
  }),
  changed: (state, event, version) => {
    switch (event.type) {
      case 'RoutineVersionAdopted': {
        const { nextRevisionDue, ...version_ } = event.data;
        const next: RoutineState = {
          ...state,
          version,
          status: 'adopted',
          versions: [...state.versions, version_],
          nextRevisionDue,
          reviewRequests: reviewRequestsOf(state).map((r) =>
            r.answeredAt ? r : { ...r, answeredAt: event.data.adoptedAt },
          ),
        };
        // A new version is the revision: the tasks of the previous revision date are done.
        return withSettledTasks(next, routineDuties(next), event.data.adoptedAt);
      }
      case 'RoutineCaseLinked':
        return { ...state, version, caseLinks: [...caseLinksOf(state), event.data] };
      case 'RoutineReviewRequested':
        return {
          ...state,
          version,
          reviewRequests: [...reviewRequestsOf(state), { ...event.data, answeredAt: null }],
        };
      case 'RoutineOwnershipChanged':
        return { ...state, version, owner: event.data.owner, administrator: event.data.administrator };
      case 'RoutineRepealed': {
        const next: RoutineState = {
          ...state,
          version,
          status: 'repealed',
          nextRevisionDue: null,
          repeal: { decision: event.data.decision, reason: event.data.reason, at: event.data.at },
        };
        return withSettledTasks(next, [], event.data.at);
      }
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
});
