import type { LsAggregate } from '../ledningssystem/ls-aggregate';
import { rebuildLs } from '../ledningssystem/ls-aggregate';
import { decideEgenkontroll } from './decide-egenkontroll';
import { egenkontrollDuties } from './egenkontroll-duties';
import { evolveEgenkontroll } from './evolve-egenkontroll';
import type { EgenkontrollCommand, EgenkontrollEvent, EgenkontrollPlanState } from './egenkontroll-types';

export const EGENKONTROLL_AGGREGATE: LsAggregate<
  EgenkontrollPlanState,
  EgenkontrollCommand,
  EgenkontrollEvent
> = {
  aggregateType: 'egenkontroll',
  decide: decideEgenkontroll,
  evolve: evolveEgenkontroll,
  duties: egenkontrollDuties,
  label: (state) => `EK-${state.year}-${state.unitId}`,
  // A plan's year ends; its workflow stops once every occurrence and action is recorded.
  finished: (state) => state.status === 'adopted' && egenkontrollDuties(state).length === 0,
};

export function rebuildEgenkontroll(events: readonly EgenkontrollEvent[]): EgenkontrollPlanState | null {
  return rebuildLs<EgenkontrollPlanState, EgenkontrollEvent>(EGENKONTROLL_AGGREGATE.evolve, events);
}
