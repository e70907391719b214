export const AGGREGATE_TYPES = ['case', 'risk', 'report', 'policy'] as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[number];

/** Versioned topic per aggregate type; the message key is the aggregate id so one aggregate stays ordered. */
export function topicForAggregate(aggregateType: AggregateType): string {
  return `kvalitet.${aggregateType}.events.v1`;
}

export const ALL_EVENT_TOPICS: readonly string[] = AGGREGATE_TYPES.map(topicForAggregate);
