import { accept, newRefusal, refuse, type Decision } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EntityManager } from 'typeorm';
import type { AppendRequest, EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { AggregateCommandService, retryOnVersionConflict } from './aggregate-command-service';
import { CommandRefusedError } from './command-refused.error';

type Counted = { type: 'Counted'; data: { by: number } };
interface Counter {
  version: number;
  total: number;
}

/** The event store as the service uses it, in memory; `interloper` appends first, once per call to it. */
class MemoryStore {
  readonly streams = new Map<string, EventEnvelope[]>();
  interloper: (() => void) | undefined;

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work({} as EntityManager);
  }

  async load(id: string): Promise<EventEnvelope[]> {
    return [...(this.streams.get(id) ?? [])];
  }

  async append(request: AppendRequest): Promise<EventEnvelope[]> {
    const before = this.interloper;
    this.interloper = undefined;
    before?.();
    const stream = this.streams.get(request.aggregateId) ?? [];
    if (stream.length !== request.expectedVersion)
      throw new VersionConflictError(request.aggregateId, request.expectedVersion);
    const appended = request.events.map((e, i) => ({
      id: `${request.aggregateId}/${stream.length + i + 1}`,
      position: String(stream.length + i + 1),
      aggregateType: request.aggregateType,
      aggregateId: request.aggregateId,
      version: stream.length + i + 1,
      type: e.type,
      schemaVersion: 1,
      data: e.data as Record<string, unknown>,
      metadata: request.metadata,
      occurredAt: '2026-12-07T10:00:00.000Z',
      recordedAt: '2026-12-07T10:00:00.000Z',
    }));
    this.streams.set(request.aggregateId, [...stream, ...appended]);
    return appended;
  }

  seed(id: string, aggregateType: string, count: number): void {
    const stream = this.streams.get(id) ?? [];
    for (let i = 0; i < count; i++)
      stream.push({
        ...({} as EventEnvelope),
        aggregateType,
        aggregateId: id,
        version: stream.length + 1,
        type: 'Counted',
        data: { by: 1 },
      });
    this.streams.set(id, stream);
  }
}

const counters = (store: MemoryStore) =>
  new AggregateCommandService<Counter, Counted>(
    {
      aggregateType: 'routine',
      rebuild: (events) =>
        events.length === 0
          ? null
          : { version: events.length, total: events.reduce((sum, e) => sum + e.data.by, 0) },
    },
    store as unknown as EventStore,
    () => new Date('2026-12-07T10:00:00Z'),
  );

const count =
  (by: number) =>
  (_state: Counter | null): Decision<Counted> =>
    by > 0
      ? accept<Counted>({ type: 'Counted', data: { by } })
      : refuse(newRefusal('VALIDATION_FAILED', 'NOT_POSITIVE', 'Talet måste vara positivt', 'by'));

describe('AggregateCommandService', () => {
  it('loads, folds, decides and appends at the version it decided on', async () => {
    const store = new MemoryStore();
    const service = counters(store);
    await service.handle('c1', 'sas', count(2));
    const result = await service.handle('c1', 'sas', count(3), { requestId: 'r1' });
    expect(result.state).toEqual({ version: 2, total: 5 });
    expect(result.events.map((e) => [e.version, e.metadata.actor, e.metadata.requestId])).toEqual([
      [2, 'sas', 'r1'],
    ]);
    expect((await service.load('c1')).state).toEqual({ version: 2, total: 5 });
  });

  it('throws a refusal as CommandRefusedError and appends nothing', async () => {
    const store = new MemoryStore();
    const refused = await counters(store)
      .handle('c1', 'sas', count(0))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CommandRefusedError);
    expect((refused as CommandRefusedError).refusal).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'by',
    });
    expect(store.streams.has('c1')).toBe(false);
  });

  it('decides again on the fresh state when another writer got in first and no version was given', async () => {
    const store = new MemoryStore();
    const service = counters(store);
    await service.handle('c1', 'sas', count(1));
    store.interloper = () => store.seed('c1', 'routine', 1);
    const seen: (number | undefined)[] = [];
    const result = await service.handle('c1', 'sas', (state) => {
      seen.push(state?.version);
      return count(1)(state);
    });
    expect(seen).toEqual([1, 2]);
    expect(result.state).toEqual({ version: 3, total: 3 });
  });

  it('answers a version conflict when the caller gave its expectedVersion', async () => {
    const store = new MemoryStore();
    const service = counters(store);
    await service.handle('c1', 'sas', count(1));
    await expect(service.handle('c1', 'sas', count(1), { expectedVersion: 0 })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    store.interloper = () => store.seed('c1', 'routine', 1);
    await expect(service.handle('c1', 'sas', count(1), { expectedVersion: 1 })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
  });

  it('finds no aggregate of its type in a stream of another aggregate', async () => {
    const store = new MemoryStore();
    store.seed('x', 'case', 2);
    const service = counters(store);
    expect((await service.load('x')).state).toBeNull();
    await expect(service.handle('x', 'sas', count(1))).rejects.toMatchObject({
      refusal: { code: 'NOT_FOUND' },
    });
  });

  it('returns what else the accepted decision carries', async () => {
    const service = counters(new MemoryStore());
    const result = await service.handle('c1', 'sas', (state) => ({
      ...count(1)(state),
      nextWakeAt: '2027-01-01T00:00:00.000Z',
    }));
    expect(result.nextWakeAt).toBe('2027-01-01T00:00:00.000Z');
    expect(result.state.total).toBe(1);
  });
});

describe('retryOnVersionConflict', () => {
  const conflictingTimes = (n: number) => {
    let calls = 0;
    return {
      attempt: async () => {
        calls++;
        if (calls <= n) throw new VersionConflictError('a', 1);
        return calls;
      },
      calls: () => calls,
    };
  };

  it('tries three times in all by default, and as often as it is told', async () => {
    await expect(retryOnVersionConflict(conflictingTimes(2).attempt)).resolves.toBe(3);
    await expect(retryOnVersionConflict(conflictingTimes(3).attempt)).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await expect(retryOnVersionConflict(conflictingTimes(7).attempt, { attempts: 8 })).resolves.toBe(8);
  });

  it('never retries for a caller who gave an expectedVersion, nor any other error', async () => {
    const conflicting = conflictingTimes(1);
    await expect(retryOnVersionConflict(conflicting.attempt, { expectedVersion: 4 })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    expect(conflicting.calls()).toBe(1);
    let calls = 0;
    await expect(
      retryOnVersionConflict(async () => {
        calls++;
        throw new Error('nej');
      }),
    ).rejects.toThrow('nej');
    expect(calls).toBe(1);
  });
});
