import { randomUUID } from 'node:crypto';
import { formatCaseNumber, parseCaseNumber } from '@kvalitet/domain';
import {
  CaseCommandService,
  CaseRefusedError,
  EventStore,
  UpcasterRegistry,
  VersionConflictError,
  allocateCaseSequence,
  ERASED_MARKER,
} from '@kvalitet/persistence';
import { STAFF } from '../support/case-scenarios';
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
        {
          type: 'CaseReported',
          data: {
            caseNumber: 'AV-2026-0001',
            description: 'Fall i korridoren',
            reporter: { username: 'medarbetare', name: 'Anna' },
          },
        },
        { type: 'CaseAcknowledged', data: { by: 'enhetschef', note: 'Mottaget' } },
      ],
    });
    expect(appended.map((e) => e.version)).toEqual([1, 2]);
    const loaded = await store.load(aggregateId);
    expect(loaded.map((e) => e.type)).toEqual(['CaseReported', 'CaseAcknowledged']);
    expect(loaded[0]!.data).toEqual({
      caseNumber: 'AV-2026-0001',
      description: 'Fall i korridoren',
      reporter: { username: 'medarbetare', name: 'Anna' },
    });
    const outbox: { event_id: string; topic: string; message_key: string }[] = await db.dataSource.query(
      `SELECT event_id, topic, message_key FROM outbox WHERE message_key = $1 ORDER BY id`,
      [aggregateId],
    );
    expect(outbox.map((o) => o.event_id)).toEqual(appended.map((e) => e.id));
    expect(outbox[0]!.topic).toBe('kvalitet.case.events.v1');
  });

  it('keeps personal data out of the event row and can erase it without touching the events', async () => {
    const aggregateId = randomUUID();
    await store.append({
      aggregateType: 'case',
      aggregateId,
      expectedVersion: 0,
      metadata,
      events: [
        {
          type: 'CaseReported',
          data: {
            caseNumber: 'KL-2026-0001',
            description: 'Min mamma fick fel medicin',
            contact: { email: 'a@example.se' },
          },
        },
      ],
    });
    const raw: { data: Record<string, unknown> }[] = await db.dataSource.query(
      `SELECT data FROM events WHERE aggregate_id = $1`,
      [aggregateId],
    );
    expect(raw[0]!.data).toEqual({ caseNumber: 'KL-2026-0001' });
    expect(await store.erasePersonalData(aggregateId, 'gallring enligt dokumenthanteringsplan')).toBe(1);
    const loaded = await store.load(aggregateId);
    expect(loaded[0]!.data).toEqual({
      caseNumber: 'KL-2026-0001',
      description: ERASED_MARKER,
      contact: ERASED_MARKER,
    });
  });

  it('refuses a stale expected version with a VersionConflictError and writes nothing', async () => {
    const aggregateId = randomUUID();
    await store.append({
      aggregateType: 'case',
      aggregateId,
      expectedVersion: 0,
      metadata,
      events: [{ type: 'A', data: {} }],
    });
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() =>
        store.append({
          aggregateType: 'case',
          aggregateId,
          expectedVersion: 1,
          metadata,
          events: [
            { type: 'B', data: {} },
            { type: 'C', data: {} },
          ],
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect((await store.load(aggregateId)).map((e) => e.version)).toEqual([1, 2, 3]);
    const outboxCount: { count: string }[] = await db.dataSource.query(
      `SELECT count(*) FROM outbox WHERE message_key = $1`,
      [aggregateId],
    );
    expect(Number(outboxCount[0]!.count)).toBe(3);
  });

  it('upcasts an old schema version when reading', async () => {
    const aggregateId = randomUUID();
    await store.append({
      aggregateType: 'case',
      aggregateId,
      expectedVersion: 0,
      metadata,
      events: [
        {
          type: 'CaseReported',
          schemaVersion: 1,
          data: { caseNumber: 'AV-2026-0099', reporter: 'medarbetare' },
        },
      ],
    });
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
    const numbers = await Promise.all(
      Array.from({ length: 40 }, () => db.dataSource.transaction((m) => allocateCaseSequence(m, 'LS', year))),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('appends to several aggregates in one statement: positions in request order, outbox rows in the same order', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const appended = await store.appendMany(
      ids.map((aggregateId, i) => ({
        aggregateType: 'case' as const,
        aggregateId,
        expectedVersion: 0,
        metadata,
        events: [
          { type: 'A', data: { i } },
          { type: 'B', data: { note: `anteckning ${i}` } },
        ],
      })),
    );
    const positions = appended.flat().map((e) => BigInt(e.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(appended.map((events) => events.map((e) => `${e.aggregateId}:${e.version}`))).toEqual(
      ids.map((id) => [`${id}:1`, `${id}:2`]),
    );
    const outbox: { event_id: string; message_key: string }[] = await db.dataSource.query(
      `SELECT event_id, message_key FROM outbox WHERE message_key = ANY($1) ORDER BY id`,
      [ids],
    );
    expect(outbox.map((o) => o.event_id)).toEqual(appended.flat().map((e) => e.id));
    expect((await store.load(ids[2]!))[1]!.data).toEqual({ note: 'anteckning 2' });
    // All or nothing: one stale aggregate refuses the whole statement.
    const fresh = randomUUID();
    await expect(
      store.appendMany([
        {
          aggregateType: 'case',
          aggregateId: fresh,
          expectedVersion: 0,
          metadata,
          events: [{ type: 'A', data: {} }],
        },
        {
          aggregateType: 'case',
          aggregateId: ids[0]!,
          expectedVersion: 1,
          metadata,
          events: [{ type: 'C', data: {} }],
        },
      ]),
    ).rejects.toEqual(new VersionConflictError(ids[0]!, 1));
    expect(await store.load(fresh)).toEqual([]);
  });

  it('allocates numbers in the append statement itself, formatted as formatCaseNumber does, and a failed statement allocates none', async () => {
    const year = 2032;
    await db.dataSource.query(
      `INSERT INTO case_number_sequences (prefix, year, last_value) VALUES ('AV', $1, 9997)`,
      [year],
    );
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const numbering = { prefix: 'AV', year, numberedEventType: 'CaseReported' };
    const request = (aggregateId: string) => ({
      aggregateType: 'case' as const,
      aggregateId,
      expectedVersion: 0,
      metadata,
      events: [
        { type: 'CaseReported', data: { caseId: aggregateId, caseNumber: 'AV-2032-0001', description: 'x' } },
      ],
    });
    // a duplicate aggregate fails the whole statement: nothing written, no number used
    await expect(
      store.appendMany([request(ids[0]!), request(ids[0]!)], undefined, numbering),
    ).rejects.toBeInstanceOf(VersionConflictError);
    const appended = await store.appendMany(ids.map(request), undefined, numbering);
    const expected = [9998, 9999, 10000, 10001].map((n) => formatCaseNumber('AV', year, n));
    expect(appended.map((events) => events[0]!.data['caseNumber'])).toEqual(expected);
    expect(await Promise.all(ids.map(async (id) => (await store.load(id))[0]!.data['caseNumber']))).toEqual(
      expected,
    );
    expect((await store.load(ids[0]!))[0]!.data).toEqual({
      caseId: ids[0],
      caseNumber: 'AV-2032-9998',
      description: 'x',
    });
    // events of another type keep their data as it was
    const other = randomUUID();
    const [unnumbered] = await store.appendMany(
      [
        {
          aggregateType: 'case',
          aggregateId: other,
          expectedVersion: 0,
          metadata,
          events: [{ type: 'Other', data: { caseNumber: 'orört' } }],
        },
      ],
      undefined,
      numbering,
    );
    expect(unnumbered![0]!.data).toEqual({ caseNumber: 'orört' });
  });

  it('numbers concurrent reports from two services (as from two api processes) without gaps or duplicates per prefix and year', async () => {
    const services = [
      new CaseCommandService(new EventStore(db.dataSource)),
      new CaseCommandService(new EventStore(db.dataSource)),
    ];
    const reports = Array.from({ length: 160 }, (_, i) => ({
      type: i % 2 === 0 ? ('deviation' as const) : ('complaint' as const),
      unitId: 'solgarden',
      description: `Rapport ${i}`,
      channel: 'staff_form' as const,
      occurredAt: '2025-06-01',
      // a quarter are registered afterwards with the original date, so they take a number of 2025
      ...(i % 4 < 2 ? {} : { reportedAt: '2025-06-02T08:00:00Z' }),
    }));
    const results = await Promise.all(reports.map((data, i) => services[i % 2]!.report(data, STAFF)));
    const byKey = new Map<string, number[]>();
    for (const { state } of results) {
      const parsed = parseCaseNumber(state.caseNumber)!;
      const key = `${parsed.prefix}-${parsed.year}`;
      byKey.set(key, [...(byKey.get(key) ?? []), parsed.seq]);
    }
    const thisYear = new Date().getFullYear();
    expect([...byKey.keys()].sort()).toEqual(
      ['AV-2025', `AV-${thisYear}`, 'KL-2025', `KL-${thisYear}`].sort(),
    );
    for (const numbers of byKey.values()) {
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    }
    const stored: { n: string }[] = await db.dataSource.query(
      `SELECT count(DISTINCT data->>'caseNumber') AS n FROM events WHERE type = 'CaseReported' AND aggregate_id = ANY($1)`,
      [results.map((r) => r.state.id)],
    );
    expect(Number(stored[0]!.n)).toBe(160);
  });

  it('a report that fails in a batch fails alone and returns its number; a refused report takes none', async () => {
    const service = new CaseCommandService(new EventStore(db.dataSource));
    const report = (description: string) =>
      service.report(
        {
          type: 'deviation',
          unitId: 'solgarden',
          description,
          channel: 'staff_form',
          occurredAt: '2019-01-10',
          reportedAt: '2019-03-01T10:00:00Z',
        },
        STAFF,
      );
    // Postgres refuses a NUL character in jsonb: the batch it lands in fails and is retried report by report.
    const settled = await Promise.allSettled([
      ...Array.from({ length: 12 }, (_, i) => report(`Rapport ${i}`)),
      report('trasig \u0000 text'),
      ...Array.from({ length: 12 }, (_, i) => report(`Rapport ${i + 12}`)),
    ]);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1);
    await expect(report('')).rejects.toBeInstanceOf(CaseRefusedError);
    const numbers = settled.flatMap((s) =>
      s.status === 'fulfilled' ? [parseCaseNumber(s.value.state.caseNumber)!.seq] : [],
    );
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const next = await report('Nästa');
    expect(next.state.caseNumber).toBe('AV-2019-0025');
  });
});
