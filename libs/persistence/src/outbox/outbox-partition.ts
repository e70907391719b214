/** Outbox rows are spread over partitions by aggregate id; one relay at a time owns a partition. */
export const OUTBOX_PARTITIONS = 16;

export function outboxPartitionOf(aggregateId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < aggregateId.length; i++) {
    hash ^= aggregateId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % OUTBOX_PARTITIONS;
}
