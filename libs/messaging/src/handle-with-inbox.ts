import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@kvalitet/contracts';
import { claimInboxEntries, openSealedEvents } from '@kvalitet/persistence';

export type EventHandler = (event: EventEnvelope, manager: EntityManager) => Promise<void>;
/** Handles several events (in Kafka order) in one transaction; faster for read models. */
export type EventBatchHandler = (events: EventEnvelope[], manager: EntityManager) => Promise<void>;

/** A consumer's name (its group and inbox) and exactly one of its handlers. */
export interface ConsumerHandler {
  consumerName: string;
  handle?: EventHandler;
  handleBatch?: EventBatchHandler;
}

/**
 * Claims the consumer's inbox entries in one statement and hands on only the events not seen
 * before, in the caller's transaction: the live consumer and a dead-letter replay go through the
 * same door, so an event is handled at most once per consumer whichever comes first.
 */
export async function handleWithInbox(
  consumer: ConsumerHandler,
  events: EventEnvelope[],
  manager: EntityManager,
): Promise<EventEnvelope[]> {
  const claimed = await claimInboxEntries(
    manager,
    consumer.consumerName,
    events.map((e) => e.id),
  );
  const claimedEvents = events.filter((e) => claimed.delete(e.id));
  if (claimedEvents.length === 0) return claimedEvents;
  // Personal fields travel sealed with the case's key (ADR 0028); a shredded key reads `[raderad]`.
  const fresh = await openSealedEvents(manager, claimedEvents);
  if (consumer.handleBatch) {
    await consumer.handleBatch(fresh, manager);
  } else if (consumer.handle) {
    for (const event of fresh) await consumer.handle(event, manager);
  }
  return fresh;
}
