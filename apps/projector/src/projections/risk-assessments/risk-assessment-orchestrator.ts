import type { Client } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import { topicForAggregate, type EventEnvelope } from '@kvalitet/contracts';
import {
  CASE_TASK_QUEUE,
  RISK_ASSESSMENT_EVENTS_SIGNAL,
  RISK_ASSESSMENT_WORKFLOW_TYPE,
  riskAssessmentWorkflowId,
  toRiskAssessmentFlowEvent,
  type RiskAssessmentEventsSignal,
  type RiskAssessmentFlowEvent,
  type RiskAssessmentWorkflowStart,
} from '@kvalitet/workflows';

export interface RiskAssessmentOrchestratorDeps {
  client: Pick<Client, 'workflow'>;
  taskQueue?: string;
  namespace?: string;
  name?: string;
}

/**
 * Risk assessment events → `signalWithStart` on `risk-assessment-<id>` (the same at-least-once path
 * as the case orchestrator: the consumer's inbox and the workflow's version check drop repeats).
 */
export function createRiskAssessmentOrchestrator(deps: RiskAssessmentOrchestratorDeps) {
  const taskQueue = deps.taskQueue ?? CASE_TASK_QUEUE;
  async function signal(assessmentId: string, events: RiskAssessmentFlowEvent[]): Promise<void> {
    const start: RiskAssessmentWorkflowStart = { assessmentId };
    const payload: RiskAssessmentEventsSignal = { events };
    await deps.client.workflow.signalWithStart(RISK_ASSESSMENT_WORKFLOW_TYPE, {
      workflowId: riskAssessmentWorkflowId(assessmentId),
      taskQueue,
      args: [start],
      signal: RISK_ASSESSMENT_EVENTS_SIGNAL,
      signalArgs: [payload],
    });
  }
  return {
    name: deps.name ?? 'risk-assessment-orchestrator',
    topics: [topicForAggregate('risk_assessment', deps.namespace)],
    async handleBatch(events: EventEnvelope[], _manager?: EntityManager): Promise<void> {
      const byAssessment = new Map<string, RiskAssessmentFlowEvent[]>();
      for (const event of events) {
        const flow = toRiskAssessmentFlowEvent(event);
        if (!flow) continue;
        byAssessment.set(event.aggregateId, [...(byAssessment.get(event.aggregateId) ?? []), flow]);
      }
      for (const [assessmentId, list] of byAssessment) await signal(assessmentId, list);
    },
  };
}
