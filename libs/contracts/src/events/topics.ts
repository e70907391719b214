export const AGGREGATE_TYPES = [
  'case',
  'risk',
  'report',
  'policy',
  // The registers of the ledningssystem (ADR 0008).
  'routine',
  'egenkontroll',
  'internkontroll',
  'appointment',
  'training',
  'ledningssystem',
  // Ej verkställda beslut, counted in the kvalitetsberättelse (ADR 0037).
  'ej_verkstallt_beslut',
  'arshjul',
  // Risk assessments and improvement work (ADR 0007).
  'risk_assessment',
  'improvement',
  // Händelseanalys and staff risk observations, registers like those above (ADR 0040).
  'event_analysis',
  'risk_observation',
] as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[number];

export const DEFAULT_TOPIC_NAMESPACE = 'kvalitet';

/**
 * Versioned topic per aggregate type; the message key is the aggregate id so one aggregate stays
 * ordered. The namespace lets tests and parallel installations share a broker without crosstalk.
 */
export function topicForAggregate(
  aggregateType: AggregateType,
  namespace: string = DEFAULT_TOPIC_NAMESPACE,
): string {
  return `${namespace}.${aggregateType}.events.v1`;
}

export function eventTopics(namespace: string = DEFAULT_TOPIC_NAMESPACE): string[] {
  return AGGREGATE_TYPES.map((type) => topicForAggregate(type, namespace));
}

export const ALL_EVENT_TOPICS: readonly string[] = eventTopics();
