import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { GallringInput } from '@kvalitet/workflows';
import { createOrUpdateSchedule } from './report-schedules';
import { dailyWorkflowScheduleOptions } from './workflow-schedule';

/** `kvalitet-gallring`, or `<prefix>-gallring` for a test's own schedules. */
export function gallringScheduleId(prefix: string = 'kvalitet'): string {
  return `${prefix}-gallring`;
}

/** 02:30 Stockholm: after midnight, so "today" is the new day, and before anyone is at work. */
export const GALLRING_HOUR = 2;
export const GALLRING_MINUTE = 30;

/**
 * Gallring (DATA-2, DATA-7; ADR 0027) as a Temporal Schedule: every night. A run missed while the
 * server was down is made up within a week (erasure is only late, never early); overlapping runs are
 * skipped, the next night picks up what one left.
 */
export function gallringScheduleOptions(
  taskQueue: string,
  options: { prefix?: string; paused?: boolean } = {},
): ScheduleOptions {
  const args: [GallringInput] = [{}];
  return dailyWorkflowScheduleOptions(
    {
      scheduleId: gallringScheduleId(options.prefix),
      workflowType: 'gallringWorkflow',
      args,
      hour: GALLRING_HOUR,
      minute: GALLRING_MINUTE,
      comment: 'Gallring enligt gallringsreglerna',
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: '7 days',
      note: 'Gallring: ärenden vars gallringsfrist löpt ut och som inte är spärrade, varje natt 02:30',
      kind: 'gallring',
    },
    taskQueue,
    options.paused,
  );
}

/** Creates the schedule, or updates it if it exists (keeping whether it is paused). */
export function ensureGallringSchedule(
  client: Client,
  taskQueue: string,
  options: { prefix?: string; paused?: boolean } = {},
): Promise<'created' | 'updated'> {
  return createOrUpdateSchedule(client, gallringScheduleOptions(taskQueue, options));
}
