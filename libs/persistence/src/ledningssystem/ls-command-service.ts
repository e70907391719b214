import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { LsActor, LsAggregate, Decision, LsEvent, LsStateBase, DutyTasksOpened } from '@kvalitet/domain';
import type { AggregateType, EventEnvelope, EventMetadata } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { LsRefusedError } from './ls-refused.error';

export interface LsCommandContext {
  correlationId?: string;
  causationId?: string;
  requestId?: string;
  /** The caller's view; a stale one is a VersionConflictError (409). */
  expectedVersion?: number;
}

export interface LsCommandResult<S> {
  state: S;
  events: EventEnvelope[];
  /** For `advance-duties`: when the process manager should look again. */
  nextWakeAt?: string | null;
}

const AUTOMATIC_RETRIES = 3;

/**
 * The application service of one register of the ledningssystem (routines, egenkontroll, …): load
 * the stream, decide with the pure decider, append with optimistic concurrency through the event
 * store (events + outbox in one statement). API and Temporal activities both write through it.
 */
export class LsCommandService<S extends LsStateBase, C extends { readonly type: string; readonly actor: LsActor }, E extends LsEvent> {
  constructor(
    readonly aggregate: LsAggregate<S, C, E>,
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  rebuild(envelopes: readonly EventEnvelope[]): S | null {
    let state: S | null = null;
    for (const e of envelopes) state = this.aggregate.evolve(state, { type: e.type, data: e.data } as unknown as E | DutyTasksOpened, e.version);
    return state;
  }

  async load(id: string, manager?: EntityManager): Promise<{ state: S | null; events: EventEnvelope[] }> {
    const events = (await this.store.load(id, manager)).filter((e) => e.aggregateType === this.aggregate.aggregateType);
    return { state: this.rebuild(events), events };
  }

  async execute(id: string, command: C, context: LsCommandContext = {}): Promise<LsCommandResult<S>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.transaction(async (manager) => {
          const history = await this.store.load(id, manager);
          if (history.some((e) => e.aggregateType !== this.aggregate.aggregateType)) throw new LsRefusedError({ code: 'NOT_FOUND', reason: 'NOT_FOUND', message: 'Finns inte' });
          const state = this.rebuild(history);
          if (context.expectedVersion !== undefined && (state?.version ?? 0) !== context.expectedVersion) throw new VersionConflictError(id, context.expectedVersion);
          const decision = this.aggregate.decide(command, state, this.clock()) as Decision<E> & { nextWakeAt?: string | null };
          if (!decision.ok) throw new LsRefusedError(decision.refusal);
          const metadata: EventMetadata = {
            actor: command.actor.username,
            correlationId: context.correlationId ?? randomUUID(),
            ...(context.causationId ? { causationId: context.causationId } : {}),
            ...(context.requestId ? { requestId: context.requestId } : {}),
          };
          const appended = await this.store.append(
            {
              aggregateType: this.aggregate.aggregateType as AggregateType,
              aggregateId: id,
              expectedVersion: state?.version ?? 0,
              metadata,
              events: decision.events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> })),
            },
            manager,
          );
          const next = this.rebuild([...history, ...appended]);
          if (!next) throw new LsRefusedError({ code: 'NOT_FOUND', reason: 'NOT_FOUND', message: 'Finns inte' });
          return { state: next, events: appended, ...(decision.nextWakeAt !== undefined ? { nextWakeAt: decision.nextWakeAt } : {}) };
        });
      } catch (error) {
        const retry = error instanceof VersionConflictError && context.expectedVersion === undefined && attempt < AUTOMATIC_RETRIES;
        if (!retry) throw error;
      }
    }
  }

  /** Every state of this register, folded from the event store (rebuilds and small registers). */
  async all(manager?: EntityManager): Promise<S[]> {
    const byId = new Map<string, EventEnvelope[]>();
    for await (const page of this.store.readAllPages({ aggregateType: this.aggregate.aggregateType as AggregateType }, manager)) {
      for (const e of page) {
        const list = byId.get(e.aggregateId) ?? [];
        list.push(e);
        byId.set(e.aggregateId, list);
      }
    }
    return [...byId.values()].map((events) => this.rebuild(events)).filter((s): s is S => s !== null);
  }
}
