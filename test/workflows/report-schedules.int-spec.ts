import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { EventStore } from '@kvalitet/persistence';
import { Mailer } from '@kvalitet/notifications';
import { REPORT_DEMO_UNITS } from '@kvalitet/reporting';
import {
  berattelseApprovedSignal,
  scheduledReportStatusQuery,
  scheduledReportWorkflow,
} from '@kvalitet/workflows';
import { ORGANISATION } from '../../apps/api/src/org/organisation.instance';
import {
  createReportActivities,
  reportAggregateId,
} from '../../apps/worker/src/activities/report-activities';
import {
  ensureReportSchedules,
  reportScheduleDefinitions,
  setReportSchedulesPaused,
} from '../../apps/worker/src/activities/report-schedules';
import { createStatisticsProjection } from '../../apps/projector/src/projections/statistics.projection';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild-read-models';
import { FIXTURE_CASES, FIXTURE_ORGANISATION } from '../../libs/domain/src/reports/fixtures/report-fixture';
import { infraEnv } from '../support/infra-env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { quietTemporalRuntime, workflowBundle } from './support/case-workflow-harness';
import { startTimeSkippingWorker } from './support/time-skipping-worker';
import { temporalDataConverter } from '@kvalitet/runtime';

quietTemporalRuntime();

async function seed(db: TestDatabase): Promise<EventStore> {
  const store = new EventStore(db.dataSource);
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
  return store;
}

function activities(db: TestDatabase, store: EventStore) {
  return createReportActivities({
    dataSource: db.dataSource,
    events: store,
    mailer: new Mailer({ db: db.dataSource }),
    units: REPORT_DEMO_UNITS,
    organisation: FIXTURE_ORGANISATION,
  });
}

it('the worker rolls up the same unit tree as the api', () => {
  expect(REPORT_DEMO_UNITS).toEqual(ORGANISATION.units);
});

