import { randomUUID } from 'node:crypto';
import { statisticsFactOf, type CaseEvent, type StatisticsCaseFact } from '@kvalitet/domain';
import { ClassificationsRepository, EventStore } from '@kvalitet/persistence';
import { Classifications1764180000000 } from '../../libs/persistence/src/migrations/1764180000000-classifications';
import { statisticsStore } from '@kvalitet/reporting';
import { createCaseReadModelProjection } from '../../apps/projector/src/projections/case-read-model/case-read-model.projection';
import { createStatisticsProjection } from '../../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { FIXTURE_CASES } from '../../libs/domain/src/reports/fixtures/report-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PLANTED = 'Anna Andersson 19450312-1234';

/** The fixture's classifications replaced by what people typed before the lists (issue 24). */
const TYPED: readonly { category: string; lagrum?: string }[] = [
  { category: 'Läkemedel' }, // a label, another case
  { category: PLANTED, lagrum: PLANTED }, // a name and a personnummer
  { category: ' FALL ', lagrum: 'SoL' }, // a code, other case and space; an unknown lagrum
  { category: 'rutin', lagrum: '24 b § lss' }, // rutin: on kvalitet's list from version 2 (saved below)
];
const EXPECTED: readonly { category: string; lagrum: string | null }[] = [
  { category: 'läkemedel', lagrum: null },
  { category: 'annat', lagrum: 'annat' },
  { category: 'fall', lagrum: 'annat' },
  { category: 'rutin', lagrum: '24 b § LSS' },
];

function typedCases(): { caseId: string; events: CaseEvent[] }[] {
  let i = 0;
  return FIXTURE_CASES.map((c) => ({
    caseId: c.caseId,
    events: c.events.map((e) => {
      if (e.type !== 'CaseClassified') return e;
      const typed = TYPED[i++]!;
      const { lagrum: _lagrum, ...data } = e.data;
      return { ...e, data: { ...data, ...typed } } as CaseEvent;
    }),
  }));
}

/**
 * Migration 1764180000000 maps the free text that earlier versions stored in the statistics and in
 * the case list to list codes — and a rebuild by today's projections gives the same rows, so the
 * migration and the projector agree. The case's own events keep what was typed.
 */
describe('classifications migration: free text in read models → list codes (issue 24)', () => {
  let db: TestDatabase;
  let store: EventStore;
  const cases = typedCases();
  const classified = cases
    .filter((c) => c.events.some((e) => e.type === 'CaseClassified'))
    .map((c) => c.caseId);

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    store = new EventStore(db.dataSource);
    for (const c of cases)
      await store.append({
        aggregateType: 'case',
        aggregateId: c.caseId,
        expectedVersion: 0,
        events: c.events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown> })),
        metadata: { actor: 'test', correlationId: randomUUID() },
      });
    // kvalitet added `rutin` before the migration ran (a list saved by this version, then an upgrade of another node).
    const lists = new ClassificationsRepository(store);
    const current = await lists.current();
    await lists.change(
      { categories: [...current.categories, { code: 'rutin', label: 'Rutin' }], lagrum: current.lagrum },
      'kvalitet',
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  const rows = async () => ({
    statistics: (await db.dataSource.query(
      `SELECT case_id, category, lagrum FROM rm_statistics_cases WHERE case_id = ANY($1::uuid[]) ORDER BY case_id`,
      [classified],
    )) as { case_id: string; category: string; lagrum: string | null }[],
    list: (await db.dataSource.query(
      `SELECT id, category FROM rm_cases WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [classified],
    )) as { id: string; category: string }[],
  });

  it('maps what an earlier version stored; a rebuild gives the same rows', async () => {
    // The rows as the earlier projections wrote them: the typed text as it was.
    await rebuildReadModels(db.dataSource, store, [createCaseReadModelProjection()]);
    await db.dataSource.query(`UPDATE rm_cases SET category = state->>'category'`);
    await statisticsStore.upsert(
      db.dataSource,
      cases.map((c) => statisticsFactOf(c.events)).filter((f): f is StatisticsCaseFact => f !== null),
    );
    const before = await rows();
    expect(before.statistics.map((r) => r.category)).toEqual(
      expect.arrayContaining([PLANTED, ' FALL ', 'Läkemedel']),
    );
    expect(before.list.map((r) => r.category)).toContain(PLANTED);

    const runner = db.dataSource.createQueryRunner();
    try {
      await new Classifications1764180000000().up(runner);
    } finally {
      await runner.release();
    }
    const migrated = await rows();
    const byCase = new Map(cases.map((c) => [c.caseId, c]));
    const expectedFor = (caseId: string) =>
      EXPECTED[
        TYPED.findIndex((t) =>
          byCase
            .get(caseId)!
            .events.some((e) => e.type === 'CaseClassified' && e.data.category === t.category),
        )
      ]!;
    for (const row of migrated.statistics)
      expect({ caseId: row.case_id, category: row.category, lagrum: row.lagrum }).toEqual({
        caseId: row.case_id,
        ...expectedFor(row.case_id),
      });
    for (const row of migrated.list)
      expect({ caseId: row.id, category: row.category }).toEqual({
        caseId: row.id,
        category: expectedFor(row.id).category,
      });
    expect(JSON.stringify(migrated)).not.toContain('19450312');

    await rebuildReadModels(db.dataSource, store, [
      createStatisticsProjection(),
      createCaseReadModelProjection(),
    ]);
    expect(await rows()).toEqual(migrated);

    // The events are untouched: the case still holds what was typed.
    const planted = cases.find((c) =>
      c.events.some((e) => e.type === 'CaseClassified' && e.data.category === PLANTED),
    )!;
    const stored = (await store.load(planted.caseId)).find((e) => e.type === 'CaseClassified');
    expect(stored?.data['category']).toBe(PLANTED);
  });

  it('running it again changes nothing', async () => {
    const before = await rows();
    const runner = db.dataSource.createQueryRunner();
    try {
      await new Classifications1764180000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await rows()).toEqual(before);
  });
});
