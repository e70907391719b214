import type { CaseAggregateState } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { outcomeNotice } from './case-notice-delivery';

function envelope(type: string, data: Record<string, unknown>): EventEnvelope {
  return {
    id: `${type}-1`,
    position: '1',
    aggregateType: 'case',
    aggregateId: 'c1',
    version: 1,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'enhetschef' } as EventEnvelope['metadata'],
    occurredAt: '2026-11-20T15:00:00.000Z',
    recordedAt: '2026-11-20T15:00:00.000Z',
  };
}

describe('the outcome notice leaves the case: a personnummer in an action title is masked (issue 21, DATA-2)', () => {
  it('masks it in the bell text and in the details', () => {
    const state = {
      id: 'c1',
      caseNumber: 'AV-2026-0001',
      type: 'deviation',
      unitId: 'solgarden',
      decision: null,
      actions: { a1: { id: 'a1', level: 'individual', status: 'completed' } },
    } as unknown as CaseAggregateState;
    const notice = outcomeNotice(state, [
      envelope('CaseReported', { description: 'Brukaren 19121212-1212', reporter: { username: 'staff' } }),
      envelope('ActionAdded', { actionId: 'a1', title: 'Ny rutin för 19121212-1212', level: 'individual' }),
    ]);
    expect(JSON.stringify(notice)).not.toContain('19121212-1212');
    expect(notice.body).toContain('Ny rutin för ÅÅMMDD-XXXX');
  });
});
