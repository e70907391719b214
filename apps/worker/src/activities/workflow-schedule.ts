import type { ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Duration } from '@temporalio/common';

/** One workflow started at one time of day, Stockholm time (the gallring, the daily list). */
export interface DailyWorkflowSchedule {
  readonly scheduleId: string;
  readonly workflowType: string;
  readonly args: unknown[];
  readonly hour: number;
  readonly minute: number;
  readonly comment: string;
  readonly overlap: ScheduleOverlapPolicy;
  readonly catchupWindow: Duration;
  readonly note: string;
  readonly kind: string;
}

/** The schedule's options; the started workflow's id is the schedule's. */
export function dailyWorkflowScheduleOptions(
  schedule: DailyWorkflowSchedule,
  taskQueue: string,
  paused: boolean = false,
): ScheduleOptions {
  return {
    scheduleId: schedule.scheduleId,
    spec: {
      calendars: [{ hour: schedule.hour, minute: schedule.minute, comment: schedule.comment }],
      timezone: 'Europe/Stockholm',
    },
    action: {
      type: 'startWorkflow',
      workflowType: schedule.workflowType,
      args: schedule.args,
      taskQueue,
      workflowId: schedule.scheduleId,
    },
    policies: { overlap: schedule.overlap, catchupWindow: schedule.catchupWindow, pauseOnFailure: false },
    state: { paused, note: schedule.note },
    memo: { kind: schedule.kind },
  };
}
