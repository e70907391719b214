import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@kvalitet/contracts';
import { ERASED_MARKER } from './personal-fields';
import { SealedPersonalDataError, openEvent, sealEvent } from './sealed-personal-data';

const NEEDLE = 'Gunnel Pärlemor-9137';

function event(data: Record<string, unknown>): EventEnvelope {
  return {
    id: randomUUID(),
    position: '1',
    aggregateType: 'case',
    aggregateId: randomUUID(),
    version: 1,
    type: 'CaseReported',
    schemaVersion: 1,
    data,
    metadata: { actor: 'medarbetare', correlationId: randomUUID() },
    occurredAt: '2026-12-07T10:00:00.000Z',
    recordedAt: '2026-12-07T10:00:00.000Z',
  };
}

// ADR 0028: Kafka carries no personal data in clear; shredding the case's key erases every copy (DATA-2, DATA-7).
describe('personal fields sealed for Kafka with the case key', () => {
  const key = randomBytes(32);
  const original = event({
    type: 'lex_sarah',
    unitId: 'solgarden',
    description: `${NEEDLE} föll`,
    reporter: { name: NEEDLE, role: 'staff' },
  });

  it('seals every personal field, keeps the rest readable and opens to the original', () => {
    const wire = sealEvent(original, key);
    const text = JSON.stringify(wire);
    expect(text).not.toContain('Pärlemor');
    expect(wire.data).toEqual({ type: 'lex_sarah', unitId: 'solgarden', reporter: { role: 'staff' } });
    expect(wire.sealed!.paths).toEqual(['description', 'reporter.name']);
    expect(openEvent(JSON.parse(text) as typeof wire, key)).toEqual(original);
  });

  it('reads [raderad] in every sealed field once the key is shredded', () => {
    const opened = openEvent(sealEvent(original, key), null);
    expect(opened.data).toEqual({
      type: 'lex_sarah',
      unitId: 'solgarden',
      description: ERASED_MARKER,
      reporter: { role: 'staff', name: ERASED_MARKER },
    });
    expect(opened).not.toHaveProperty('sealed');
  });

  it('refuses a sealed block that was altered or moved to another event', () => {
    const wire = sealEvent(original, key);
    const bytes = Buffer.from(wire.sealed!.data, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    expect(() =>
      openEvent({ ...wire, sealed: { ...wire.sealed!, data: bytes.toString('base64') } }, key),
    ).toThrow(SealedPersonalDataError);
    expect(() => openEvent({ ...wire, id: randomUUID() }, key)).toThrow(SealedPersonalDataError);
    expect(() => openEvent(wire, randomBytes(32))).toThrow(SealedPersonalDataError);
  });

  it('leaves an event without personal fields, and a message from before sealing, as they are', () => {
    const plain = event({ unitId: 'solgarden' });
    expect(sealEvent(plain, key)).toBe(plain);
    expect(openEvent(original, null)).toBe(original);
  });
});
