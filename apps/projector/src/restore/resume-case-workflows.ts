import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  CASE_EVENTS_SIGNAL,
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  toCaseWorkflowEvent,
} from '@kvalitet/contracts';
import type {
  CaseEventsSignal,
  CaseWorkflowEvent,
  CaseWorkflowStart,
  EventEnvelope,
} from '@kvalitet/contracts';
import type { EventStore } from '@kvalitet/persistence';

export interface ResumeReport {
  /** Open cases whose workflow got (or started with) every event of the case. */
  readonly open: number;
  /** Closed cases whose workflow was still running in the restored Temporal, told of the close. */
  readonly closedStillRunning: number;
  /** Running case workflows whose case is not in the restored event store (left alone, logged). */
  readonly unknown: readonly string[];
}

// A signal's payload stays far below Temporal's 2 MB limit however long a case lived.
const EVENTS_PER_SIGNAL = 500;

/**
 * After a restore (ADR 0031): Temporal's persistence was backed up BEFORE the event store, so a
 * workflow may lack events that the restored store holds, and the Kafka offsets of the orchestrator
 * have moved past them. Every open case's workflow is therefore sent all the case's events again
 * (signalWithStart: a case reported after Temporal's backup gets its workflow now); the workflow
 * drops what it already applied by version and event id (ADR 0004), so this is safe to repeat. A
 * workflow that still runs for a case closed in the store gets the close and completes. Closed cases
 * whose workflow has ended are not touched: signalWithStart would start a new run for them.
 */
export async function resumeCaseWorkflows(
  dataSource: DataSource,
  store: EventStore,
  client: Pick<Client, 'workflow'>,
  options: { taskQueue: string; onProgress?: (message: string) => void },
): Promise<ResumeReport> {
  const running = new Set<string>();
  for await (const execution of client.workflow.list({
    query: `WorkflowType = '${CASE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`,
  }))
    running.add(execution.workflowId);

  let open = 0;
  let closedStillRunning = 0;
  const seen = new Set<string>();
  await dataSource.transaction(async (manager) => {
    let current: EventEnvelope[] = [];
    const finish = async (events: EventEnvelope[]): Promise<void> => {
      if (events.length === 0) return;
      const caseId = events[0]!.aggregateId;
      const workflowId = caseWorkflowId(caseId);
      seen.add(workflowId);
      const forWorkflow = events.map(toCaseWorkflowEvent).filter((e): e is CaseWorkflowEvent => e !== null);
      if (forWorkflow.length === 0) return;
      if (!isClosed(events)) {
        await signalAll(client, caseId, forWorkflow, options.taskQueue);
        open += 1;
      } else if (running.has(workflowId)) {
        try {
          for (const chunk of chunks(forWorkflow))
            await client.workflow.getHandle(workflowId).signal(CASE_EVENTS_SIGNAL, { events: chunk });
          closedStillRunning += 1;
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
    };
    for await (const page of store.scanAll(manager, {
      aggregateTypes: ['case'],
      personalData: false,
      order: 'aggregate',
    })) {
      for (const event of page) {
        if (current.length > 0 && current[0]!.aggregateId !== event.aggregateId) {
          await finish(current);
          current = [];
        }
        current.push(event);
      }
    }
    await finish(current);
  });
  const unknown = [...running].filter((id) => !seen.has(id)).sort();
  options.onProgress?.(
    `arbetsflöden återupptagna / workflows resumed: ${open} öppna ärenden, ${closedStillRunning} stängda som ännu körde` +
      (unknown.length > 0
        ? `; ${unknown.length} körande utan ärende i händelselagret: ${unknown.join(', ')}`
        : ''),
  );
  return { open, closedStillRunning, unknown };
}

function isClosed(events: readonly EventEnvelope[]): boolean {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const type = events[i]!.type;
    if (type === 'CaseClosed') return true;
    if (type === 'CaseReopened') return false;
  }
  return false;
}

function chunks(events: CaseWorkflowEvent[]): CaseWorkflowEvent[][] {
  const out: CaseWorkflowEvent[][] = [];
  for (let i = 0; i < events.length; i += EVENTS_PER_SIGNAL) out.push(events.slice(i, i + EVENTS_PER_SIGNAL));
  return out;
}

async function signalAll(
  client: Pick<Client, 'workflow'>,
  caseId: string,
  events: CaseWorkflowEvent[],
  taskQueue: string,
): Promise<void> {
  const start: CaseWorkflowStart = { caseId };
  for (const chunk of chunks(events)) {
    const payload: CaseEventsSignal = { events: chunk };
    await client.workflow.signalWithStart(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [start],
      signal: CASE_EVENTS_SIGNAL,
      signalArgs: [payload],
    });
  }
}
