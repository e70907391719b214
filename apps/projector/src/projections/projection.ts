import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventBatchHandler, EventHandler } from '@kvalitet/messaging';

/**
 * A read model fed from Kafka. `reset` locks it against the live consumer and empties what
 * `writeRebuilt` does not replace; `writeRebuilt` folds the whole event store (pages in commit
 * order) into it, inside the same transaction as `reset`.
 */
export interface Projection {
  name: string;
  topics: readonly string[];
  handle?: EventHandler;
  handleBatch?: EventBatchHandler;
  /** Kafka partitions its consumer handles at once (ConsumerRunner); only for handlers that lock shared rows in one order. */
  partitionsConsumedConcurrently?: number;
  reset: (manager: EntityManager) => Promise<void>;
  writeRebuilt: (manager: EntityManager, events: AsyncIterable<EventEnvelope[]>) => Promise<number>;
  /**
   * What a rebuild must read: only these aggregate types, with or without personal data, and in
   * which order — `aggregate`: all events of one aggregate together, in version order, so each is
   * final when the next begins (default: everything, with personal data, in commit order).
   */
  rebuildReads?: {
    aggregateTypes?: readonly string[];
    personalData?: boolean;
    order?: 'commit' | 'aggregate';
  };
}
