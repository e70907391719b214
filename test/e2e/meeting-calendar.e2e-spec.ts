import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import {
  reportScheduleDefinitions,
  ensureReportSchedules,
} from '../../apps/worker/src/activities/report-schedules';
import { dailyListScheduleId } from '../../apps/worker/src/activities/daily-list-schedule';
import { gallringScheduleId } from '../../apps/worker/src/activities/gallring-schedule';
import { infraEnv } from '../support/infra-env';
import { expectProblem, startApi, type TestApi } from './support/api-harness';
import { CALENDAR_VALIDATION_CASES } from './support/calendar-validation-cases';
import { temporalDataConverter } from '@kvalitet/runtime';

interface Meeting {
  date: string;
  time?: string;
  title?: string;
}
interface CalendarBody {
  version: number;
  meetings: Meeting[];
  changedBy?: string;
  changedAt?: string;
  schedule?: { scheduleId: string; updated: boolean; message: string };
}

const run = promisify(execFile);

/**
 * The ledningsgrupp's meeting calendar (DL-18; issue 7 "a configurable meeting calendar", issue 9
 * Inställningar): stored and versioned through the real api, and the meeting-report Temporal
 * Schedule on the dev server follows it.
 */
describe('GET/PUT /api/v1/meeting-calendar (e2e)', () => {
  let api: TestApi;
  let connection: Connection;
  let client: Client;
  let kvalitet: string;
  const prefix = `test-mc-${randomUUID().slice(0, 8)}`;
  const scheduleId = `${prefix}-meeting-report`;

  beforeAll(async () => {
    connection = await Connection.connect({ address: infraEnv().TEMPORAL_ADDRESS });
    client = new Client({ connection, dataConverter: temporalDataConverter() });
    // The schedules as `ensure` makes them at start (paused: nothing may fire during the test).
    await ensureReportSchedules(client, `mc-${randomUUID()}`, { prefix, paused: true });
    api = await startApi({ REPORT_SCHEDULE_PREFIX: prefix });
    kvalitet = await api.token('kvalitet');
  });
  afterAll(async () => {
    // The CLI's `ensure` below also makes the daily list's schedule under the same prefix.
    for (const scheduleId of [
      ...reportScheduleDefinitions({ prefix }).map((d) => d.scheduleId),
      dailyListScheduleId(prefix),
      gallringScheduleId(prefix),
    ])
      await client?.schedule
        .getHandle(scheduleId)
        .delete()
        .catch(() => undefined);
    await connection?.close();
    await api?.close();
  });

  it('starts empty (version 0) and saves a new version that the schedule follows at 07:00 Stockholm', async () => {
    const empty = await api.call<CalendarBody>('GET', '/api/v1/meeting-calendar', { token: kvalitet });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ version: 0, meetings: [] });

    const put = await api.call<CalendarBody>('PUT', '/api/v1/meeting-calendar', {
      token: kvalitet,
      body: {
        version: 0,
        meetings: [
          { date: '2027-06-10', time: '09:00', title: ' Tertialuppföljning ' },
          { date: '2027-01-14' },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      version: 1,
      meetings: [{ date: '2027-01-14' }, { date: '2027-06-10', time: '09:00', title: 'Tertialuppföljning' }],
      changedBy: 'kvalitet',
      schedule: { scheduleId, updated: true },
    });

    const described = await client.schedule.getHandle(scheduleId).describe();
    expect(described.spec.timezone).toBe('Europe/Stockholm');
    expect(described.spec.calendars?.map((c) => c.comment)).toEqual([
      'Ledningsgruppens möte 2027-01-14',
      'Ledningsgruppens möte 2027-06-10',
    ]);
    expect(described.info.nextActionTimes.map((d) => d.toISOString())).toEqual([
      '2027-01-14T06:00:00.000Z',
      '2027-06-10T05:00:00.000Z',
    ]);
    // The workflow learns the meetings too ("since the previous meeting"), and the rest is kept.
    expect(described.action.type).toBe('startWorkflow');
    if (described.action.type === 'startWorkflow')
      expect(described.action.args).toEqual([
        { kind: 'meeting_report', meetingDates: ['2027-01-14T06:00:00.000Z', '2027-06-10T05:00:00.000Z'] },
      ]);
    expect(described.state.paused).toBe(true);

    const read = await api.call<CalendarBody>('GET', '/api/v1/meeting-calendar', {
      token: await api.token('ledning'),
    });
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(1);
    expect(read.body.meetings).toHaveLength(2);
  });

  it('refuses a stale version with 409 and keeps the calendar', async () => {
    const stale = await api.call('PUT', '/api/v1/meeting-calendar', {
      token: kvalitet,
      body: { version: 0, meetings: [{ date: '2027-03-04' }] },
    });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    const read = await api.call<CalendarBody>('GET', '/api/v1/meeting-calendar', { token: kvalitet });
    expect(read.body.version).toBe(1);
    expect(read.body.meetings.map((m) => m.date)).toEqual(['2027-01-14', '2027-06-10']);
  });

  it.each(CALENDAR_VALIDATION_CASES)('answers 400 in Swedish for %s', async (_label, body, field, code) => {
    const response = await api.call('PUT', '/api/v1/meeting-calendar', { token: kvalitet, body });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    for (const error of problem.errors ?? []) expect(error.message).toMatch(/[a-zåäö]/i);
    expect(
      (await api.call<CalendarBody>('GET', '/api/v1/meeting-calendar', { token: kvalitet })).body.version,
    ).toBe(1);
  });

  // Authorisation matrix: every demo user of api.md × both operations, by hand.
  const matrix: [string, number, number][] = [
    ['medarbetare', 403, 403],
    ['enhetschef', 403, 403],
    ['enhetschef.ekbacken', 403, 403],
    ['avdelningschef', 403, 403],
    ['forvaltningschef', 200, 403],
    ['sas', 403, 403],
    ['mas', 403, 403],
    ['ledning', 200, 403],
    ['kvalitet', 200, 200],
  ];
  it.each(matrix)('%s: GET %i, PUT %i', async (username, get, put) => {
    const token = await api.token(username);
    const read = await api.call('GET', '/api/v1/meeting-calendar', { token });
    if (get === 200) expect(read.status).toBe(200);
    else expectProblem(read, get, 'FORBIDDEN');
    const write = await api.call('PUT', '/api/v1/meeting-calendar', {
      token,
      body: {
        meetings: [
          { date: '2027-01-14' },
          { date: '2027-06-10', time: '09:00', title: 'Tertialuppföljning' },
        ],
      },
    });
    if (put === 200) expect(write.status).toBe(200);
    else expectProblem(write, put, 'FORBIDDEN');
  });

  it('is in the OpenAPI document with its body, answers and problems', async () => {
    const doc = (
      await api.call<{
        paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
        components: { schemas: Record<string, { properties?: Record<string, { maxItems?: number }> }> };
      }>('GET', '/api/v1/openapi.json')
    ).body;
    const path = doc.paths['/api/v1/meeting-calendar']!;
    expect(Object.keys(path['get']!.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(Object.keys(path['put']!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '409']),
    );
    expect(JSON.stringify(path['put']!.requestBody)).toContain('MeetingCalendarDocumentDto');
    expect(doc.components.schemas['MeetingCalendarDocumentDto']!.properties!['meetings']!.maxItems).toBe(200);
    expect(doc.components.schemas['SavedMeetingCalendarDto']!.properties!['schedule']).toBeDefined();
  });

  it('without a token: 401 for both', async () => {
    expectProblem(await api.call('GET', '/api/v1/meeting-calendar'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await api.call('PUT', '/api/v1/meeting-calendar', { body: { meetings: [] } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('with the schedule gone the calendar is still saved, and the next `ensure` builds the schedule from it (not from LEDNINGSGRUPP_MEETINGS)', async () => {
    await client.schedule.getHandle(scheduleId).delete();
    const current = (await api.call<CalendarBody>('GET', '/api/v1/meeting-calendar', { token: kvalitet }))
      .body;
    const put = await api.call<CalendarBody>('PUT', '/api/v1/meeting-calendar', {
      token: kvalitet,
      body: { version: current.version, meetings: [{ date: '2027-02-11' }, { date: '2027-09-09' }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(current.version + 1);
    expect(put.body.schedule).toMatchObject({ scheduleId, updated: false });
    expect(put.body.schedule?.message).toMatch(/nästa start/);

    const env = infraEnv();
    await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/worker/src/activities/report-schedules-cli.ts', 'ensure'],
      {
        env: {
          ...process.env,
          DATABASE_URL: api.db.url,
          TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
          TEMPORAL_TASK_QUEUE: `mc-${randomUUID()}`,
          REPORT_SCHEDULE_PREFIX: prefix,
          REPORT_SCHEDULES_PAUSED: 'true',
          LEDNINGSGRUPP_MEETINGS: '2027-05-20',
        },
        timeout: 120_000,
      },
    );
    const described = await client.schedule.getHandle(scheduleId).describe();
    expect(described.info.nextActionTimes.map((d) => d.toISOString())).toEqual([
      '2027-02-11T06:00:00.000Z',
      '2027-09-09T05:00:00.000Z',
    ]);
    // `ensure` makes the daily list's 07:00 schedule beside the reports (DL-16), paused like them.
    const dailyList = await client.schedule.getHandle(dailyListScheduleId(prefix)).describe();
    expect(dailyList.spec.timezone).toBe('Europe/Stockholm');
    expect(dailyList.state.paused).toBe(true);
    expect(dailyList.action.type === 'startWorkflow' && dailyList.action.workflowType).toBe(
      'dailyListWorkflow',
    );
    // …and the nightly gallring (DATA-2, ADR 0027), paused like them.
    const gallring = await client.schedule.getHandle(gallringScheduleId(prefix)).describe();
    expect(gallring.state.paused).toBe(true);
    expect(gallring.action.type === 'startWorkflow' && gallring.action.workflowType).toBe('gallringWorkflow');
  });
});
