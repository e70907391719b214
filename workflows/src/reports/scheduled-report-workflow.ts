import {
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  reportPeriodFor,
  stockholmLocalParts,
  stockholmWallClockToInstant,
  type ReportPeriod,
  type ScheduledReportKind,
} from '@kvalitet/domain';
import type { ReportActivities } from './report-activities';
import { scheduledTimeOf } from './scheduled-time';

export interface ScheduledReportInput {
  readonly kind: ScheduledReportKind;
  /** The time the run was meant for. Absent: the schedule's own time (TemporalScheduledStartTime), so a caught-up run reports the period it missed. */
  readonly scheduledAt?: string;
  /** Ledningsgrupp meetings (ISO instants): a meeting report covers the time since the meeting before. */
  readonly meetingDates?: readonly string[];
}

export interface ScheduledReportResult {
  readonly key: string;
  readonly generation: number;
  readonly mailed: boolean;
  readonly reminders: number;
}

/** The berättelse is approved: no more reminders. */
export const berattelseApprovedSignal = defineSignal('berattelseApproved');
export const scheduledReportStatusQuery = defineQuery<{
  period: ReportPeriod | null;
  remindersSent: number;
  approved: boolean;
}>('status');

const { generateScheduledReport, mailScheduledReport, sendReportReminder } =
  proxyActivities<ReportActivities>({
    startToCloseTimeout: '5 minutes',
    retry: {
      initialInterval: '10 seconds',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      maximumAttempts: 20,
      nonRetryableErrorTypes: ['ReportFailed'],
    },
  });

/**
 * Reminders to the MAS before the patientsäkerhetsberättelse is due on 1 March (DL-22), after the
 * draft is ready: 1 February, 15 February and 25 February, 08:00 Stockholm time.
 */
export function berattelseReminderTimes(kind: ScheduledReportKind, draftAt: Date): Date[] {
  if (kind !== 'patientsakerhetsberattelse' && kind !== 'kvalitetsberattelse') return [];
  const { year } = stockholmLocalParts(draftAt);
  return [
    { month: 2, day: 1 },
    { month: 2, day: 15 },
    { month: 2, day: 25 },
  ]
    .map(({ month, day }) => stockholmWallClockToInstant({ year, month, day, hour: 8 }))
    .filter((at) => at.getTime() > draftAt.getTime());
}

function previousMeeting(dates: readonly string[] | undefined, at: Date): Date | undefined {
  const earlier = (dates ?? []).map((d) => new Date(d)).filter((d) => d.getTime() < at.getTime() - 60_000);
  return earlier.length === 0 ? undefined : new Date(Math.max(...earlier.map((d) => d.getTime())));
}

/**
 * One run of a report schedule (DL-17 … DL-24): work out the period from the scheduled time,
 * generate and store the report (a re-run of the period replaces it and appends another
 * `ReportGenerated`), mail it once per period, and for the berättelser remind the owner until it
 * is approved or the last reminder has gone.
 */
export async function scheduledReportWorkflow(input: ScheduledReportInput): Promise<ScheduledReportResult> {
  const at = scheduledTimeOf(input);
  const previous = previousMeeting(input.meetingDates, at);
  const period = reportPeriodFor(input.kind, at, previous ? { previousMeetingAt: previous } : {});
  let approved = false;
  let remindersSent = 0;
  setHandler(berattelseApprovedSignal, () => {
    approved = true;
  });
  setHandler(scheduledReportStatusQuery, () => ({ period, remindersSent, approved }));

  const info = workflowInfo();
  const generated = await generateScheduledReport({ period, workflowId: info.workflowId, runId: info.runId });
  const mail = await mailScheduledReport({ key: period.key, kind: input.kind, label: period.label });

  const due = stockholmWallClockToInstant({ year: stockholmLocalParts(at).year, month: 3, day: 1 });
  for (const [index, reminderAt] of berattelseReminderTimes(input.kind, at).entries()) {
    const wait = reminderAt.getTime() - Date.now();
    if (wait > 0 && (await condition(() => approved, wait))) break;
    if (approved) break;
    await sendReportReminder({
      key: `${period.key}:reminder:${index + 1}`,
      kind: input.kind,
      label: period.label,
      dueDate: due.toISOString(),
    });
    remindersSent += 1;
  }
  return {
    key: generated.key,
    generation: generated.generation,
    mailed: !mail.duplicate,
    reminders: remindersSent,
  };
}
