import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import { topicForAggregate } from '@kvalitet/contracts';
import type { EventEnvelope } from '@kvalitet/contracts';
import { berattelseApprovedSignal } from '@kvalitet/workflows';

export interface ReportApprovalSignalsDeps {
  client: Pick<Client, 'workflow'>;
  namespace?: string;
  name?: string;
}

/**
 * `ReportApproved` → the scheduled run that drafted the report gets `berattelseApproved`, so its
 * reminders stop (DL-22, REP-1, ADR 0038). The event comes through the outbox, so an approval made
 * while Temporal is away is signalled when it is back. A run that has already ended has nothing left
 * to stop; a second delivery only sets the flag again.
 */
export function createReportApprovalSignals(deps: ReportApprovalSignalsDeps) {
  return {
    name: deps.name ?? 'report-approval-signals',
    topics: [topicForAggregate('report', deps.namespace)],
    async handleBatch(events: EventEnvelope[], _manager?: EntityManager): Promise<void> {
      const workflowIds = new Set(
        events
          .filter((e) => e.type === 'ReportApproved')
          .map((e) => e.data['workflowId'])
          .filter((id): id is string => typeof id === 'string' && id.length > 0),
      );
      for (const workflowId of workflowIds) {
        try {
          await deps.client.workflow.getHandle(workflowId).signal(berattelseApprovedSignal);
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
    },
  };
}