describe('scheduled report runs (time-skipping test server, real activities on Postgres)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let store: EventStore;
  let stopWorker: (() => Promise<void>) | undefined;
  const taskQueue = `reports-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    store = await seed(db);
    ({ env, stop: stopWorker } = await startTimeSkippingWorker(taskQueue, activities(db, store)));
  });
  afterAll(async () => {
    await stopWorker?.();
    await db?.drop();
  });

  const mails = async (to: string) => (await new Mailer({ db: db.dataSource }).list({ to })).items;

  it('Monday 07:00: the digest of the week before is stored, appears as an event and is mailed once; a re-run replaces it', async () => {
    const input = { kind: 'weekly_digest' as const, scheduledAt: '2026-11-30T06:00:00.000Z' };
    const first = await env.client.workflow.execute(scheduledReportWorkflow, {
      args: [input],
      taskQueue,
      workflowId: `digest-${randomUUID()}`,
    });
    expect(first).toEqual({ key: 'weekly_digest:2026-W48', generation: 1, mailed: true, reminders: 0 });
    const again = await env.client.workflow.execute(scheduledReportWorkflow, {
      args: [input],
      taskQueue,
      workflowId: `digest-${randomUUID()}`,
    });
    expect(again).toEqual({ key: 'weekly_digest:2026-W48', generation: 2, mailed: false, reminders: 0 });

    const reports: { report_key: string; generation: number }[] = await db.dataSource.query(
      // The installation's report; its board copies (`<key>@<board>`, ADR 0030) are boards.e2e-spec's subject.
      `SELECT report_key, generation FROM generated_reports WHERE report_key NOT LIKE '%@%'`,
    );
    expect(reports).toEqual([{ report_key: 'weekly_digest:2026-W48', generation: 2 }]);
    const events = await store.load(reportAggregateId('weekly_digest:2026-W48'));
    expect(events.map((e) => [e.aggregateType, e.type, e.data['generation']])).toEqual([
      ['report', 'ReportGenerated', 1],
      ['report', 'ReportGenerated', 2],
    ]);
    const ledning = await mails('ledning');
    expect(ledning.map((m) => [m.subject, m.attachments.map((a) => a.contentType)])).toEqual([
      ['Veckosammanställning till ledningsgruppen, vecka 48 2026', ['application/pdf']],
    ]);
  });

  it('15 January: the patientsäkerhetsberättelse draft, then reminders to the MAS on 1, 15 and 25 February (time skipped)', async () => {
    const result = await env.client.workflow.execute(scheduledReportWorkflow, {
      args: [{ kind: 'patientsakerhetsberattelse', scheduledAt: '2027-01-15T06:00:00.000Z' }],
      taskQueue,
      workflowId: `psb-${randomUUID()}`,
    });
    expect(result).toEqual({
      key: 'patientsakerhetsberattelse:2026',
      generation: 1,
      mailed: true,
      reminders: 3,
    });
    const toMas = await mails('mas');
    expect(toMas.map((m) => m.subject).sort()).toEqual([
      'Patientsäkerhetsberättelse 2026 (utkast)',
      'Påminnelse: Patientsäkerhetsberättelsen för 2026 ska vara klar senast 1 mars 2027',
      'Påminnelse: Patientsäkerhetsberättelsen för 2026 ska vara klar senast 1 mars 2027',
      'Påminnelse: Patientsäkerhetsberättelsen för 2026 ska vara klar senast 1 mars 2027',
    ]);
  });

  it('an approved berättelse stops the reminder chain', async () => {
    const handle = await env.client.workflow.start(scheduledReportWorkflow, {
      args: [{ kind: 'kvalitetsberattelse', scheduledAt: '2027-01-20T06:00:00.000Z' }],
      taskQueue,
      workflowId: `kb-${randomUUID()}`,
    });
    await handle.signal(berattelseApprovedSignal);
    expect(await handle.result()).toEqual({
      key: 'kvalitetsberattelse:2026',
      generation: 1,
      mailed: true,
      reminders: 0,
    });
    expect((await handle.query(scheduledReportStatusQuery)).approved).toBe(true);
    expect((await mails('kvalitet')).filter((m) => m.subject.startsWith('Påminnelse'))).toEqual([]);
  });

  it('a meeting report covers the time since the meeting before', async () => {
    const result = await env.client.workflow.execute(scheduledReportWorkflow, {
      args: [
        {
          kind: 'meeting_report',
          scheduledAt: '2026-11-26T06:00:00.000Z',
          meetingDates: ['2026-11-12T06:00:00.000Z', '2026-11-26T06:00:00.000Z'],
        },
      ],
      taskQueue,
      workflowId: `meeting-${randomUUID()}`,
    });
    expect(result.key).toBe('meeting_report:2026-11-26');
    const rows: { period_from: Date; data: { lines: { caseNumber: string }[] } }[] =
      await db.dataSource.query(`SELECT period_from, data FROM generated_reports WHERE report_key = $1`, [
        result.key,
      ]);
    expect(rows[0]!.period_from.toISOString()).toBe('2026-11-12T06:00:00.000Z');
    // Reported (or decided) since the meeting on 12 November; HA-2026-0001 came in before it.
    expect(rows[0]!.data.lines.map((l) => l.caseNumber)).toEqual([
      'LS-2026-0001',
      'AV-2026-0002',
      'KL-2026-0001',
      'KL-2026-0002',
      'LM-2026-0001',
      'AV-2026-0001',
    ]);
  });
});

/**
 * The Java time-skipping server does not implement Schedules, so the schedules themselves are
 * checked on the Temporal dev server: Temporal's own calendar computes the next fire times, pause
 * works, and a missed Monday is caught up (a backfill is what the server does for a run missed
 * within the catch-up window) with the period it was meant for.
 */
describe('report schedules on the Temporal dev server', () => {
  let connection: Connection;
  let client: Client;
  const prefix = `test-report-${randomUUID().slice(0, 8)}`;
  const taskQueue = `reports-sched-${randomUUID()}`;

  beforeAll(async () => {
    connection = await Connection.connect({ address: infraEnv().TEMPORAL_ADDRESS });
    client = new Client({ connection, dataConverter: temporalDataConverter() });
  });
  afterAll(async () => {
    for (const d of reportScheduleDefinitions({ prefix }))
      await client.schedule
        .getHandle(d.scheduleId)
        .delete()
        .catch(() => undefined);
    await connection.close();
  });

  it('creates every schedule idempotently, in Stockholm time, and the server computes the fire times', async () => {
    const first = await ensureReportSchedules(client, taskQueue, {
      prefix,
      paused: true,
      meetingDates: ['2027-01-14', '2027-06-10'],
    });
    expect(first.created).toHaveLength(8);
    const second = await ensureReportSchedules(client, taskQueue, {
      prefix,
      meetingDates: ['2027-01-14', '2027-06-10'],
    });
    expect(second).toEqual({ created: [], updated: first.created });
    const next = async (kind: string) =>
      (await client.schedule.getHandle(`${prefix}-${kind}`).describe()).info.nextActionTimes.map((d) =>
        d.toISOString(),
      );
    const describeWeekly = await client.schedule.getHandle(`${prefix}-weekly-digest`).describe();
    expect(describeWeekly.state.paused).toBe(true); // the update kept the paused state
    expect(describeWeekly.spec.timezone).toBe('Europe/Stockholm');
    expect(describeWeekly.policies.catchupWindow).toBe(6 * 86_400_000);
    for (const t of describeWeekly.info.nextActionTimes) {
      const local = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Stockholm',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }).format(t);
      expect(local).toBe('måndag 07:00');
    }
    expect((await next('tertial-report')).slice(0, 3)).toEqual([
      '2027-01-01T06:00:00.000Z',
      '2027-05-01T05:00:00.000Z',
      '2027-09-01T05:00:00.000Z',
    ]);
    expect((await next('quarterly-statistics')).slice(0, 2)).toEqual([
      '2027-01-01T06:00:00.000Z',
      '2027-04-01T05:00:00.000Z',
    ]);
    expect((await next('patientsakerhetsberattelse'))[0]).toBe('2027-01-15T06:00:00.000Z');
    expect((await next('ledningssystem-review'))[0]).toBe('2027-03-01T06:00:00.000Z');
    expect(await next('meeting-report')).toEqual(['2027-01-14T06:00:00.000Z', '2027-06-10T05:00:00.000Z']);
  });

  it('pauses and resumes every schedule', async () => {
    await setReportSchedulesPaused(client, false, 'test', { prefix });
    expect((await client.schedule.getHandle(`${prefix}-tertial-report`).describe()).state.paused).toBe(false);
    await setReportSchedulesPaused(client, true, 'underhåll', { prefix });
    const paused = await client.schedule.getHandle(`${prefix}-tertial-report`).describe();
    expect([paused.state.paused, paused.state.note]).toEqual([true, 'underhåll']);
  });

  it('catches up a missed Monday: the run reports the week it was meant for', async () => {
    const db = await createTestDatabase({ poolSize: 4 });
    const store = await seed(db);
    const nativeConnection = await NativeConnection.connect({ address: infraEnv().TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      dataConverter: temporalDataConverter(),
      connection: nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: activities(db, store),
    });
    const running = worker.run();
    try {
      const handle = client.schedule.getHandle(`${prefix}-weekly-digest`);
      // The server was down over Monday 23 November 07:00: the schedule makes up the run.
      await handle.backfill({
        start: new Date('2026-11-23T05:59:00.000Z'),
        end: new Date('2026-11-23T06:01:00.000Z'),
        overlap: 'ALLOW_ALL',
      });
      let rows: { report_key: string }[] = [];
      for (let i = 0; i < 60 && rows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 500));
        rows = await db.dataSource.query(
          `SELECT report_key FROM generated_reports WHERE report_key NOT LIKE '%@%'`,
        );
      }
      expect(rows).toEqual([{ report_key: 'weekly_digest:2026-W47' }]);
      const described = await handle.describe();
      expect(described.info.recentActions.length).toBeGreaterThanOrEqual(1);
    } finally {
      worker.shutdown();
      await running.catch(() => undefined);
      await nativeConnection.close();
      await db.drop();
    }
  });
});
