import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { ARSHJUL_PLANNING_WORKFLOW_TYPE } from '@kvalitet/workflows';
import { createOrUpdateSchedule } from './report-schedules';

/** `kvalitet-arshjul`, or `<prefix>-arshjul` for a test's own schedules. */
export function arshjulScheduleId(prefix: string = 'kvalitet'): string {
  return `${prefix}-arshjul`;
}

/**
 * DL-31 as a Temporal Schedule: every 1 October, 03:00 Stockholm, next year's årshjul is proposed for
 * every board that has none, a quarter ahead so kvalitet can adjust it and the nämnd see it before the
 * year starts. A run missed while the server was down is made up within a month.
 */
export function arshjulScheduleOptions(
  taskQueue: string,
  options: { prefix?: string; paused?: boolean } = {},
): ScheduleOptions {
  const scheduleId = arshjulScheduleId(options.prefix);
  return {
    scheduleId,
    spec: {
      calendars: [
        { month: 'OCTOBER', dayOfMonth: 1, hour: 3, minute: 0, comment: 'Nästa års årshjul föreslås' },
      ],
      timezone: 'Europe/Stockholm',
    },
    action: {
      type: 'startWorkflow',
      workflowType: ARSHJUL_PLANNING_WORKFLOW_TYPE,
      args: [],
      taskQueue,
      workflowId: scheduleId,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days', pauseOnFailure: false },
    state: {
      paused: options.paused ?? false,
      note: 'Årshjul: nästa års förslag skapas den 1 oktober för nämnder som saknar ett (DL-31)',
    },
    memo: { kind: 'arshjul' },
  };
}

/** Creates the schedule, or updates it if it exists (keeping whether it is paused). */
export function ensureArshjulSchedule(
  client: Client,
  taskQueue: string,
  options: { prefix?: string; paused?: boolean } = {},
): Promise<'created' | 'updated'> {
  return createOrUpdateSchedule(client, arshjulScheduleOptions(taskQueue, options));
}
