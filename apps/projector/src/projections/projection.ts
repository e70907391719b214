import type { EventHandler } from '@kvalitet/messaging';

/** A read model fed from Kafka; `reset` empties it so it can be rebuilt from the event store. */
export interface Projection {
  name: string;
  topics: readonly string[];
  handle: EventHandler;
  reset: (manager: import('typeorm').EntityManager) => Promise<void>;
}
