import type { Client } from '@temporalio/client';
import type { EventEnvelope } from '@kvalitet/contracts';
import { createCaseOrchestrator } from './case-orchestrator';

function envelope(
  aggregateId: string,
  version: number,
  type: string,
  data: Record<string, unknown> = { at: 't' },
): EventEnvelope {
  return {
    id: `${aggregateId}-${version}`,
    position: String(version),
    aggregateType: 'case',
    aggregateId,
    version,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'a', correlationId: 'x' },
    occurredAt: 't',
    recordedAt: 't',
  };
}

function fakeClient() {
  const calls: { workflowType: unknown; options: Record<string, any> }[] = [];
  const client = {
    workflow: {
      signalWithStart: async (workflowType: unknown, options: Record<string, any>) =>
        void calls.push({ workflowType, options }),
    },
  } as unknown as Pick<Client, 'workflow'>;
  return { client, calls };
}

describe('case orchestrator', () => {
  it('signals-with-start case-<id> with the event, on the case topic', async () => {
    const { client, calls } = fakeClient();
    const orchestrator = createCaseOrchestrator({ client, taskQueue: 'q' });
    expect(orchestrator).toMatchObject({ name: 'case-orchestrator', topics: ['kvalitet.case.events.v1'] });
    await orchestrator.handle(
      envelope('c1', 1, 'CaseReported', {
        type: 'complaint',
        unitId: 'u',
        reportedAt: 'r',
        unclassified: false,
      }),
      undefined as never,
    );
    expect(calls).toEqual([
      {
        workflowType: 'caseWorkflow',
        options: {
          workflowId: 'case-c1',
          taskQueue: 'q',
          args: [{ caseId: 'c1' }],
          signal: 'caseEvents',
          signalArgs: [
            {
              events: [
                {
                  id: 'c1-1',
                  type: 'CaseReported',
                  version: 1,
                  occurredAt: 't',
                  data: { type: 'complaint', unitId: 'u', reportedAt: 'r', unclassified: false },
                },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('ignores the events the workflow does not act on', async () => {
    const { client, calls } = fakeClient();
    const orchestrator = createCaseOrchestrator({ client });
    await orchestrator.handle(envelope('c1', 2, 'TaskCreated', {}), undefined as never);
    await orchestrator.handle(envelope('c1', 3, 'DeadlineStarted', {}), undefined as never);
    expect(calls).toHaveLength(0);
  });

  it('a batch: one signal per case with its events in order', async () => {
    const { client, calls } = fakeClient();
    const orchestrator = createCaseOrchestrator({ client, historyLimit: 500 });
    await orchestrator.handleBatch(
      [
        envelope('c1', 5, 'CaseAcknowledged'),
        envelope('c2', 1, 'CaseClosed'),
        envelope('c1', 6, 'DeadlineMet', { deadlineId: 'd', at: 't' }),
        envelope('c1', 7, 'TaskCompleted', {}),
      ],
      undefined as never,
    );
    expect(
      calls.map((c) => [
        c.options['workflowId'],
        c.options['signalArgs'][0].events.map((e: { version: number }) => e.version),
        c.options['args'][0].historyLimit,
      ]),
    ).toEqual([
      ['case-c1', [5, 6], 500],
      ['case-c2', [1], 500],
    ]);
  });

  it('a failed signal fails the handler, so the consumer rolls back its inbox row and Kafka redelivers', async () => {
    const client = {
      workflow: { signalWithStart: async () => Promise.reject(new Error('Temporal unavailable')) },
    } as unknown as Pick<Client, 'workflow'>;
    await expect(
      createCaseOrchestrator({ client }).handle(envelope('c1', 1, 'CaseClosed'), undefined as never),
    ).rejects.toThrow('Temporal unavailable');
  });
});
