import { randomUUID } from 'node:crypto';
import { eventTopics, topicForAggregate, type AggregateType } from '@kvalitet/contracts';

/** Topics of their own for one test run, so parallel suites never read each other's events. */
export function testTopics(): {
  prefix: string;
  topicFor: (aggregateType: AggregateType) => string;
  all: string[];
} {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const topicFor = (aggregateType: AggregateType) => topicForAggregate(aggregateType, prefix);
  return { prefix, topicFor, all: eventTopics(prefix) };
}
