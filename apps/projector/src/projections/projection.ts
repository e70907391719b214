import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventBatchHandler, EventHandler } from '@kvalitet/messaging';

/**
 * A read model fed from Kafka. `reset` locks and empties it; `writeRebuilt` folds the whole event
 * store (pages in commit order) into it, inside the same transaction as `reset`.
 */
export interface Projection {
  name: string;
  topics: readonly string[];
  handle?: EventHandler;
  handleBatch?: EventBatchHandler;
  reset: (manager: EntityManager) => Promise<void>;
  writeRebuilt: (manager: EntityManager, events: AsyncIterable<EventEnvelope[]>) => Promise<number>;
}
