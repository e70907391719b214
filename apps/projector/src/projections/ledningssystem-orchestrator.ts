import type { Client } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import { topicForAggregate } from '@kvalitet/contracts';
import type { AggregateType, EventEnvelope } from '@kvalitet/contracts';
import { ledningssystemAggregateTypes } from '@kvalitet/domain';
import {
  CASE_TASK_QUEUE,
  LEDNINGSSYSTEM_CHANGED_SIGNAL,
  LEDNINGSSYSTEM_DUTY_WORKFLOW_TYPE,
  ledningssystemWorkflowId,
} from '@kvalitet/workflows';
import type { LedningssystemDutyWorkflowInput, LsSubject } from '@kvalitet/workflows';

export interface LedningssystemOrchestratorDeps {
  client: Pick<Client, 'workflow'>;
  taskQueue?: string;
  namespace?: string;
  name?: string;
}

/** The topics of every register of the ledningssystem. */
export function ledningssystemTopics(namespace?: string): string[] {
  return ledningssystemAggregateTypes().map((type) => topicForAggregate(type as AggregateType, namespace));
}

/**
 * Register events → the aggregate's process manager (`signalWithStart` on `ls-<type>-<id>`): the
 * first event starts it, later ones wake it to look again. Tasks the workflow writes itself
 * (`DutyTasksOpened`) need no signal. At-least-once delivery is harmless: a signal only makes the
 * workflow re-read the aggregate.
 */
export function createLedningssystemOrchestrator(deps: LedningssystemOrchestratorDeps) {
  const taskQueue = deps.taskQueue ?? CASE_TASK_QUEUE;
  async function signal(subject: LsSubject): Promise<void> {
    const input: LedningssystemDutyWorkflowInput = { subject };
    await deps.client.workflow.signalWithStart(LEDNINGSSYSTEM_DUTY_WORKFLOW_TYPE, {
      workflowId: ledningssystemWorkflowId(subject),
      taskQueue,
      args: [input],
      signal: LEDNINGSSYSTEM_CHANGED_SIGNAL,
      signalArgs: [],
    });
  }
  return {
    name: deps.name ?? 'ledningssystem-orchestrator',
    topics: ledningssystemTopics(deps.namespace),
    async handleBatch(events: EventEnvelope[], _manager?: EntityManager): Promise<void> {
      const subjects = new Map<string, LsSubject>();
      for (const event of events) {
        if (event.type === 'DutyTasksOpened') continue;
        subjects.set(event.aggregateId, {
          aggregateType: event.aggregateType,
          aggregateId: event.aggregateId,
        });
      }
      await Promise.all([...subjects.values()].map(signal));
    },
  };
}
