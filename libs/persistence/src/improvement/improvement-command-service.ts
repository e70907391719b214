import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  decideImprovement,
  formatCaseNumber,
  rebuildImprovement,
  stockholmLocalParts,
  type ImprovementAggregateState,
  type ImprovementCommand,
  type ImprovementEvent,
} from '@kvalitet/domain';
import type { EventEnvelope, EventMetadata } from '@kvalitet/contracts';
import { allocateCaseSequence } from '../case-numbers/case-number-allocator';
import { CaseRefusedError } from '../cases/case-refused.error';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';

export const IMPROVEMENT_AGGREGATE = 'improvement';

/** Reference prefixes: förbättringsförslag, förbättringsåtgärd, lärdom. */
export const IMPROVEMENT_REFERENCE_PREFIXES = {
  propose: 'FF',
  'create-action': 'FA',
  'share-lesson': 'LD',
} as const;

type CreatingCommand = Extract<ImprovementCommand, { type: 'propose' | 'create-action' | 'share-lesson' }>;
export type ImprovementCreateInput = {
  [K in CreatingCommand['type']]: Omit<Extract<CreatingCommand, { type: K }>, 'data'> & {
    data: Omit<Extract<CreatingCommand, { type: K }>['data'], 'improvementId' | 'reference'>;
  };
}[CreatingCommand['type']];
export type ImprovementCommandInput = Exclude<ImprovementCommand, CreatingCommand>;

export interface ImprovementCommandResult {
  state: ImprovementAggregateState;
  events: EventEnvelope[];
}

export interface ImprovementCommandContext {
  requestId?: string;
  /** A new item's id chosen by the caller (an Idempotency-Key's claim, ADR 0009); taken: VersionConflictError. */
  improvementId?: string;
  expectedVersion?: number;
}

export function toImprovementEvents(envelopes: readonly EventEnvelope[]): ImprovementEvent[] {
  return envelopes.map((e) => ({ type: e.type, data: e.data }) as unknown as ImprovementEvent);
}

/** The application service of the improvement aggregate: load, decide, append (events + outbox). */
export class ImprovementCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(
    input: ImprovementCreateInput,
    context: ImprovementCommandContext = {},
  ): Promise<ImprovementCommandResult> {
    const now = this.clock();
    return this.store.transaction(async (manager) => {
      const improvementId = context.improvementId ?? randomUUID();
      const prefix = IMPROVEMENT_REFERENCE_PREFIXES[input.type];
      const year = stockholmLocalParts(now).year;
      const reference = formatCaseNumber(prefix, year, await allocateCaseSequence(manager, prefix, year));
      const command = { ...input, data: { ...input.data, improvementId, reference } } as ImprovementCommand;
      const decision = decideImprovement(command, null, now);
      if (!decision.ok) throw new CaseRefusedError(decision.refusal);
      return this.append(manager, improvementId, null, [], decision.events, command.actor.username, context);
    });
  }

  async execute(
    id: string,
    command: ImprovementCommandInput,
    context: ImprovementCommandContext = {},
  ): Promise<ImprovementCommandResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.transaction(async (manager) => {
          const history = await this.store.load(id, manager);
          const state = this.rebuild(history);
          if (context.expectedVersion !== undefined && (state?.version ?? 0) !== context.expectedVersion)
            throw new VersionConflictError(id, context.expectedVersion);
          const decision = decideImprovement(command, state, this.clock());
          if (!decision.ok) throw new CaseRefusedError(decision.refusal);
          return this.append(manager, id, state, history, decision.events, command.actor.username, context);
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError) || context.expectedVersion !== undefined || attempt >= 3)
          throw error;
      }
    }
  }

  async load(id: string): Promise<{ state: ImprovementAggregateState | null; events: EventEnvelope[] }> {
    const events = await this.store.load(id);
    return { state: this.rebuild(events), events };
  }

  rebuild(envelopes: readonly EventEnvelope[]): ImprovementAggregateState | null {
    if (envelopes.length === 0 || envelopes[0]!.aggregateType !== IMPROVEMENT_AGGREGATE) return null;
    return rebuildImprovement(toImprovementEvents(envelopes));
  }

  private async append(
    manager: EntityManager,
    id: string,
    state: ImprovementAggregateState | null,
    history: EventEnvelope[],
    decided: readonly ImprovementEvent[],
    actor: string,
    context: ImprovementCommandContext,
  ): Promise<ImprovementCommandResult> {
    const metadata: EventMetadata = {
      actor,
      correlationId: randomUUID(),
      ...(context.requestId ? { requestId: context.requestId } : {}),
    };
    const appended = await this.store.append(
      {
        aggregateType: IMPROVEMENT_AGGREGATE,
        aggregateId: id,
        expectedVersion: state?.version ?? 0,
        metadata,
        events: decided.map((e) => ({ type: e.type, data: e.data })),
      },
      manager,
    );
    const next = this.rebuild([...history, ...appended]);
    if (!next) throw new Error(`improvement ${id} has no state after append`);
    return { state: next, events: appended };
  }
}
