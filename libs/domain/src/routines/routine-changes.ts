import type { AdoptionDecision } from '../ledningssystem/ledningssystem-common';
import type { RoutineState } from './routine-types';

export type RoutineChangeKind = 'adopted' | 'revised' | 'repealed';

/** What of a routine its change log reads. */
export type RoutineChangeSource = Pick<RoutineState, 'kind' | 'code' | 'title' | 'versions' | 'repeal'>;

/** One decided change of a process or routine (PR-4): its first version, a later one, or its repeal. */
export interface RoutineChange<R extends RoutineChangeSource = RoutineChangeSource> {
  readonly routine: R;
  readonly change: RoutineChangeKind;
  /** The version adopted; for a repeal, the version that was in force. */
  readonly version: string | null;
  readonly decision: AdoptionDecision;
  /** `YYYY-MM-DD`: the decision's date, or the day it was recorded when the decision has none. */
  readonly date: string;
  /** The change note, or the reason for the repeal. */
  readonly note: string;
}

/**
 * The adoptions, revisions and repeals decided on the days `inPeriod` accepts, in the order they were
 * decided (AUD-19: the year's process changes go into the reports; the register's own change list
 * reads the same). The first version of a document is its adoption; every later one a revision.
 */
export function routineChanges<R extends RoutineChangeSource>(
  routines: readonly R[],
  inPeriod: (day: string) => boolean,
): RoutineChange<R>[] {
  const decidedDay = (decision: AdoptionDecision, recordedAt: string) =>
    decision.decidedOn || recordedAt.slice(0, 10);
  const changes = routines.flatMap((routine): RoutineChange<R>[] => {
    const versions = routine.versions.map((v, index): RoutineChange<R> => ({
      routine,
      change: index === 0 ? 'adopted' : 'revised',
      version: v.version,
      decision: v.decision,
      date: decidedDay(v.decision, v.adoptedAt),
      note: v.changeNote,
    }));
    const repeal: RoutineChange<R>[] = routine.repeal
      ? [
          {
            routine,
            change: 'repealed',
            version: routine.versions.at(-1)?.version ?? null,
            decision: routine.repeal.decision,
            date: decidedDay(routine.repeal.decision, routine.repeal.at),
            note: routine.repeal.reason,
          },
        ]
      : [];
    return [...versions, ...repeal].filter((c) => inPeriod(c.date));
  });
  return changes.sort(
    (a, b) => a.date.localeCompare(b.date) || a.routine.code.localeCompare(b.routine.code, 'sv'),
  );
}
