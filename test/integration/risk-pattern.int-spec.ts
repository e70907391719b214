import type { CaseActor } from '@kvalitet/domain';
import { CaseCommandService, EventStore } from '@kvalitet/persistence';
import type { EventEnvelope } from '@kvalitet/contracts';
import { createRiskAssessmentReadModelProjection } from '../../apps/projector/src/projections/risk-assessments/risk-assessment-read-model.projection';
import { createRiskPatternProjection } from '../../apps/projector/src/projections/risk-assessments/risk-pattern.projection';
import { UNIT_PARENTS } from '../../apps/projector/src/projections/risk-assessments/unit-parents';
import { ORGANISATION } from '../../apps/api/src/org/organisation.instance';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const STAFF: CaseActor = { username: 'medarbetare', roles: ['staff'] };
const MANAGER: CaseActor = { username: 'enhetschef', roles: ['unit_manager'] };

/**
 * The deviation pattern rule run from case events, as the projector's consumer runs it (RA-8): the
 * projection's batch handler inside a transaction, on a real Postgres, with the events the case
 * service appended.
 */
describe('deviation pattern → proposed risk assessment (real Postgres)', () => {
  let db: TestDatabase;
  let cases: CaseCommandService;
  let store: EventStore;
  const pattern = createRiskPatternProjection({ unitParents: UNIT_PARENTS });
  const readModel = createRiskAssessmentReadModelProjection();

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.dataSource);
    cases = new CaseCommandService(store);
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function deviation(unitId: string, category: string, daysAgo = 1): Promise<EventEnvelope[]> {
    const occurredAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    const reported = await cases.report(
      { type: 'deviation', unitId, occurredAt, channel: 'staff_form', description: 'Fall vid förflyttning' },
      STAFF,
    );
    const classified = await cases.execute(reported.state.id, {
      type: 'classify',
      actor: MANAGER,
      data: { category },
    });
    return [...reported.events, ...classified.events];
  }

  const handle = (projection: typeof pattern, events: EventEnvelope[]) =>
    db.dataSource.transaction((manager) => projection.handleBatch!(events, manager));

  async function proposals() {
    return (await store.readAll({ limit: 1000, aggregateType: 'risk_assessment' })).filter(
      (e) => e.type === 'RiskAssessmentProposed',
    );
  }

  it("the unit tree restated for the projector is the api's", () => {
    expect(UNIT_PARENTS).toEqual(Object.fromEntries(ORGANISATION.units.map((u) => [u.id, u.parentId])));
  });

  it('the third similar deviation in a unit proposes a risk assessment with tasks for the unit manager and kvalitet; a redelivery proposes nothing more', async () => {
    const first = [...(await deviation('solgarden', 'fall')), ...(await deviation('solgarden', 'fall', 20))];
    await handle(pattern, first);
    expect(await proposals()).toHaveLength(0);
    const third = await deviation('solgarden', 'fall', 40);
    await handle(pattern, third);
    const [proposed] = await proposals();
    expect(proposed?.data).toMatchObject({
      unitId: 'solgarden',
      trigger: 'deviation_pattern',
      pattern: {
        scope: 'unit',
        caseType: 'deviation',
        category: 'fall',
        count: 3,
        unitIds: ['solgarden'],
        key: 'unit:solgarden:deviation|fall',
      },
    });
    expect(String(proposed?.data['reference'])).toMatch(/^RA-\d{4}-\d{4}$/);
    const assessment = await store.load(proposed!.aggregateId);
    expect(
      assessment
        .filter((e) => e.type === 'RiskTaskCreated')
        .map((e) => [e.data['assigneeRole'], e.data['unitId'], e.data['kind']]),
    ).toEqual([
      ['unit_manager', 'solgarden', 'consider_risk_assessment'],
      ['quality_coordinator', 'solgarden', 'consider_risk_assessment'],
    ]);

    await handle(pattern, third);
    await handle(pattern, [...(await deviation('solgarden', 'fall', 2))]);
    expect(await proposals()).toHaveLength(1);

    await handle(readModel, assessment);
    const tasks = await db.dataSource.query(
      `SELECT case_type, case_number, kind, assignee_role, status FROM rm_tasks WHERE case_id = $1 ORDER BY assignee_role`,
      [proposed!.aggregateId],
    );
    expect(tasks).toEqual([
      {
        case_type: 'risk_assessment',
        case_number: proposed!.data['reference'],
        kind: 'consider_risk_assessment',
        assignee_role: 'quality_coordinator',
        status: 'open',
      },
      {
        case_type: 'risk_assessment',
        case_number: proposed!.data['reference'],
        kind: 'consider_risk_assessment',
        assignee_role: 'unit_manager',
        status: 'open',
      },
    ]);
    const [row] = await db.dataSource.query(
      `SELECT stage, trigger, pattern_key FROM rm_risk_assessments WHERE id = $1`,
      [proposed!.aggregateId],
    );
    expect(row).toEqual({
      stage: 'proposed',
      trigger: 'deviation_pattern',
      pattern_key: 'unit:solgarden:deviation|fall',
    });
  });

  it('similar deviations in three units propose a cross-unit analysis for the unit above them all', async () => {
    const events: EventEnvelope[] = [];
    for (const unit of ['hemtjanst-norr', 'hemtjanst-norr', 'ekbacken', 'forsorjningsstod', 'ekbacken'])
      events.push(...(await deviation(unit, 'medication', 3)));
    await handle(pattern, events);
    const cross = (await proposals()).filter(
      (e) => (e.data['pattern'] as { scope: string }).scope === 'cross_unit',
    );
    expect(cross).toHaveLength(1);
    expect(cross[0]!.data).toMatchObject({
      unitId: 'forvaltning',
      pattern: {
        category: 'medication',
        count: 5,
        unitIds: ['ekbacken', 'forsorjningsstod', 'hemtjanst-norr'],
      },
    });
  });

  it('deviations outside the window or of other categories do not count, and a rebuild keeps the index without proposing', async () => {
    const before = (await proposals()).length;
    await handle(pattern, [
      ...(await deviation('ekbacken', 'bemotande', 200)),
      ...(await deviation('ekbacken', 'bemotande', 150)),
      ...(await deviation('ekbacken', 'bemotande', 1)),
    ]);
    expect(await proposals()).toHaveLength(before);
    const indexed = Number((await db.dataSource.query(`SELECT count(*) AS n FROM rm_deviation_index`))[0].n);
    await rebuildReadModels(db.dataSource, store, [pattern]);
    expect(Number((await db.dataSource.query(`SELECT count(*) AS n FROM rm_deviation_index`))[0].n)).toBe(
      indexed,
    );
    expect(await proposals()).toHaveLength(before);
  });
});
