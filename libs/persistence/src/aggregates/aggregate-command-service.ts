import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { newRefusal, type Decision } from '@kvalitet/domain';
import type { AggregateType, EventEnvelope, EventMetadata } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { CommandRefusedError } from './command-refused.error';

/** Who and what a command belongs to, and the version of the aggregate its caller saw. */
export interface CommandContext {
  correlationId?: string;
  causationId?: string;
  requestId?: string;
  /** The caller's view of the aggregate; a stale one is a VersionConflictError (409). */
  expectedVersion?: number;
}

export interface CommandResult<S> {
  state: S;
  events: EventEnvelope[];
}

/** What the service needs of an aggregate: its type and how its events fold into its state. */
export interface AggregateStream<S, E> {
  readonly aggregateType: AggregateType;
  /** The state after these events (the whole stream, version 1 first); null before the first. */
  rebuild(events: readonly E[]): S | null;
  /**
   * Events the system appends on its own that change nothing a person decided on (a register's
   * duty tasks opened by its process manager): a caller whose view is older only by these is not
   * stale, and the command decides on the fresh state.
   */
  readonly unseenIsHarmless?: (event: EventEnvelope) => boolean;
}

/**
 * What a decision records besides its own events, decided in the command's transaction on the loaded
 * stream: `decide` gives the command's events on a state (or throws its refusal), and the result is
 * everything to append, in order.
 */
export type RecordWith<S, E> = (
  loaded: { id: string; history: readonly EventEnvelope[]; state: S | null; now: Date },
  decide: (state: S | null) => readonly E[],
) => Promise<readonly E[]>;

/** What else an accepted decision carries (a register's `nextWakeAt`), returned with the result. */
type DecisionExtras<D> = Omit<Extract<D, { readonly ok: true }>, 'ok' | 'events'>;

const AUTOMATIC_RETRIES = 3;

/**
 * Runs `attempt` again when another writer appended first — but only when the caller gave no
 * expectedVersion. Without one the caller asked "do this to the aggregate as it is now", so a
 * concurrent writer only means deciding again on the fresh state; with one, the conflict is the answer.
 */
export async function retryOnVersionConflict<T>(
  attempt: () => Promise<T>,
  { expectedVersion, attempts = AUTOMATIC_RETRIES }: { expectedVersion?: number; attempts?: number } = {},
): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const again =
        error instanceof VersionConflictError && expectedVersion === undefined && tried < attempts;
      if (!again) throw error;
    }
  }
}

