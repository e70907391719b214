import { routineChanges, type RoutineState } from '@kvalitet/domain';
import type { RoutineChangeDto } from './routine.dto';

/**
 * The adoptions, revisions and repeals whose decision falls within `from`–`to` (both included), in
 * the order they were decided (AUD-19), read by the same rule as the reports' change log.
 */
export function routineChangesBetween(
  routines: readonly RoutineState[],
  { from, to }: { from: string; to: string },
): RoutineChangeDto[] {
  return routineChanges(routines, (day) => day >= from && day <= to).map(({ routine, ...c }) => ({
    routineId: routine.id,
    code: routine.code,
    title: routine.title,
    kind: routine.kind,
    level: routine.level,
    unitId: routine.unitId,
    change: c.change,
    // The register's list names the version only where one was adopted (api: none on a repeal).
    version: c.change === 'repealed' ? null : c.version,
    decision: { ...c.decision },
    changeNote: c.note,
  }));
}
