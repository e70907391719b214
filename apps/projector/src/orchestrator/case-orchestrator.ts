import type { Client } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import {
  CASE_EVENTS_SIGNAL,
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  toCaseWorkflowEvent,
  topicForAggregate,
} from '@kvalitet/contracts';
import type {
  CaseEventsSignal,
  CaseWorkflowEvent,
  CaseWorkflowStart,
  EventEnvelope,
} from '@kvalitet/contracts';
import { CASE_TASK_QUEUE } from '@kvalitet/workflows';

export interface CaseOrchestratorDeps {
  /** A Temporal client (only `client.workflow` is used). */
  client: Pick<Client, 'workflow'>;
  taskQueue?: string;
  /** Default: the case topic; tests pass their own (testTopics). */
  topics?: readonly string[];
  /** Consumer group and inbox name. */
  name?: string;
  /** Called after a signal went out, with the events it carried (metrics, benchmarks). */
  onSignalled?: (caseId: string, events: readonly CaseWorkflowEvent[]) => void;
  /** Passed to new workflows: continue-as-new after this many history events (default: the workflow's). */
  historyLimit?: number;
  /** Cases signalled at once within a Kafka batch (events of one case always go in one signal, in order). */
  concurrency?: number;
}

export interface CaseOrchestrator {
  name: string;
  topics: readonly string[];
  /** One event at a time (ConsumerRunner `handle`). */
  handle: (event: EventEnvelope, manager: EntityManager) => Promise<void>;
  /** A Kafka batch: one signal per case with all its events (ConsumerRunner `handleBatch`; fewer workflow tasks). */
  handleBatch: (events: EventEnvelope[], manager: EntityManager) => Promise<void>;
}

/**
 * The orchestrator (architecture.md §1): a consumer of the case topic that turns the events the case
 * workflow acts on into `signalWithStart` on `case-<caseId>` — the first event starts the workflow,
 * the rest signal it. Delivery is at least once; the consumer's inbox drops what it has handled and
 * the workflow drops any event id or version it has already applied, so a redelivery does nothing.
 * A failed signal throws, which rolls back the inbox row so that Kafka delivers the event again.
 */
export function createCaseOrchestrator(deps: CaseOrchestratorDeps): CaseOrchestrator {
  const taskQueue = deps.taskQueue ?? CASE_TASK_QUEUE;
  const concurrency = Math.max(1, deps.concurrency ?? 16);

  async function signal(caseId: string, events: CaseWorkflowEvent[]): Promise<void> {
    const start: CaseWorkflowStart = {
      caseId,
      ...(deps.historyLimit === undefined ? {} : { historyLimit: deps.historyLimit }),
    };
    const payload: CaseEventsSignal = { events };
    await deps.client.workflow.signalWithStart(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [start],
      signal: CASE_EVENTS_SIGNAL,
      signalArgs: [payload],
    });
    deps.onSignalled?.(caseId, events);
  }

  return {
    name: deps.name ?? 'case-orchestrator',
    topics: deps.topics ?? [topicForAggregate('case')],
    async handle(event) {
      const forWorkflow = toCaseWorkflowEvent(event);
      if (forWorkflow) await signal(event.aggregateId, [forWorkflow]);
    },
    async handleBatch(events) {
      const byCase = new Map<string, CaseWorkflowEvent[]>();
      for (const event of events) {
        const forWorkflow = toCaseWorkflowEvent(event);
        if (!forWorkflow) continue;
        const list = byCase.get(event.aggregateId) ?? [];
        list.push(forWorkflow);
        byCase.set(event.aggregateId, list);
      }
      const cases = [...byCase.entries()];
      for (let i = 0; i < cases.length; i += concurrency) {
        await Promise.all(cases.slice(i, i + concurrency).map(([caseId, list]) => signal(caseId, list)));
      }
    },
  };
}
