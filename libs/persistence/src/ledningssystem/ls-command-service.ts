import type { EntityManager } from 'typeorm';
import {
  rebuildLs,
  type Decision,
  type DutyTasksOpened,
  type LsActor,
  type LsAggregate,
  type LsEvent,
  type LsStateBase,
} from '@kvalitet/domain';
import type { AggregateType, EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import {
  AggregateCommandService,
  type CommandContext,
  type CommandResult,
} from '../aggregates/aggregate-command-service';

export type LsCommandContext = CommandContext;

const DUTY_TASKS_OPENED: DutyTasksOpened['type'] = 'DutyTasksOpened';

export interface LsCommandResult<S> extends CommandResult<S> {
  /** For `advance-duties`: when the process manager should look again. */
  nextWakeAt?: string | null;
}

/**
 * The application service of one register of the ledningssystem (routines, egenkontroll, …): the
 * aggregate command service over the register's decider, plus a fold of the whole register.
 */
export class LsCommandService<
  S extends LsStateBase,
  C extends { readonly type: string; readonly actor: LsActor },
  E extends LsEvent,
> extends AggregateCommandService<S, E | DutyTasksOpened> {
  constructor(
    readonly aggregate: LsAggregate<S, C, E>,
    store: EventStore,
    clock: () => Date = () => new Date(),
  ) {
    super(
      {
        aggregateType: aggregate.aggregateType as AggregateType,
        rebuild: (events) => rebuildLs(aggregate.evolve, events),
        // The process manager opens duty tasks at any moment; a page loaded before that is not stale.
        unseenIsHarmless: (event) => event.type === DUTY_TASKS_OPENED,
      },
      store,
      clock,
    );
  }

  async execute(id: string, command: C, context: LsCommandContext = {}): Promise<LsCommandResult<S>> {
    const { state, events, nextWakeAt } = await this.handle(
      id,
      command.actor.username,
      // `advance-duties` answers when to look again (decideAdvanceDuties) besides its events
      (current, now) =>
        this.aggregate.decide(command, current, now) as Decision<E> & { nextWakeAt?: string | null },
      context,
    );
    return { state, events, ...(nextWakeAt !== undefined ? { nextWakeAt } : {}) };
  }

  /** Every state of this register, folded from the event store (rebuilds and small registers). */
  async all(manager?: EntityManager): Promise<S[]> {
    const byId = new Map<string, EventEnvelope[]>();
    for await (const page of this.store.readAllPages({ aggregateType: this.stream.aggregateType }, manager)) {
      for (const e of page) {
        const list = byId.get(e.aggregateId) ?? [];
        list.push(e);
        byId.set(e.aggregateId, list);
      }
    }
    return [...byId.values()].map((events) => this.rebuild(events)).filter((s): s is S => s !== null);
  }
}
