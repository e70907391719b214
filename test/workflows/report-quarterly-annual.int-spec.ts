import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { EventStore } from '@kvalitet/persistence';
import { Mailer } from '@kvalitet/notifications';
import { REPORT_DEMO_UNITS } from '@kvalitet/reporting';
import { scheduledReportWorkflow } from '@kvalitet/workflows';
import {
  createReportActivities,
  reportAggregateId,
} from '../../apps/worker/src/activities/report-activities';
import { reportScheduleDefinitions } from '../../apps/worker/src/activities/report-schedules';
import { createStatisticsProjection } from '../../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { FIXTURE_CASES, FIXTURE_ORGANISATION } from '../../libs/domain/src/reports/fixtures/report-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { quietTemporalRuntime } from './support/case-workflow-harness';
import { startTimeSkippingWorker } from './support/time-skipping-worker';

quietTemporalRuntime();

/**
 * The quarterly statistics (1 January, April, July, October 07:00) and the annual compilation to
 * the nämnd (15 January 07:00) fire like every scheduled report: the period is taken from the
 * scheduled time, the report is stored once per period, appears as an event and is mailed — the
 * annual one with small counts suppressed (nämnd material, REP-15), the quarterly one exact.
 */
describe('scheduled quarterly statistics and annual compilation (time-skipping server, real activities)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let store: EventStore;
  let stopWorker: (() => Promise<void>) | undefined;
  const taskQueue = `reports-qa-${randomUUID()}`;

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
    await rebuildReadModels(db.dataSource, store, [createStatisticsProjection()]);
    const activities = createReportActivities({
      dataSource: db.dataSource,
      events: store,
      mailer: new Mailer({ db: db.dataSource }),
      units: REPORT_DEMO_UNITS,
      organisation: FIXTURE_ORGANISATION,
    });
    ({ env, stop: stopWorker } = await startTimeSkippingWorker(taskQueue, activities));
  });
  afterAll(async () => {
    await stopWorker?.();
    await db?.drop();
  });

  it('both are scheduled in Stockholm time with catch-up', () => {
    const byKind = new Map(reportScheduleDefinitions({ prefix: 'x' }).map((d) => [d.kind, d]));
    expect(byKind.get('quarterly_statistics')).toMatchObject({
      spec: {
        timezone: 'Europe/Stockholm',
        calendars: [{ month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], dayOfMonth: 1 }],
      },
      catchupWindow: '30 days',
    });
    expect(byKind.get('annual_report')).toMatchObject({
      spec: { timezone: 'Europe/Stockholm', calendars: [{ month: 'JANUARY', dayOfMonth: 15 }] },
      catchupWindow: '30 days',
    });
  });

  it('1 January 07:00: quarter 4 of the year before, stored once, as an event and mailed; exact figures', async () => {
    const input = { kind: 'quarterly_statistics' as const, scheduledAt: '2027-01-01T06:00:00.000Z' };
    const first = await env.client.workflow.execute(scheduledReportWorkflow, {
      args: [input],
      taskQueue,
      workflowId: `q-${randomUUID()}`,
    });
    expect(first).toEqual({ key: 'quarterly_statistics:2026-Q4', generation: 1, mailed: true, reminders: 0 });
    const again = await env.client.workflow.execute(scheduledReportWorkflow, {
      args: [input],
      taskQueue,
      workflowId: `q-${randomUUID()}`,
    });
    expect(again).toMatchObject({ key: 'quarterly_statistics:2026-Q4', generation: 2, mailed: false });
    const rows: {
      kind: string;
      data: {
        totals: { reported: number };
        suppression: { applied: boolean };
        byType: { measures: { reported: number | null } }[];
      };
    }[] = await db.dataSource.query(
      `SELECT kind, data FROM generated_reports WHERE report_key = 'quarterly_statistics:2026-Q4'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data.totals.reported).toBe(8);
    expect(rows[0]!.data.suppression.applied).toBe(false);
    expect(rows[0]!.data.byType.map((g) => g.measures.reported)).toContain(1);
    expect((await store.load(reportAggregateId('quarterly_statistics:2026-Q4'))).map((e) => e.type)).toEqual([
      'ReportGenerated',
      'ReportGenerated',
    ]);
    const mails = (await new Mailer({ db: db.dataSource }).list({ to: 'kvalitet' })).items.map(
      (m) => m.subject,
    );
    expect(mails.filter((s) => s.includes('kvartal 4 2026'))).toHaveLength(1);
  });

  it('15 January 07:00: the annual compilation of the year before, to the nämnd with small counts suppressed', async () => {
    const result = await env.client.workflow.execute(scheduledReportWorkflow, {
      args: [{ kind: 'annual_report', scheduledAt: '2027-01-15T06:00:00.000Z' }],
      taskQueue,
      workflowId: `a-${randomUUID()}`,
    });
    expect(result).toEqual({ key: 'annual_report:2026', generation: 1, mailed: true, reminders: 0 });
    const rows: {
      data: {
        totals: { reported: number };
        suppression: { applied: boolean; cells: number };
        byType: { measures: { reported: number | null } }[];
      };
      html: string;
    }[] = await db.dataSource.query(
      `SELECT data, html FROM generated_reports WHERE report_key = 'annual_report:2026'`,
    );
    expect(rows[0]!.data.totals.reported).toBe(8);
    expect(rows[0]!.data.suppression).toMatchObject({ applied: true });
    expect(rows[0]!.data.suppression.cells).toBeGreaterThan(0);
    expect(rows[0]!.data.byType.every((g) => g.measures.reported === null)).toBe(true);
    expect(rows[0]!.html).toContain('&lt;3');
  });
});
