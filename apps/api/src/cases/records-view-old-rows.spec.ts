import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@kvalitet/contracts';
import { withErasedTitles } from './records-view';

const at = '2026-12-07T10:00:00.000Z';

function event(type: string, data: Record<string, unknown>): EventEnvelope {
  return {
    id: randomUUID(),
    position: '1',
    aggregateType: 'case',
    aggregateId: 'c1',
    version: 1,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'mas', correlationId: 'x' },
    occurredAt: at,
    recordedAt: at,
  };
}

// ADR 0002 amended 2026-12-07: events recorded before it keep these fields in the row; an erased case blanks them on read (DATA-2, DATA-7).
describe('withErasedTitles on events recorded before titles became personal fields', () => {
  const old = [
    event('ActionAdded', { actionId: 'a1', title: 'Samtal med Greta', level: 'individual' }),
    event('PatientInformed', { notPossibleReason: 'Greta är avliden', role: 'mas' }),
  ];

  it('blanks the action title and why the patient could not be told once the case is erased', () => {
    const read = withErasedTitles([...old, event('CaseErased', { caseNumber: 'AV-2026-0001' })]);
    expect(read[0]!.data).toEqual({ actionId: 'a1', title: '[raderad]', level: 'individual' });
    expect(read[1]!.data).toEqual({ notPossibleReason: '[raderad]', role: 'mas' });
  });

  it('shows them as written while the case is not erased', () => {
    expect(withErasedTitles(old)).toBe(old);
  });
});
