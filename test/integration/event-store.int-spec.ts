import { randomUUID } from 'node:crypto';
import { EventStore, UpcasterRegistry, VersionConflictError, allocateCaseSequence, ERASED_MARKER } from '@kvalitet/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const metadata = { actor: 'medarbetare', correlationId: 'corr-1' };

describe('EventStore (real Postgres)', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    store = new EventStore(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('appends events with their outbox rows in one transaction and loads them back in order', async () => {
    const aggregateId = randomUUID();
    const appended = await store.append({
      aggregateType: 'case',
      aggregateId,
      expectedVersion: 0,
      metadata,
      events: [
        { type: 'CaseReported', data: { caseNumber: 'AV-2026-0001', description: 'Fall i korridoren', reporter: { username: 'medarbetare', name: 'Anna' } } },
        { type: 'CaseAcknowledged', data: { by: 'enhetschef', note: 'Mottaget' } },
      ],
    });
    expect(appended.map((e) => e.version)).toEqual([1, 2]);
    const loaded = await store.load(aggregateId);
    expect(loaded.map((e) => e.type)).toEqual(['CaseReported', 'CaseAcknowledged']);
    expect(loaded[0]!.data).toEqual({ caseNumber: 'AV-2026-0001', description: 'Fall i korridoren', reporter: { username: 'medarbetare', name: 'Anna' } });
    const outbox: { event_id: string; topic: string; message_key: string }[] = await db.dataSource.query(`SELECT event_id, topic, message_key FROM outbox WHERE message_key = $1 ORDER BY id`, [aggregateId]);
    expect(outbox.map((o) => o.event_id)).toEqual(appended.map((e) => e.id));
    expect(outbox[0]!.topic).toBe('kvalitet.case.events.v1');
  });

  it('keeps personal data out of the event row and can erase it without touching the events', async () => {
    const aggregateId = randomUUID();
    await store.append({ aggregateType: 'case', aggregateId, expectedVersion: 0, metadata, events: [{ type: 'CaseReported', data: { caseNumber: 'KL-2026-0001', description: 'Min mamma fick fel medicin', contact: { email: 'a@example.se' } } }] });
    const raw: { data: Record<string, unknown> }[] = await db.dataSource.query(`SELECT data FROM events WHERE aggregate_id = $1`, [aggregateId]);
    expect(raw[0]!.data).toEqual({ caseNumber: 'KL-2026-0001' });
    expect(await store.erasePersonalData(aggregateId, 'gallring enligt dokumenthanteringsplan')).toBe(1);
    const loaded = await store.load(aggregateId);
    expect(loaded[0]!.data).toEqual({ caseNumber: 'KL-2026-0001', description: ERASED_MARKER, contact: ERASED_MARKER });
  });

  it('refuses a stale expected version with a VersionConflictError and writes nothing', async () => {
    const aggregateId = randomUUID();
    await store.append({ aggregateType: 'case', aggregateId, expectedVersion: 0, metadata, events: [{ type: 'A', data: {} }] });
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => store.append({ aggregateType: 'case', aggregateId, expectedVersion: 1, metadata, events: [{ type: 'B', data: {} }, { type: 'C', data: {} }] })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect((await store.load(aggregateId)).map((e) => e.version)).toEqual([1, 2, 3]);
    const outboxCount: { count: string }[] = await db.dataSource.query(`SELECT count(*) FROM outbox WHERE message_key = $1`, [aggregateId]);
    expect(Number(outboxCount[0]!.count)).toBe(3);
  });

  it('upcasts an old schema version when reading', async () => {
    const aggregateId = randomUUID();
    await store.append({ aggregateType: 'case', aggregateId, expectedVersion: 0, metadata, events: [{ type: 'CaseReported', schemaVersion: 1, data: { caseNumber: 'AV-2026-0099', reporter: 'medarbetare' } }] });
    const [event] = await store.load(aggregateId);
    expect(event!.schemaVersion).toBe(2);
    expect(event!.data).toEqual({ caseNumber: 'AV-2026-0099', reporter: { username: 'medarbetare' } });
    const custom = new EventStore(db.dataSource, { upcasters: new UpcasterRegistry() });
    expect((await custom.load(aggregateId))[0]!.schemaVersion).toBe(1);
  });

  it('allocates case numbers without gaps or duplicates under concurrency, and a rollback returns its number', async () => {
    const year = 2031;
    const failing = db.dataSource.transaction(async (m) => {
      await allocateCaseSequence(m, 'LS', year);
      throw new Error('avbruten rapport');
    });
    await expect(failing).rejects.toThrow('avbruten rapport');
    const numbers = await Promise.all(Array.from({ length: 40 }, () => db.dataSource.transaction((m) => allocateCaseSequence(m, 'LS', year))));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
