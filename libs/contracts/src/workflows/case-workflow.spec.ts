import type { EventEnvelope } from '../events/event-envelope';
import { caseWorkflowId, toCaseWorkflowEvent } from './case-workflow';

function envelope(type: string, data: Record<string, unknown>, aggregateType = 'case'): EventEnvelope {
  return {
    id: 'e1',
    position: '1',
    aggregateType,
    aggregateId: 'c1',
    version: 3,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'a', correlationId: 'x' },
    occurredAt: '2026-11-25T10:00:00.000Z',
    recordedAt: '2026-11-25T10:00:00.000Z',
  };
}

describe('toCaseWorkflowEvent', () => {
  it('keeps what the workflow needs and drops free text and personal data', () => {
    const reported = toCaseWorkflowEvent(
      envelope('CaseReported', {
        caseId: 'c1',
        caseNumber: 'LS-2026-0001',
        type: 'lex_sarah',
        unitId: 'solgarden',
        reportedAt: '2026-11-25T09:00:00.000Z',
        registeredAt: 'x',
        description: 'Känsligt',
        onBehalfOf: { name: 'Anna' },
        unclassified: false,
        channel: 'staff_form',
        reporter: { username: 'u' },
      }),
    );
    expect(reported).toEqual({
      id: 'e1',
      type: 'CaseReported',
      version: 3,
      occurredAt: '2026-11-25T10:00:00.000Z',
      data: {
        type: 'lex_sarah',
        unitId: 'solgarden',
        reportedAt: '2026-11-25T09:00:00.000Z',
        unclassified: false,
      },
    });
    expect(
      toCaseWorkflowEvent(
        envelope('CaseAcknowledged', { note: 'Hej Anna', by: 'u', at: '2026-11-25T09:30:00.000Z' }),
      )?.data,
    ).toEqual({ at: '2026-11-25T09:30:00.000Z' });
    expect(
      toCaseWorkflowEvent(
        envelope('CaseDecided', {
          outcome: 'allvarlig_vardskada',
          rationale: 'text',
          requiresIvoReport: true,
          by: 'mas',
          at: 't',
        }),
      )?.data,
    ).toEqual({ outcome: 'allvarlig_vardskada', requiresIvoReport: true, by: 'mas', at: 't' });
    expect(
      toCaseWorkflowEvent(
        envelope('ActionAdded', {
          actionId: 'a',
          title: 'Titel',
          level: 'individual',
          owner: 'o',
          dueAt: 'd',
          by: 'b',
          at: 't',
        }),
      )?.data,
    ).toEqual({ actionId: 'a', level: 'individual', owner: 'o', dueAt: 'd', at: 't' });
    expect(toCaseWorkflowEvent(envelope('DeadlineMet', { deadlineId: 'd1', at: 't' }))?.data).toEqual({
      deadlineId: 'd1',
      at: 't',
    });
  });

  it('leaves out what the workflow writes itself, what nothing waits on, and other aggregates', () => {
    for (const type of [
      'DeadlineStarted',
      'DeadlineMissed',
      'TaskCreated',
      'TaskCompleted',
      'InvestigationStarted',
      'Unknown',
    ]) {
      expect(toCaseWorkflowEvent(envelope(type, {}))).toBeNull();
    }
    expect(toCaseWorkflowEvent(envelope('CaseClosed', { at: 't' }, 'risk'))).toBeNull();
  });

  it('names the workflow after the case', () => {
    expect(caseWorkflowId('abc')).toBe('case-abc');
  });
});
