import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { GallringInput } from '@kvalitet/workflows';
import { createOrUpdateSchedule } from './report-schedules';

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
  const scheduleId = gallringScheduleId(options.prefix);
  const args: [GallringInput] = [{}];
  return {
    scheduleId,
    spec: {
      calendars: [
        { hour: GALLRING_HOUR, minute: GALLRING_MINUTE, comment: 'Gallring enligt gallringsreglerna' },
      ],
      timezone: 'Europe/Stockholm',
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'gallringWorkflow',
      args,
      taskQueue,
      workflowId: scheduleId,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days', pauseOnFailure: false },
    state: {
      paused: options.paused ?? false,
      note: 'Gallring: ärenden vars gallringsfrist löpt ut och som inte är spärrade, varje natt 02:30',
    },
    memo: { kind: 'gallring' },
  };
}

/** Creates the schedule, or updates it if it exists (keeping whether it is paused). */
export function ensureGallringSchedule(
  client: Client,
  taskQueue: string,
  options: { prefix?: string; paused?: boolean } = {},
): Promise<'created' | 'updated'> {
  return createOrUpdateSchedule(client, gallringScheduleOptions(taskQueue, options));
}
