import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { DAILY_LIST_HOUR, reportScheduleId } from '@kvalitet/domain';
import type { DailyListInput } from '@kvalitet/workflows';
import { createOrUpdateSchedule } from './report-schedules';
import { dailyWorkflowScheduleOptions } from './workflow-schedule';

const REPORT_SCHEDULE_PREFIX = 'kvalitet-report';

/** `kvalitet-report-daily-list`: beside the report schedules, under the same prefix. */
export function dailyListScheduleId(prefix: string = REPORT_SCHEDULE_PREFIX): string {
  return reportScheduleId(prefix, 'daily_list');
}

/**
 * The daily list (DL-16) as a Temporal Schedule: every day at 07:00 Stockholm time. A run missed
 * while the server was down is made up within a day (the list of a day is still worth having the
 * next morning); later ones are skipped rather than sending a pile of old lists.
 */
export function dailyListScheduleOptions(
  taskQueue: string,
  options: { prefix?: string; paused?: boolean } = {},
): ScheduleOptions {
  const args: [DailyListInput] = [{}];
  return dailyWorkflowScheduleOptions(
    {
      scheduleId: dailyListScheduleId(options.prefix),
      workflowType: 'dailyListWorkflow',
      args,
      hour: DAILY_LIST_HOUR,
      minute: 0,
      comment: 'Dagens lista till SAS och MAS',
      overlap: ScheduleOverlapPolicy.BUFFER_ONE,
      catchupWindow: '1 day',
      note: 'Dagens lista: gårdagens nya avvikelser till SAS och MAS, 07:00',
      kind: 'daily_list',
    },
    taskQueue,
    options.paused,
  );
}

/** Creates the schedule, or updates spec, action and policies if it exists (keeping whether it is paused). */
export function ensureDailyListSchedule(
  client: Client,
  taskQueue: string,
  options: { prefix?: string; paused?: boolean } = {},
): Promise<'created' | 'updated'> {
  return createOrUpdateSchedule(client, dailyListScheduleOptions(taskQueue, options));
}
