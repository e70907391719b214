import type { EventEnvelope } from '@kvalitet/contracts';
import { VersionConflictError } from '@kvalitet/persistence';
import { createOnce, createdUnder } from './create-once';

const KEY_ID = '6f1c2b8e-0d4a-4c1e-9a53-1b2c3d4e5f60';
const NATURAL_ID = 'a9d8c7b6-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function event(aggregateId: string, correlationId: string): EventEnvelope {
  return {
    id: 'e1',
    position: '1',
    aggregateType: 'routine',
    aggregateId,
    version: 1,
    type: 'RoutineRegistered',
    schemaVersion: 1,
    data: {},
    metadata: { actor: 'kvalitet', correlationId },
    occurredAt: '2026-11-25T10:00:00.000Z',
    recordedAt: '2026-11-25T10:00:00.000Z',
  };
}

const taken = (id: string) => () => Promise.reject(new VersionConflictError(id, 0));

describe('createOnce (Idempotency-Key crash recovery, ADR 0009)', () => {
  it('answers with what the create made when the id is free, without loading anything', async () => {
    const load = jest.fn();
    const created = { state: { id: KEY_ID, version: 1 }, events: [event(KEY_ID, 'c')] };
    await expect(
      createOnce({ idempotentId: KEY_ID, create: () => Promise.resolve(created), load }),
    ).resolves.toBe(created);
    expect(load).not.toHaveBeenCalled();
  });

  it('answers with the aggregate a dead run of the same key committed under the key id', async () => {
    const load = jest.fn((id: string) =>
      Promise.resolve({ state: { id, version: 3 }, events: [event(id, 'other')] }),
    );
    const result = await createOnce({ idempotentId: KEY_ID, create: taken(KEY_ID), load });
    expect(load).toHaveBeenCalledWith(KEY_ID);
    expect(result.state).toEqual({ id: KEY_ID, version: 3 });
    expect(result.events).toHaveLength(1);
  });

  it('answers with an aggregate under a natural id only when its first events carry the key id', async () => {
    const mine = () => Promise.resolve({ state: { id: NATURAL_ID }, events: [event(NATURAL_ID, KEY_ID)] });
    await expect(
      createOnce({ idempotentId: KEY_ID, create: taken(NATURAL_ID), load: mine }),
    ).resolves.toMatchObject({
      state: { id: NATURAL_ID },
    });
    const someoneElses = () =>
      Promise.resolve({ state: { id: NATURAL_ID }, events: [event(NATURAL_ID, 'another-request')] });
    await expect(
      createOnce({ idempotentId: KEY_ID, create: taken(NATURAL_ID), load: someoneElses }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('keeps the conflict without an Idempotency-Key, and when nothing (of that kind) is there', async () => {
    const load = jest.fn(() => Promise.resolve({ state: null, events: [] as EventEnvelope[] }));
    await expect(createOnce({ idempotentId: undefined, create: taken(KEY_ID), load })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    expect(load).not.toHaveBeenCalled();
    await expect(createOnce({ idempotentId: KEY_ID, create: taken(KEY_ID), load })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
  });

  it('never hides another failure behind an existing aggregate', async () => {
    const load = jest.fn();
    const refused = new Error('refused');
    await expect(
      createOnce({ idempotentId: KEY_ID, create: () => Promise.reject(refused), load }),
    ).rejects.toBe(refused);
    expect(load).not.toHaveBeenCalled();
  });

  it('marks a create under a natural id with the key id as correlation id', () => {
    expect(createdUnder(KEY_ID)).toEqual({ correlationId: KEY_ID });
    expect(createdUnder(undefined)).toEqual({});
  });
});
