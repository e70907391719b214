import type { EventEnvelope } from '@kvalitet/contracts';
import { VersionConflictError } from '@kvalitet/persistence';

/** A created aggregate as its command service returns it. */
export interface Created<S> {
  state: S;
  events: EventEnvelope[];
}

export interface CreateOnce<S> {
  /** The id `@IdempotentId()` gave the request; undefined without an Idempotency-Key (nothing to recover). */
  idempotentId: string | undefined;
  /**
   * Creates the aggregate: under `idempotentId` when the aggregate's id is free to choose, or under a
   * natural id (one plan per unit and year, …) with `idempotentId` as the first events' correlation id.
   * A taken id must fail with VersionConflictError.
   */
  create: () => Promise<Created<S>>;
  /** Loads the aggregate whose id turned out to be taken (given the request's id). */
  load: (idempotentId: string) => Promise<{ state: S | null; events: EventEnvelope[] }>;
}

/**
 * Creates an aggregate once per Idempotency-Key (ADR 0009). When a run of the same request died
 * after its commit but before its answer was stored, the retry's create finds the id taken (the event
 * store's unique (aggregate_id, version)); if the aggregate there is the one this key made — its id is
 * the key's, or its first events carry the key's id as correlation id — the retry answers with it as
 * the first run would have. Anything else (another request's aggregate, another error) is thrown.
 */
export async function createOnce<S>({ idempotentId, create, load }: CreateOnce<S>): Promise<Created<S>> {
  try {
    return await create();
  } catch (error) {
    if (idempotentId === undefined || !(error instanceof VersionConflictError)) throw error;
    const { state, events } = await load(idempotentId);
    const first = events[0];
    const madeByThisKey =
      first !== undefined &&
      (first.aggregateId === idempotentId || first.metadata.correlationId === idempotentId);
    if (state === null || !madeByThisKey) throw error;
    return { state, events };
  }
}

/**
 * The command context of a create under a natural id: the request's id as the correlation id of the
 * first events, which is how `createOnce` knows the aggregate there as this key's.
 */
export function createdUnder(idempotentId: string | undefined): { correlationId?: string } {
  return idempotentId === undefined ? {} : { correlationId: idempotentId };
}
