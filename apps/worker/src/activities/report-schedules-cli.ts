// node -r @swc-node/register apps/worker/src/activities/report-schedules-cli.ts ensure|pause [note]|unpause [note]|describe
// Creates or updates the report schedules (ADR 0006); infra/start-all.sh runs `ensure` at every start.
import { Client, Connection } from '@temporalio/client';
import { CASE_TASK_QUEUE } from '@kvalitet/workflows';
import { EventStore, MeetingCalendarRepository, openDataSource } from '@kvalitet/persistence';
import { databaseTlsFromEnv, temporalConnectionFromEnv, temporalDataConverter } from '@kvalitet/runtime';
import {
  ensureReportSchedules,
  reportScheduleDefinitions,
  setReportSchedulesPaused,
} from './report-schedules';
import { dailyListScheduleId, ensureDailyListSchedule } from './daily-list-schedule';
import { ensureGallringSchedule, gallringScheduleId } from './gallring-schedule';
import { arshjulScheduleId, ensureArshjulSchedule } from './arshjul-schedule';

/**
 * The calendar kvalitet saved (PUT /api/v1/meeting-calendar) wins; LEDNINGSGRUPP_MEETINGS is the
 * fallback until one has been saved, or when the database cannot be read (ADR 0006).
 */
async function meetingDates(): Promise<string[]> {
  const url = process.env['DATABASE_URL'];
  if (url) {
    try {
      const dataSource = await openDataSource({
        url,
        poolSize: 1,
        applicationName: 'kvalitet-report-schedules',
        ssl: databaseTlsFromEnv(),
      });
      try {
        const calendar = await new MeetingCalendarRepository(new EventStore(dataSource)).current();
        if (calendar.version > 0) {
          process.stderr.write(
            `[rapportscheman] möteskalender version ${calendar.version} (${calendar.meetings.length} möten)\n`,
          );
          return calendar.meetings.map((m) => m.date);
        }
      } finally {
        await dataSource.destroy();
      }
    } catch (error) {
      process.stderr.write(
        `[rapportscheman] möteskalendern kunde inte läsas (${error instanceof Error ? error.message : String(error)}); använder LEDNINGSGRUPP_MEETINGS\n`,
      );
    }
  }
  return meetingDatesFromEnv();
}

function meetingDatesFromEnv(): string[] {
  const raw = process.env['LEDNINGSGRUPP_MEETINGS'] ?? '';
  const dates = raw
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d.length > 0);
  const bad = dates.filter((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
  if (bad.length > 0)
    throw new Error(`LEDNINGSGRUPP_MEETINGS: ogiltiga datum ${bad.join(', ')} (förväntat YYYY-MM-DD)`);
  return dates;
}

/**
 * A Temporal server that has just started, or is busy, can fail a schedule call once (seen as
 * "Failed to describe schedule" right after heavy use): ensuring is idempotent, so try again a few
 * times before `npm start` gives up.
 */
async function withRetries<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts) throw error;
      const waitS = 2 ** attempt;
      process.stderr.write(
        `[rapportscheman] försök ${attempt} misslyckades (${error instanceof Error ? error.message : String(error)}); försöker igen om ${waitS} s\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, waitS * 1000));
    }
  }
}

async function main(): Promise<void> {
  const [command = 'ensure', ...rest] = process.argv.slice(2);
  const temporal = temporalConnectionFromEnv();
  const connection = await Connection.connect({ ...temporal.connection, connectTimeout: '10s' });
  const client = new Client({
    connection,
    namespace: temporal.namespace,
    dataConverter: temporalDataConverter(),
  });
  const prefix = process.env['REPORT_SCHEDULE_PREFIX'];
  const options = { meetingDates: await meetingDates(), ...(prefix ? { prefix } : {}) };
  try {
    if (command === 'ensure') {
      const taskQueue = process.env['TEMPORAL_TASK_QUEUE'] ?? CASE_TASK_QUEUE;
      const paused = process.env['REPORT_SCHEDULES_PAUSED'] === 'true';
      const result = await withRetries(() =>
        ensureReportSchedules(client, taskQueue, { ...options, paused }),
      );
      const dailyList = await withRetries(() =>
        ensureDailyListSchedule(client, taskQueue, { ...options, paused }),
      );
      result[dailyList].push(dailyListScheduleId(options.prefix));
      const gallringPrefix = prefix ? { prefix } : {};
      const gallring = await withRetries(() =>
        ensureGallringSchedule(client, taskQueue, { ...gallringPrefix, paused }),
      );
      result[gallring].push(gallringScheduleId(prefix));
      const arshjul = await withRetries(() =>
        ensureArshjulSchedule(client, taskQueue, { ...gallringPrefix, paused }),
      );
      result[arshjul].push(arshjulScheduleId(prefix));
      process.stderr.write(
        `[rapportscheman] skapade: ${result.created.join(', ') || '–'}; uppdaterade: ${result.updated.join(', ') || '–'}\n`,
      );
    } else if (command === 'pause' || command === 'unpause') {
      await setReportSchedulesPaused(
        client,
        command === 'pause',
        rest.join(' ') || (command === 'pause' ? 'pausad från kommandoraden' : 'återupptagen'),
        options,
      );
      const dailyList = client.schedule.getHandle(dailyListScheduleId(options.prefix));
      const note = rest.join(' ') || (command === 'pause' ? 'pausad från kommandoraden' : 'återupptagen');
      if (command === 'pause') await dailyList.pause(note);
      else await dailyList.unpause(note);
      const gallring = client.schedule.getHandle(gallringScheduleId(prefix));
      if (command === 'pause') await gallring.pause(note);
      else await gallring.unpause(note);
      const arshjul = client.schedule.getHandle(arshjulScheduleId(prefix));
      if (command === 'pause') await arshjul.pause(note);
      else await arshjul.unpause(note);
      process.stderr.write(`[rapportscheman] ${command === 'pause' ? 'pausade' : 'återupptagna'}\n`);
    } else if (command === 'describe') {
      for (const scheduleId of [
        ...reportScheduleDefinitions(options).map((d) => d.scheduleId),
        dailyListScheduleId(options.prefix),
        gallringScheduleId(prefix),
        arshjulScheduleId(prefix),
      ]) {
        const info = await client.schedule.getHandle(scheduleId).describe();
        process.stdout.write(
          `${scheduleId}: ${info.state.paused ? 'pausad' : 'aktiv'}; nästa: ${info.info.nextActionTimes
            .slice(0, 3)
            .map((d) => d.toISOString())
            .join(', ')}\n`,
        );
      }
    } else {
      throw new Error(`okänt kommando: ${command} (ensure, pause, unpause, describe)`);
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[rapportscheman] misslyckades: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
