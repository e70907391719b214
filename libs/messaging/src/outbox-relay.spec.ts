import type { PendingOutboxMessage } from '@kvalitet/persistence';
import { MAX_REQUEST_BYTES, byRequestSize } from './outbox-relay';

function pending(n: number, text: string): PendingOutboxMessage {
  return {
    id: String(n),
    topic: n % 2 === 0 ? 'kvalitet.case.v1' : 'kvalitet.risk.v1',
    key: `aggregate-${n % 3}`,
    event: {
      id: `event-${n}`,
      position: String(n),
      aggregateType: 'case',
      aggregateId: `aggregate-${n % 3}`,
      version: n,
      type: 'Noted',
      schemaVersion: 1,
      data: { text },
      metadata: { actor: 'test', correlationId: 'c' },
      occurredAt: '2026-11-25T12:00:00.000Z',
      recordedAt: '2026-11-25T12:00:00.000Z',
    },
  };
}

describe('byRequestSize', () => {
  it('keeps outbox order and cuts requests below what Kafka takes for one partition', () => {
    // Å is two bytes in UTF-8: the limit counts bytes, not characters.
    const rows = Array.from({ length: 400 }, (_, n) => pending(n, 'Å'.repeat(5000)));
    const requests = byRequestSize(rows);
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.flat().map((m) => m.message.headers['event-id'])).toEqual(rows.map((r) => r.event.id));
    for (const request of requests) {
      const bytes = request.reduce((sum, m) => sum + Buffer.byteLength(m.message.value), 0);
      expect(bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    }
  });

  it('sends a message bigger than the limit alone rather than not at all', () => {
    const requests = byRequestSize([
      pending(1, 'x'),
      pending(2, 'y'.repeat(MAX_REQUEST_BYTES)),
      pending(3, 'z'),
    ]);
    expect(requests.map((r) => r.map((m) => m.message.headers['event-id']))).toEqual([
      ['event-1'],
      ['event-2'],
      ['event-3'],
    ]);
  });
});
