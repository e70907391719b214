import { rebuildCase, type CaseAggregateState, type CaseEvent } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { buildCaseView } from './case-view';

const CASE_ID = '0b7d7a6e-1c1e-4c59-9a53-1d0d1d2f0a02';
const AT = '2026-11-20T10:00:00.000Z';

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
    metadata: { actor: 'kvalitet', correlationId: 'c' },
    occurredAt: AT,
    recordedAt: AT,
  }));
}

const reported = {
  type: 'CaseReported',
  data: {
    caseId: CASE_ID,
    caseNumber: 'KL-2024-0001',
    type: 'complaint',
    unitId: 'solgarden',
    reportedAt: AT,
    registeredAt: AT,
    description: '[raderad]',
    channel: 'staff_form',
    reporter: { username: 'medarbetare' },
    unclassified: false,
  },
};
const action = {
  type: 'ActionAdded',
  data: {
    actionId: 'a1',
    title: 'Samtal med Karl Karlsson',
    level: 'individual',
    owner: 'x',
    dueAt: AT,
    by: 'x',
    at: AT,
  },
};
const hold = { type: 'LegalHoldPlaced', data: { reason: 'Begärd av JO', by: 'kvalitet', at: AT } };
const lift = { type: 'LegalHoldLifted', data: { by: 'kvalitet', at: '2026-11-21T10:00:00.000Z' } };
const closed = { type: 'CaseClosed', data: { summary: '[raderad]', by: 'kvalitet', at: AT } };
const rule = { caseType: 'complaint', keepYears: 2, from: 'closed' };
const erased = {
  type: 'CaseErased',
  data: {
    caseNumber: 'KL-2024-0001',
    caseType: 'complaint',
    unitId: 'solgarden',
    rule,
    dueOn: '2028-11-20',
    erasedAt: '2028-11-21T01:30:00.000Z',
    erasedBy: 'gallring',
  },
};

function viewOf(events: { type: string; data: Record<string, unknown> }[]) {
  const history = envelopes(events);
  const state = rebuildCase(history.map((e) => ({ type: e.type, data: e.data }) as unknown as CaseEvent));
  return buildCaseView(state as CaseAggregateState, history);
}

/** The records side of the case view (api.md v1.1 "Records and gallring", DATA-2, DATA-7, ADR 0027). */
describe('records view', () => {
  it('shows a legal hold with its reason, and none after it is lifted', () => {
    expect(viewOf([reported, hold])).toMatchObject({
      legalHold: { reason: 'Begärd av JO', placedAt: AT, placedBy: 'kvalitet' },
      erasedAt: null,
      erasure: null,
    });
    expect(viewOf([reported, hold, lift]).legalHold).toBeNull();
  });

  it('shows when and under which rule a case was erased, and blanks its action titles', () => {
    const view = viewOf([reported, action, closed, erased]);
    expect(view).toMatchObject({
      erasedAt: '2028-11-21T01:30:00.000Z',
      erasure: { rule, erasedBy: 'gallring' },
      legalHold: null,
      actions: [{ id: 'a1', title: '[raderad]' }],
    });
    expect(viewOf([reported, action]).actions[0]!.title).toBe('Samtal med Karl Karlsson');
  });
});
