import type { Client, Connection } from '@temporalio/client';
import { topicForAggregate } from '@kvalitet/contracts';
import type { ConsumerHandler, DependencyCheck } from '@kvalitet/messaging';
import { createCaseOrchestrator } from './orchestrator';
import { createLedningssystemOrchestrator } from './projections/ledningssystem-orchestrator';
import { createProjections } from './projections/projections';
import { createRiskAssessmentOrchestrator } from './projections/risk-assessments/risk-assessment-orchestrator';
import { createReportApprovalSignals } from './orchestrator/report-approval-signals';
import { createPersonNotificationsConsumer } from './notifications/person-notifications.consumer';
import { createWorkTaskNotificationsConsumer } from './notifications/work-task-notifications.consumer';
import { organisation } from '@kvalitet/runtime';

/** A consumer of the projector: its handler and how its ConsumerRunner is set up. */
export interface ProjectorConsumer extends ConsumerHandler {
  topics: readonly string[];
  partitionsConsumedConcurrently?: number;
  dependencyChecks?: readonly DependencyCheck[];
  /** The log line when one of its events cannot be handled. */
  failureMessage: string;
}

export interface ProjectorConsumerOptions {
  namespace: string;
  projections: boolean;
  /** The orchestrators (events → workflows) need a Temporal client. */
  temporal: { client: Client; connection: Connection; taskQueue: string } | null;
}

/**
 * Every consumer the projector runs, built in one place so that the live projector and the
 * dead-letter replay (`dead-letters-cli.ts`) hand an event to the same handler under the same name.
 */
export function createProjectorConsumers(options: ProjectorConsumerOptions): ProjectorConsumer[] {
  const { namespace } = options;
  const consumers: ProjectorConsumer[] = [];
  if (options.projections) {
    for (const projection of createProjections(namespace)) {
      consumers.push({
        consumerName: `${namespace}.${projection.name}`,
        topics: projection.topics,
        ...(projection.handleBatch
          ? { handleBatch: projection.handleBatch }
          : { handle: projection.handle! }),
        ...(projection.partitionsConsumedConcurrently
          ? { partitionsConsumedConcurrently: projection.partitionsConsumedConcurrently }
          : {}),
        failureMessage: 'händelse kunde inte projiceras',
      });
    }
    // The bell and mail of the people a case event concerns (issue 21); needs no Temporal.
    consumers.push(
      createPersonNotificationsConsumer({
        namespace,
        organisation: organisation(),
        webUrl: process.env['KVALITET_WEB_URL'] ?? 'http://localhost:3000',
      }),
      createWorkTaskNotificationsConsumer({
        namespace,
        organisation: organisation(),
        webUrl: process.env['KVALITET_WEB_URL'] ?? 'http://localhost:3000',
      }),
    );
  }
  if (options.temporal) {
    const { client, connection, taskQueue } = options.temporal;
    const temporalAnswers: DependencyCheck = {
      dependency: 'temporal',
      check: async () => {
        await connection.withDeadline(Date.now() + 5000, () => connection.workflowService.getSystemInfo({}));
      },
    };
    // Events → case workflows (signalWithStart): Temporal drives deadlines, the event store stays the truth.
    const cases = createCaseOrchestrator({
      client,
      taskQueue,
      topics: [topicForAggregate('case', namespace)],
      name: `${namespace}.case-orchestrator`,
    });
    // Register events (routines, egenkontroll, …) → their duty workflows (ADR 0008).
    const registers = createLedningssystemOrchestrator({
      client,
      taskQueue,
      namespace,
      name: `${namespace}.ledningssystem-orchestrator`,
    });
    // Risk assessment events → their follow-up workflows (ADR 0007).
    const risks = createRiskAssessmentOrchestrator({
      client,
      taskQueue,
      namespace,
      name: `${namespace}.risk-assessment-orchestrator`,
    });
    // An approved report → the scheduled run that drafted it, so its reminders stop (ADR 0038).
    const approvals = createReportApprovalSignals({
      client,
      namespace,
      name: `${namespace}.report-approval-signals`,
    });
    for (const [orchestrator, failureMessage] of [
      [cases, 'händelse kunde inte skickas till ärendets arbetsflöde'],
      [registers, 'händelse kunde inte skickas till registrets arbetsflöde'],
      [risks, 'händelse kunde inte skickas till riskanalysens arbetsflöde'],
      [approvals, 'godkännandet kunde inte skickas till rapportens arbetsflöde'],
    ] as const) {
      consumers.push({
        consumerName: orchestrator.name,
        topics: orchestrator.topics,
        handleBatch: orchestrator.handleBatch,
        dependencyChecks: [temporalAnswers],
        failureMessage,
      });
    }
  }
  return consumers;
}
