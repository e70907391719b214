import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { CASE_EVENTS_SIGNAL, caseWorkflowId } from '@kvalitet/contracts';
import type { CaseEventsSignal, EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '@kvalitet/persistence';
import { resumeCaseWorkflows } from './resume-case-workflows';

// ADR 0031: after a restore every open case's workflow gets all its events (signalWithStart), a
// workflow still running for a closed case gets the close, and an ended closed case is left alone.

const OPEN = '00000000-0000-4000-8000-000000000001';
const CLOSED_RUNNING = '00000000-0000-4000-8000-000000000002';
const CLOSED_ENDED = '00000000-0000-4000-8000-000000000003';
const REOPENED = '00000000-0000-4000-8000-000000000004';
const GONE = '00000000-0000-4000-8000-000000000005';

let position = 0;
function event(
  caseId: string,
  version: number,
  type: string,
  data: Record<string, unknown> = {},
): EventEnvelope {
  position += 1;
  return {
    id: `${caseId.slice(0, -3)}${String(position).padStart(3, '0')}`,
    position: String(position),
    aggregateType: 'case',
    aggregateId: caseId,
    version,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'test', correlationId: 'c' },
    occurredAt: '2026-12-01T10:00:00.000Z',
    recordedAt: '2026-12-01T10:00:00.000Z',
  } as EventEnvelope;
}
const reported = (caseId: string) =>
  event(caseId, 1, 'CaseReported', {
    type: 'complaint',
    unitId: 'solgarden',
    reportedAt: '2026-12-01T10:00:00Z',
  });

function fakes(cases: EventEnvelope[][], running: string[], ended: string[] = []) {
  const started: { workflowId: string; events: number[] }[] = [];
  const signalled: { workflowId: string; types: string[] }[] = [];
  const client = {
    workflow: {
      async *list() {
        for (const workflowId of running) yield { workflowId };
      },
      signalWithStart: async (
        _type: string,
        options: { workflowId: string; signalArgs: [CaseEventsSignal] },
      ) => {
        started.push({
          workflowId: options.workflowId,
          events: options.signalArgs[0].events.map((e) => e.version),
        });
      },
      getHandle: (workflowId: string) => ({
        signal: async (name: string, payload: CaseEventsSignal) => {
          expect(name).toBe(CASE_EVENTS_SIGNAL);
          if (ended.includes(workflowId)) throw new WorkflowNotFoundError('ended', workflowId, undefined);
          signalled.push({ workflowId, types: payload.events.map((e) => e.type) });
        },
      }),
    },
  } as unknown as Pick<Client, 'workflow'>;
  const store = {
    async *scanAll(_manager: unknown, options: { order?: string; personalData?: boolean }) {
      expect(options).toMatchObject({ order: 'aggregate', personalData: false });
      // Two pages that split a case, as the cursor may.
      const all = cases.flat();
      yield all.slice(0, 3);
      yield all.slice(3);
    },
  } as unknown as EventStore;
  const dataSource = {
    transaction: (fn: (m: unknown) => Promise<unknown>) => fn({}),
  } as unknown as DataSource;
  return { client, store, dataSource, started, signalled };
}

describe('resumeCaseWorkflows (ADR 0031)', () => {
  it('gives open cases all their events, tells a still-running closed case of its close, leaves ended ones', async () => {
    const f = fakes(
      [
        [reported(OPEN), event(OPEN, 2, 'CaseAcknowledged'), event(OPEN, 3, 'TaskCreated')],
        [reported(CLOSED_RUNNING), event(CLOSED_RUNNING, 2, 'CaseClosed')],
        [reported(CLOSED_ENDED), event(CLOSED_ENDED, 2, 'CaseClosed')],
        [reported(REOPENED), event(REOPENED, 2, 'CaseClosed'), event(REOPENED, 3, 'CaseReopened')],
      ],
      [caseWorkflowId(OPEN), caseWorkflowId(CLOSED_RUNNING), caseWorkflowId(GONE)],
    );
    const messages: string[] = [];
    const report = await resumeCaseWorkflows(f.dataSource, f.store, f.client, {
      taskQueue: 'q',
      onProgress: (m) => messages.push(m),
    });

    expect(f.started).toEqual([
      // TaskCreated is not an event the workflow acts on.
      { workflowId: caseWorkflowId(OPEN), events: [1, 2] },
      { workflowId: caseWorkflowId(REOPENED), events: [1, 2, 3] },
    ]);
    expect(f.signalled).toEqual([
      { workflowId: caseWorkflowId(CLOSED_RUNNING), types: ['CaseReported', 'CaseClosed'] },
    ]);
    expect(report).toEqual({ open: 2, closedStillRunning: 1, unknown: [caseWorkflowId(GONE)] });
    expect(messages[0]).toContain('2 öppna ärenden, 1 stängda som ännu körde; 1 körande utan ärende');
  });

  it('a workflow that ended between the listing and the signal is left alone', async () => {
    const f = fakes(
      [[reported(CLOSED_RUNNING), event(CLOSED_RUNNING, 2, 'CaseClosed')]],
      [caseWorkflowId(CLOSED_RUNNING)],
      [caseWorkflowId(CLOSED_RUNNING)],
    );
    expect(await resumeCaseWorkflows(f.dataSource, f.store, f.client, { taskQueue: 'q' })).toEqual({
      open: 0,
      closedStillRunning: 0,
      unknown: [],
    });
  });
});
