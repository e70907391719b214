import { patched, proxyActivities } from '@temporalio/workflow';
import { DAILY_LIST_ROLES, dailyListDayFor, type DailyListDay, type DailyListRole } from '@kvalitet/domain';
import { scheduledTimeOf } from './scheduled-time';

/** The activity contract of the daily list; `apps/worker` implements it (`createDailyListActivities`). */
export interface DeliverDailyListRequest {
  readonly role: DailyListRole;
  readonly day: DailyListDay;
}

export interface DeliveredDailyList {
  readonly role: DailyListRole;
  readonly count: number;
  /** In-app items written now (0 when a re-run found them written). */
  readonly inApp: number;
  /** Whether a mail went out now (false: nothing to mail, or sent before). */
  readonly mailed: boolean;
}

export interface DailyListActivities {
  deliverDailyList(request: DeliverDailyListRequest): Promise<DeliveredDailyList>;
  /** The day's bell items by mail to each person who chose a daily summary (issue 21), once per day and person. */
  deliverNotificationSummaries(request: {
    readonly day: DailyListDay;
  }): Promise<{ people: number; mailed: number }>;
}

export interface DailyListInput {
  /** The time the run was meant for; absent: the schedule's own time (TemporalScheduledStartTime). */
  readonly scheduledAt?: string;
}

export interface DailyListResult {
  readonly date: string;
  readonly lists: readonly DeliveredDailyList[];
}

const { deliverDailyList, deliverNotificationSummaries } = proxyActivities<DailyListActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 20,
  },
});

/**
 * The 07:00 daily list (DL-16, LC-5): the previous Stockholm day's new deviations of each statutory
 * role's area, in-app and by mail; then that day's notifications to the people who want them once a
 * day. Delivery is keyed by day and role (or person), so a retried activity or a re-run of the
 * schedule sends nothing twice.
 */
export async function dailyListWorkflow(input: DailyListInput = {}): Promise<DailyListResult> {
  const day = dailyListDayFor(scheduledTimeOf(input));
  const lists: DeliveredDailyList[] = [];
  for (const role of DAILY_LIST_ROLES) lists.push(await deliverDailyList({ role, day }));
  // Runs already under way when the summary came finish as they began (replay-safe).
  if (patched('daily-notification-summary')) await deliverNotificationSummaries({ day });
  return { date: day.date, lists };
}
