import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CLASSIFICATION_VOCABULARY,
  monthlyCountsOf,
  statisticsFactOf,
  withClassificationCodes,
  type StatisticsCaseFact,
} from '@kvalitet/domain';
import { EventStore } from '@kvalitet/persistence';
import { ReportService, statisticsStore } from '@kvalitet/reporting';
import { createStatisticsProjection } from '../../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import {
  FIXTURE_AS_OF,
  FIXTURE_CASES,
  FIXTURE_ORGANISATION,
  FIXTURE_PERSONAL_STRINGS,
  FIXTURE_UNITS,
} from '../../libs/domain/src/reports/fixtures/report-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const GOLDEN = join(__dirname, '../../libs/domain/src/reports/fixtures/golden');
const byId = (facts: readonly StatisticsCaseFact[]) =>
  [...facts].sort((a, b) => a.caseId.localeCompare(b.caseId));

describe('statistics read model (projection, rebuild, report service) on Postgres', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    store = new EventStore(db.dataSource);
    for (const c of FIXTURE_CASES) {
      await store.append({
        aggregateType: 'case',
        aggregateId: c.caseId,
        expectedVersion: 0,
        events: c.events.map((e) => ({ type: e.type, data: e.data })),
        metadata: { actor: 'test', correlationId: randomUUID() },
      });
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  // Category and lagrum as list codes (issue 24): the fixture's free text `rutin`, `SoL`, `HSL` is `annat`.
  const expected = () =>
    byId(
      FIXTURE_CASES.map((c) => statisticsFactOf(c.events))
        .filter((f): f is StatisticsCaseFact => f !== null)
        .map((f) => withClassificationCodes(f, DEFAULT_CLASSIFICATION_VOCABULARY)),
    );

  it('the live consumer re-folds the touched cases from the event rows, twice the same', async () => {
    const projection = createStatisticsProjection();
    const events = (await store.readAll({ limit: 1000 })).slice(0, 40);
    await db.dataSource.transaction((m) => projection.handleBatch!(events, m));
    await db.dataSource.transaction((m) => projection.handleBatch!(events, m));
    const touched = new Set(events.map((e) => e.aggregateId));
    const facts = byId(await statisticsStore.loadByCase(db.dataSource, [...touched]));
    expect(facts).toEqual(expected().filter((f) => touched.has(f.caseId)));
  });

  it('the rebuild from the event store gives one fact per case, equal to the pure fold', async () => {
    const [report] = await rebuildReadModels(db.dataSource, store, [createStatisticsProjection()]);
    expect(report).toMatchObject({ projection: 'statistics', aggregates: 8 });
    const facts = byId(
      await statisticsStore.loadRelevant(db.dataSource, new Date('2000-01-01'), new Date('2100-01-01')),
    );
    expect(facts).toEqual(expected());
    await rebuildReadModels(db.dataSource, store, [createStatisticsProjection()]);
    expect(await statisticsStore.count(db.dataSource)).toBe(8);
  });

  it('holds no personal data: no name, personal identity number, free text or username in the table', async () => {
    const dump = JSON.stringify(await db.dataSource.query(`SELECT * FROM rm_statistics_cases`));
    for (const personal of FIXTURE_PERSONAL_STRINGS) {
      const found = /^[a-z]+$/.test(personal)
        ? new RegExp(`"${personal}"`).test(dump)
        : dump.includes(personal);
      expect({ personal, found }).toEqual({ personal, found: false });
    }
  });

  it('monthly counts in SQL equal the pure ones, and the weekly digest equals its golden file', async () => {
    const counts = await statisticsStore.monthlyCounts(
      db.dataSource,
      new Date('2026-01-01'),
      new Date('2027-01-01'),
    );
    expect(counts).toEqual(monthlyCountsOf(expected()));
    const service = new ReportService({
      db: db.dataSource,
      units: FIXTURE_UNITS,
      organisation: FIXTURE_ORGANISATION,
    });
    const digest = await service.weeklyDigest('2026-W48', FIXTURE_AS_OF);
    expect(`${JSON.stringify(digest.data, null, 2)}\n`).toBe(
      readFileSync(join(GOLDEN, 'weekly-digest-2026-W48.json'), 'utf8'),
    );
    const tertial = await service.tertial(2026, 3, FIXTURE_AS_OF);
    expect(`${JSON.stringify(tertial.data, null, 2)}\n`).toBe(
      readFileSync(join(GOLDEN, 'tertial-2026-3.json'), 'utf8'),
    );
  });
});
