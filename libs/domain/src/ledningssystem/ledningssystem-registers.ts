import { ARSHJUL_AGGREGATE } from '../arshjul/arshjul';
import { APPOINTMENT_AGGREGATE } from '../appointments/evolve-appointment';
import { EGENKONTROLL_AGGREGATE } from '../egenkontroll/egenkontroll-aggregate';
import { INTERNKONTROLL_AGGREGATE } from '../internkontroll/internkontroll';
import { EJ_VERKSTALLT_AGGREGATE } from '../ej-verkstallda-beslut/ej-verkstallt-beslut';
import { TRAINING_AGGREGATE } from '../training/training';
import { ROUTINE_AGGREGATE } from '../routines/routine-aggregate';
import { LEDNINGSSYSTEM_DOCUMENT_AGGREGATE } from './ledningssystem-document';
import { EVENT_ANALYSIS_AGGREGATE } from '../event-analysis/event-analysis';
import { RISK_OBSERVATION_AGGREGATE } from '../risk-observations/risk-observation';
import type { LsAggregate, LsEvent, LsStateBase } from './ls-aggregate';
import type { LsActor } from './ledningssystem-common';

type AnyLsAggregate = LsAggregate<LsStateBase, { readonly type: string; readonly actor: LsActor }, LsEvent>;

/** Every register of the ledningssystem by aggregate type: the process manager and the projection serve them all alike. */
export const LEDNINGSSYSTEM_AGGREGATES: Readonly<Record<string, AnyLsAggregate>> = {
  [ROUTINE_AGGREGATE.aggregateType]: ROUTINE_AGGREGATE as unknown as AnyLsAggregate,
  [EGENKONTROLL_AGGREGATE.aggregateType]: EGENKONTROLL_AGGREGATE as unknown as AnyLsAggregate,
  [APPOINTMENT_AGGREGATE.aggregateType]: APPOINTMENT_AGGREGATE as unknown as AnyLsAggregate,
  [TRAINING_AGGREGATE.aggregateType]: TRAINING_AGGREGATE as unknown as AnyLsAggregate,
  [INTERNKONTROLL_AGGREGATE.aggregateType]: INTERNKONTROLL_AGGREGATE as unknown as AnyLsAggregate,
  [EJ_VERKSTALLT_AGGREGATE.aggregateType]: EJ_VERKSTALLT_AGGREGATE as unknown as AnyLsAggregate,
  [LEDNINGSSYSTEM_DOCUMENT_AGGREGATE.aggregateType]:
    LEDNINGSSYSTEM_DOCUMENT_AGGREGATE as unknown as AnyLsAggregate,
  [ARSHJUL_AGGREGATE.aggregateType]: ARSHJUL_AGGREGATE as unknown as AnyLsAggregate,
  [EVENT_ANALYSIS_AGGREGATE.aggregateType]: EVENT_ANALYSIS_AGGREGATE as unknown as AnyLsAggregate,
  [RISK_OBSERVATION_AGGREGATE.aggregateType]: RISK_OBSERVATION_AGGREGATE as unknown as AnyLsAggregate,
};

export function ledningssystemAggregate(aggregateType: string): AnyLsAggregate | undefined {
  return LEDNINGSSYSTEM_AGGREGATES[aggregateType];
}

export function ledningssystemAggregateTypes(): string[] {
  return Object.keys(LEDNINGSSYSTEM_AGGREGATES);
}
