import type { RoutineState } from '@kvalitet/domain';
import type { RoutineChangeDto } from './routine.dto';

/**
 * The adoptions, revisions and repeals whose decision falls within `from`–`to` (both included), in
 * the order they were decided (AUD-19: the year's process changes go into the reports). The first
 * version of a document is its adoption; every later one a revision.
 */
export function routineChangesBetween(
  routines: readonly RoutineState[],
  { from, to }: { from: string; to: string },
): RoutineChangeDto[] {
  const within = (date: string) => date >= from && date <= to;
  const changes = routines.flatMap((r) => {
    const heading = {
      routineId: r.id,
      code: r.code,
      title: r.title,
      kind: r.kind,
      level: r.level,
      unitId: r.unitId,
    };
    const versions = r.versions.map((v, index): RoutineChangeDto => ({
      ...heading,
      change: index === 0 ? 'adopted' : 'revised',
      version: v.version,
      decision: { ...v.decision },
      changeNote: v.changeNote,
    }));
    const repeal: RoutineChangeDto[] = r.repeal
      ? [
          {
            ...heading,
            change: 'repealed',
            version: null,
            decision: { ...r.repeal.decision },
            changeNote: r.repeal.reason,
          },
        ]
      : [];
    return [...versions, ...repeal].filter((c) => within(c.decision.decidedOn));
  });
  return changes.sort(
    (a, b) => a.decision.decidedOn.localeCompare(b.decision.decidedOn) || a.code.localeCompare(b.code),
  );
}
