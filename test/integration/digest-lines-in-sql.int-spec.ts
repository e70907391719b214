import { randomUUID } from 'node:crypto';
import { composeWeeklyDigest, type DigestLine, type StatisticsCaseFact } from '@kvalitet/domain';
import { ReportService, statisticsStore } from '@kvalitet/reporting';
import { FIXTURE_UNITS } from '../../libs/domain/src/reports/fixtures/report-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { mulberry32 } from '../support/seeded-random';

/**
 * Översikt on a phone asks for the week's case lines a page at a time (issue 21): the database orders
 * them — overdue first, then the newest, then the case number — and sends only the page, with how
 * many there are. Held equal to the pure digest's lines ordered the same way and cut at the same place.
 */
const random = mulberry32(21);
const H = 3_600_000;
const WEEK = '2026-W49';
const WEEK_START = Date.parse('2026-11-30T00:00:00.000+01:00');
const AS_OF = new Date('2026-12-05T12:00:00.000Z');

function fact(i: number): StatisticsCaseFact {
  // Half in the week, half in the five weeks before it, whole hours so that ties occur.
  const reported = WEEK_START + Math.round((random() * 7 - (random() < 0.5 ? 35 : 0)) * 24) * H;
  return {
    caseId: randomUUID(),
    caseNumber: `AV-2026-${String(i).padStart(5, '0')}`,
    type: 'deviation',
    reportedType: 'deviation',
    unitId: FIXTURE_UNITS[i % FIXTURE_UNITS.length]!.id,
    category: null,
    lagrum: null,
    channel: 'staff_form',
    stage: 'reported',
    reportedAt: new Date(reported).toISOString(),
    closedAt: null,
    acknowledgedAt: null,
    investigationRecordedAt: null,
    deviationOccurred: null,
    decidedAt: null,
    outcome: null,
    serious: false,
    ivoReportedAt: null,
    escalations: [],
    deadlines:
      random() < 0.4
        ? [
            {
              kind: 'acknowledgement',
              dueAt: new Date(reported + random() * 400 * H).toISOString(),
              status: 'open',
            },
          ]
        : [],
    actions: [],
    version: 1,
  } as StatisticsCaseFact;
}

const byOverdueThenNewest = (a: DigestLine, b: DigestLine) =>
  Number(b.overdue) - Number(a.overdue) ||
  Date.parse(b.reportedAt) - Date.parse(a.reportedAt) ||
  (a.caseNumber < b.caseNumber ? 1 : a.caseNumber > b.caseNumber ? -1 : 0);

describe('the weekly digest pages its case lines in SQL (issue 21)', () => {
  let db: TestDatabase;
  let facts: StatisticsCaseFact[];
  let service: ReportService;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 2 });
    facts = Array.from({ length: 600 }, (_, i) => fact(i));
    await statisticsStore.upsert(db.dataSource, facts);
    service = new ReportService({ db: db.dataSource, units: FIXTURE_UNITS, organisation: 'Testkommun' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it.each([0, 1, 20, 10_000])(
    'the first %i lines, overdue first and then the newest, and the total',
    async (limit) => {
      const pure = composeWeeklyDigest(facts, WEEK, AS_OF);
      expect(pure.lines.length).toBeGreaterThan(100);
      expect(pure.lines.some((l) => l.overdue)).toBe(true);
      const page = await service.weeklyDigestPage(WEEK, AS_OF, limit);
      expect(page.linesTotal).toBe(pure.lines.length);
      expect(page.lines).toEqual([...pure.lines].sort(byOverdueThenNewest).slice(0, limit));
      expect({ ...page, lines: [], linesTotal: 0 }).toEqual({ ...pure, lines: [], linesTotal: 0 });
    },
  );

  it('a board sees its own units only', async () => {
    const unit = FIXTURE_UNITS[0]!.id;
    const page = await service.forUnits([unit]).weeklyDigestPage(WEEK, AS_OF, 50);
    const own = composeWeeklyDigest(
      facts.filter((f) => f.unitId === unit),
      WEEK,
      AS_OF,
    ).lines;
    expect(page.linesTotal).toBe(own.length);
    expect(page.lines).toEqual([...own].sort(byOverdueThenNewest).slice(0, 50));
  });
});
