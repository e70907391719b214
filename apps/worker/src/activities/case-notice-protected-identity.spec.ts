import type { CaseAggregateState } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { createCaseNoticeDelivery, outcomeNotice } from './case-notice-delivery';

const NEEDLE = 'NÅLprotected';

function envelope(type: string, data: Record<string, unknown>, id = `${type}-1`): EventEnvelope {
  return {
    id,
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

function state(protectedIdentity: boolean): CaseAggregateState {
  return {
    id: 'c1',
    caseNumber: 'KL-2026-0001',
    type: 'complaint',
    unitId: 'solgarden',
    decision: null,
    actions: { a1: { id: 'a1', level: 'individual', status: 'completed' } },
    ...(protectedIdentity ? { protectedIdentity: true } : {}),
  } as unknown as CaseAggregateState;
}

const events = [
  envelope('CaseReported', {
    description: `Om ${NEEDLE}`,
    reporter: { username: 'medarbetare' },
    contact: { email: 'klagande@example.se' },
  }),
  envelope('ActionAdded', { actionId: 'a1', title: `Samtal med ${NEEDLE}`, level: 'individual' }),
  envelope('CaseResponded', { summary: `Svar till ${NEEDLE}`, channel: 'letter' }, 'answer-1'),
];

describe('notices and mail of a case with protected identity carry no free text (DATA-2, ADR 0029)', () => {
  it('the outcome notice names the actions only as "Skyddade personuppgifter"', () => {
    const open = outcomeNotice(state(false), events);
    expect(open.body).toContain(NEEDLE);
    const notice = outcomeNotice(state(true), events);
    expect(JSON.stringify(notice)).not.toContain(NEEDLE);
    expect(notice.body).toContain('Skyddade personuppgifter');
    expect(notice.body).toContain('KL-2026-0001');
  });

  it('the answer mail leaves the answer out', async () => {
    const sent: { text: string; subject: string }[] = [];
    const delivery = createCaseNoticeDelivery({
      mailer: {
        send: async (message: { text: string; subject: string }) => {
          sent.push(message);
          return { id: 'm1', duplicate: false };
        },
      } as never,
    });
    await delivery.deliver('answer', 'answer-1', { state: state(true), events });
    await delivery.deliver('answer', 'answer-1', { state: state(false), events });
    expect(JSON.stringify(sent[0])).not.toContain(NEEDLE);
    expect(sent[0]!.subject).toContain('KL-2026-0001');
    expect(sent[1]!.text).toContain(NEEDLE);
  });
});
