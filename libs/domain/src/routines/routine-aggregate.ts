import type { LsAggregate } from '../ledningssystem/ls-aggregate';
import { rebuildLs } from '../ledningssystem/ls-aggregate';
import { decideRoutine } from './decide-routine';
import { evolveRoutine } from './evolve-routine';
import { routineDuties } from './routine-revision';
import type { RoutineCommand, RoutineEvent, RoutineState } from './routine-types';

export const ROUTINE_AGGREGATE_TYPE = 'routine';

export const ROUTINE_AGGREGATE: LsAggregate<RoutineState, RoutineCommand, RoutineEvent> = {
  aggregateType: ROUTINE_AGGREGATE_TYPE,
  decide: decideRoutine,
  evolve: evolveRoutine,
  duties: routineDuties,
  label: (state) => state.code,
  finished: (state) => state.status === 'repealed',
};

export function rebuildRoutine(events: readonly RoutineEvent[]): RoutineState | null {
  return rebuildLs<RoutineState, RoutineEvent>(ROUTINE_AGGREGATE.evolve, events);
}
