import { randomUUID } from 'node:crypto';
import {
  decideImprovement,
  rebuildImprovement,
  type ImprovementAggregateState,
  type ImprovementCommand,
  type ImprovementEvent,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import {
  AggregateCommandService,
  acceptedEvents,
  toDomainEvents,
  type CommandContext,
  type CommandResult,
} from '../aggregates/aggregate-command-service';
import { allocateReference } from '../case-numbers/case-number-allocator';
import type { EventStore } from '../event-store/event-store';

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

export type ImprovementCommandResult = CommandResult<ImprovementAggregateState>;

export interface ImprovementCommandContext extends CommandContext {
  /** A new item's id chosen by the caller (an Idempotency-Key's claim, ADR 0009); taken: VersionConflictError. */
  improvementId?: string;
}

export function toImprovementEvents(envelopes: readonly EventEnvelope[]): ImprovementEvent[] {
  return toDomainEvents<ImprovementEvent>(envelopes);
}

/**
 * The application service of the improvement aggregate: the aggregate command service; a new
 * proposal, action or lesson gets its `FF`/`FA`/`LD` reference in the same transaction.
 */
export class ImprovementCommandService extends AggregateCommandService<
  ImprovementAggregateState,
  ImprovementEvent
> {
  constructor(store: EventStore, clock: () => Date = () => new Date()) {
    super({ aggregateType: IMPROVEMENT_AGGREGATE, rebuild: rebuildImprovement }, store, clock);
  }

  async create(
    input: ImprovementCreateInput,
    context: ImprovementCommandContext = {},
  ): Promise<ImprovementCommandResult> {
    const now = this.clock();
    return this.store.transaction(async (manager) => {
      const improvementId = context.improvementId ?? randomUUID();
      const reference = await allocateReference(manager, IMPROVEMENT_REFERENCE_PREFIXES[input.type], now);
      const command = { ...input, data: { ...input.data, improvementId, reference } } as ImprovementCommand;
      const decided = acceptedEvents(decideImprovement(command, null, now));
      return this.append(manager, improvementId, decided, command.actor.username, context);
    });
  }

  async execute(
    id: string,
    command: ImprovementCommandInput,
    context: ImprovementCommandContext = {},
  ): Promise<ImprovementCommandResult> {
    return this.handle(
      id,
      command.actor.username,
      (state, now) => decideImprovement(command, state, now),
      context,
    );
  }
}
