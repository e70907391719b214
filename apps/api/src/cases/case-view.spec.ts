import { rebuildCase, type CaseAggregateState, type CaseEvent } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { buildCaseView, buildEventViews } from './case-view';

const CASE_ID = '0b7d7a6e-1c1e-4c59-9a53-1d0d1d2f0a01';

function envelopes(events: { type: string; data: Record<string, unknown> }[]): EventEnvelope[] {
  return events.map((e, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    position: String(i + 1),
    aggregateType: 'case',
    aggregateId: CASE_ID,
    version: i + 1,
    type: e.type,
    schemaVersion: 1,
    data: e.data,
    metadata: { actor: i === 0 ? 'medarbetare' : 'enhetschef', correlationId: 'c' },
    occurredAt: '2026-11-20T10:00:00.000Z',
    recordedAt: '2026-11-20T10:00:00.000Z',
  }));
}

const history = envelopes([
  {
    type: 'CaseReported',
    data: {
      caseId: CASE_ID,
      caseNumber: 'AV-2026-0001',
      type: 'deviation',
      unitId: 'solgarden',
      occurredAt: '2026-11-19',
      reportedAt: '2026-11-20T09:00:00.000Z',
      registeredAt: '2026-11-20T09:00:00.000Z',
      description: 'Fall i korridoren',
      channel: 'staff_form',
      reporter: { username: 'medarbetare', name: 'Sara' },
      onBehalfOf: { name: 'Karl' },
      unclassified: false,
    },
  },
  { type: 'CaseAcknowledged', data: { note: 'Mottaget', by: 'enhetschef', at: '2026-11-20T10:00:00.000Z' } },
  { type: 'InvestigationStarted', data: { by: 'enhetschef', at: '2026-11-20T10:05:00.000Z' } },
  {
    type: 'ActionAdded',
    data: {
      actionId: 'a1',
      title: 'Halkskydd',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: '2026-12-01T10:00:00.000Z',
      by: 'enhetschef',
      at: '2026-11-20T10:10:00.000Z',
    },
  },
  {
    type: 'DeadlineStarted',
    data: {
      deadlineId: 'd1',
      kind: 'investigation',
      dueAt: '2026-12-20T10:00:00.000Z',
      policyVersion: 2,
      startedAt: '2026-11-20T09:00:00.000Z',
    },
  },
  {
    type: 'TaskCreated',
    data: {
      taskId: 't1',
      kind: 'acknowledge',
      assigneeRole: 'unit_manager',
      unitId: 'solgarden',
      createdAt: '2026-11-20T09:00:00.000Z',
    },
  },
]);

function stateOf(events: EventEnvelope[]): CaseAggregateState {
  const state = rebuildCase(events.map((e) => ({ type: e.type, data: e.data }) as unknown as CaseEvent));
  if (!state) throw new Error('no state');
  return state;
}

describe('case view', () => {
  it('joins the decider state with the free text of the events', () => {
    const view = buildCaseView(stateOf(history), history);
    expect(view).toMatchObject({
      id: CASE_ID,
      caseNumber: 'AV-2026-0001',
      stage: 'investigating',
      version: 6,
      description: 'Fall i korridoren',
      reporter: { username: 'medarbetare', name: 'Sara' },
      onBehalfOf: { name: 'Karl' },
      occurredAt: '2026-11-19',
      acknowledged: { by: 'enhetschef', note: 'Mottaget' },
      actions: [{ id: 'a1', title: 'Halkskydd', level: 'organisational', status: 'open' }],
      deadlines: [{ id: 'd1', kind: 'investigation', status: 'open', policyVersion: 2, escalationLevel: 0 }],
      tasks: [{ id: 't1', kind: 'acknowledge', assigneeRole: 'unit_manager', status: 'open' }],
      closedAt: null,
      closingSummary: null,
    });
    expect(view.deadlines[0]).not.toHaveProperty('actionId');
  });

  it('reads erased personal data as the marker instead of failing', () => {
    const erased = history.map((e, i) =>
      i === 0
        ? {
            ...e,
            data: {
              ...e.data,
              description: '[raderad]',
              onBehalfOf: '[raderad]',
              reporter: { username: 'medarbetare', name: '[raderad]' },
            },
          }
        : e,
    );
    const view = buildCaseView(stateOf(erased), erased);
    expect(view).toMatchObject({
      description: '[raderad]',
      onBehalfOf: { name: '[raderad]' },
      reporter: { name: '[raderad]' },
    });
  });

  it('lists the history as api.md names it', () => {
    expect(buildEventViews(history.slice(0, 1))).toEqual([
      {
        id: history[0]!.id,
        type: 'CaseReported',
        version: 1,
        occurredAt: '2026-11-20T10:00:00.000Z',
        recordedAt: '2026-11-20T10:00:00.000Z',
        actor: 'medarbetare',
        data: history[0]!.data,
      },
    ]);
  });
});