export function commandMetadata(actor: string, context: CommandContext): EventMetadata {
  return {
    actor,
    correlationId: context.correlationId ?? randomUUID(),
    ...(context.causationId ? { causationId: context.causationId } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
  };
}

/** The events of an accepted decision; a refusal is thrown as CommandRefusedError. */
export function acceptedEvents<E>(decision: Decision<E>): readonly E[] {
  if (!decision.ok) throw new CommandRefusedError(decision.refusal);
  return decision.events;
}

/** Stored events as the domain's events: the one place the store's envelopes are read as such. */
export function toDomainEvents<E>(envelopes: readonly EventEnvelope[]): E[] {
  return envelopes.map((e) => ({ type: e.type, data: e.data }) as unknown as E);
}

function extrasOf<D>(accepted: D): DecisionExtras<D> {
  const { ok: _ok, events: _events, ...extras } = accepted as D & { ok: true; events: unknown };
  return extras as DecisionExtras<D>;
}

const NOT_FOUND = newRefusal('NOT_FOUND', 'NOT_FOUND', 'Finns inte');

/**
 * The application service of an event-sourced aggregate, which API and Temporal activities both write
 * through: load the stream, fold it, decide with the pure decider, append at the version decided on
 * (events + outbox in one statement, EventStore). Cases, risk assessments, improvement and the
 * registers differ only in their decider and in how a new one is created (numbering, ADR 0010).
 */
export class AggregateCommandService<
  S extends { readonly version: number },
  E extends { readonly type: string; readonly data: unknown },
> {
  constructor(
    protected readonly stream: AggregateStream<S, E>,
    protected readonly store: EventStore,
    protected readonly clock: () => Date = () => new Date(),
  ) {}

  /** The state of a stream; null when it is empty or another aggregate's (that id is "not found"). */
  rebuild(envelopes: readonly EventEnvelope[]): S | null {
    if (envelopes.length === 0 || !this.owns(envelopes)) return null;
    return this.stream.rebuild(toDomainEvents<E>(envelopes));
  }

  async load(id: string, manager?: EntityManager): Promise<{ state: S | null; events: EventEnvelope[] }> {
    const events = await this.store.load(id, manager);
    return { state: this.rebuild(events), events };
  }

  /**
   * One command in one transaction: load, fold, check the caller's expectedVersion, decide (`decide`
   * gets the state, null for an aggregate not yet created, and the time), append. A refusal is thrown
   * as CommandRefusedError; a version conflict is retried when the caller gave no expectedVersion.
   * `recordWith` adds what the decision implies to the same append (a case's deadlines and tasks,
   * ADR 0021).
   */
  async handle<D extends Decision<E>>(
    id: string,
    actor: string,
    decide: (state: S | null, now: Date) => D,
    context: CommandContext = {},
    recordWith?: RecordWith<S, E>,
  ): Promise<CommandResult<S> & DecisionExtras<D>> {
    return retryOnVersionConflict(
      () =>
        this.store.transaction((manager) =>
          this.decideAndAppend(manager, id, actor, decide, context, recordWith),
        ),
      { expectedVersion: context.expectedVersion },
    );
  }

  private async decideAndAppend<D extends Decision<E>>(
    manager: EntityManager,
    id: string,
    actor: string,
    decide: (state: S | null, now: Date) => D,
    context: CommandContext,
    recordWith: RecordWith<S, E> | undefined,
  ): Promise<CommandResult<S> & DecisionExtras<D>> {
    const history = await this.store.load(id, manager);
    if (!this.owns(history)) throw new CommandRefusedError(NOT_FOUND);
    const state = this.rebuild(history);
    if (context.expectedVersion !== undefined && this.isStale(history, state, context.expectedVersion))
      throw new VersionConflictError(id, context.expectedVersion);
    const now = this.clock();
    let extras = {} as DecisionExtras<D>;
    const decided = (current: S | null): readonly E[] => {
      const decision = decide(current, now);
      const events = acceptedEvents(decision);
      extras = extrasOf(decision);
      return events;
    };
    const events = recordWith ? await recordWith({ id, history, state, now }, decided) : decided(state);
    const written = await this.append(manager, id, events, actor, context, { state, events: history });
    return { ...extras, ...written };
  }

  /**
   * Whether a caller who saw `expectedVersion` of these events has missed something that matters
   * (ADR 0042): for a service that checks before it acts, as `handle` does in its transaction.
   */
  isStale(history: readonly EventEnvelope[], state: S | null, expectedVersion: number): boolean {
    const version = state?.version ?? 0;
    if (version === expectedVersion) return false;
    const harmless = this.stream.unseenIsHarmless;
    if (!harmless || expectedVersion > version) return true;
    return !history.filter((e) => e.version > expectedVersion).every(harmless);
  }

  /**
   * Appends decided events in the caller's transaction at the version of `loaded` (a new aggregate by
   * default: a taken id is a VersionConflictError) and returns the aggregate's new state.
   */
  protected async append(
    manager: EntityManager,
    id: string,
    decided: readonly E[],
    actor: string,
    context: CommandContext,
    loaded: { state: S | null; events: readonly EventEnvelope[] } = { state: null, events: [] },
  ): Promise<CommandResult<S>> {
    const appended = await this.store.append(
      {
        aggregateType: this.stream.aggregateType,
        aggregateId: id,
        expectedVersion: loaded.state?.version ?? 0,
        metadata: commandMetadata(actor, context),
        events: decided.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> })),
      },
      manager,
    );
    const state = this.rebuild([...loaded.events, ...appended]);
    if (!state) throw new CommandRefusedError(NOT_FOUND);
    return { state, events: appended };
  }

  private owns(envelopes: readonly EventEnvelope[]): boolean {
    return envelopes.every((e) => e.aggregateType === this.stream.aggregateType);
  }
}
