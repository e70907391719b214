import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type CalendarSpec,
  type Client,
  type ScheduleOptions,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import {
  meetingReportInstants,
  meetingReportScheduleSpec,
  reportScheduleId,
  SCHEDULED_REPORT_KINDS,
  type ScheduledReportKind,
} from '@kvalitet/domain';
import type { ScheduledReportInput } from '@kvalitet/workflows';

const REPORT_SCHEDULE_PREFIX = 'kvalitet-report';
const TIME_ZONE = 'Europe/Stockholm';

export interface ReportScheduleDefinition {
  readonly scheduleId: string;
  readonly kind: ScheduledReportKind;
  readonly spec: ScheduleSpec;
  /** How long after a missed time (server down over Monday) the run is still made up. */
  readonly catchupWindow: Duration;
  readonly note: string;
}

type ScheduledReport = Omit<ReportScheduleDefinition, 'scheduleId' | 'kind'>;

export interface ReportScheduleOptions {
  readonly prefix?: string;
  /** Ledningsgrupp meetings as Stockholm dates (`2026-12-03`); each gets a report at 07:00 (DL-18). Empty: every Thursday. */
  readonly meetingDates?: readonly string[];
}

/**
 * The calendar duties of §5 as Temporal Schedules, in Stockholm time (DATA-12):
 * weekly digest Monday 07:00 (DL-17); a report before each ledningsgrupp meeting (DL-18); quarterly
 * statistics on the 1st of Jan/Apr/Jul/Oct (DL-19); tertial reports on 1 May, 1 September and
 * 1 January (DL-20); the annual compilation on 15 January (REP-9); the patientsäkerhetsberättelse
 * draft on 15 January, well before 1 March, with the reminder chain to the MAS in the run (DL-22);
 * the kvalitetsberättelse draft on 20 January (DL-23); the ledningssystem review on 1 March (DL-24).
 */
export function reportScheduleDefinitions(options: ReportScheduleOptions = {}): ReportScheduleDefinition[] {
  const prefix = options.prefix ?? REPORT_SCHEDULE_PREFIX;
  const at7 = { hour: 7, minute: 0 };
  const reportAt7 = (month: CalendarSpec['month'], dayOfMonth: number, note: string): ScheduledReport => ({
    spec: { calendars: [{ month, dayOfMonth, ...at7 }], timezone: TIME_ZONE },
    catchupWindow: '30 days',
    note,
  });
  const specs: Record<ScheduledReportKind, ScheduledReport> = {
    weekly_digest: {
      spec: { calendars: [{ dayOfWeek: 'MONDAY', ...at7 }], timezone: TIME_ZONE },
      catchupWindow: '6 days',
      note: 'Veckosammanställning till ledningsgruppen, måndag 07:00',
    },
    meeting_report: {
      spec: meetingReportScheduleSpec(options.meetingDates ?? []),
      catchupWindow: '2 days',
      note: 'Rapport till ledningsgruppens möte',
    },
    quarterly_statistics: reportAt7(['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], 1, 'Kvartalsstatistik'),
    tertial_report: reportAt7(
      ['JANUARY', 'MAY', 'SEPTEMBER'],
      1,
      'Tertialrapport (T1 jan–apr, T2 maj–aug, T3 sep–dec)',
    ),
    annual_report: reportAt7('JANUARY', 15, 'Årssammanställning till nämnden'),
    patientsakerhetsberattelse: reportAt7(
      'JANUARY',
      15,
      'Utkast till patientsäkerhetsberättelse (senast 1 mars), påminnelser till MAS',
    ),
    kvalitetsberattelse: reportAt7('JANUARY', 20, 'Utkast till kvalitetsberättelse'),
    ledningssystem_review: reportAt7('MARCH', 1, 'Årlig uppföljning av ledningssystemet (mars)'),
  };
  return SCHEDULED_REPORT_KINDS.map((kind) => ({
    scheduleId: reportScheduleId(prefix, kind),
    kind,
    ...specs[kind],
  }));
}

function scheduleOptionsOf(
  definition: ReportScheduleDefinition,
  taskQueue: string,
  options: ReportScheduleOptions & { paused?: boolean } = {},
): ScheduleOptions {
  const args: [ScheduledReportInput] = [
    definition.kind === 'meeting_report' && options.meetingDates && options.meetingDates.length > 0
      ? { kind: definition.kind, meetingDates: meetingReportInstants(options.meetingDates) }
      : { kind: definition.kind },
  ];
  return {
    scheduleId: definition.scheduleId,
    spec: definition.spec,
    action: {
      type: 'startWorkflow',
      workflowType: 'scheduledReportWorkflow',
      args,
      taskQueue,
      workflowId: definition.scheduleId,
    },
    // A run still going (a berättelse waiting to remind) lets the next one queue, never run twice at once.
    policies: {
      overlap: ScheduleOverlapPolicy.BUFFER_ONE,
      catchupWindow: definition.catchupWindow,
      pauseOnFailure: false,
    },
    state: { paused: options.paused ?? false, note: definition.note },
    memo: { kind: definition.kind },
  };
}

/**
 * Creates the schedules, or updates spec, action and policies of those that exist (keeping whether
 * they are paused): safe to run at every start.
 */
export async function ensureReportSchedules(
  client: Client,
  taskQueue: string,
  options: ReportScheduleOptions & { paused?: boolean } = {},
): Promise<{ created: string[]; updated: string[] }> {
  const created: string[] = [];
  const updated: string[] = [];
  for (const definition of reportScheduleDefinitions(options)) {
    const outcome = await createOrUpdateSchedule(client, scheduleOptionsOf(definition, taskQueue, options));
    (outcome === 'created' ? created : updated).push(definition.scheduleId);
  }
  return { created, updated };
}

/** Creates a schedule, or updates spec, action and policies of the one that exists (keeping whether it is paused). */
export async function createOrUpdateSchedule(
  client: Client,
  scheduleOptions: ScheduleOptions,
): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(scheduleOptions);
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleOptions.scheduleId).update((previous) => ({
      ...previous,
      spec: scheduleOptions.spec,
      action: scheduleOptions.action,
      policies: scheduleOptions.policies,
    }));
    return 'updated';
  }
}

/** Pauses or resumes every report schedule (e.g. during a migration), with a note why. */
export async function setReportSchedulesPaused(
  client: Client,
  paused: boolean,
  note: string,
  options: ReportScheduleOptions = {},
): Promise<void> {
  for (const definition of reportScheduleDefinitions(options)) {
    const handle = client.schedule.getHandle(definition.scheduleId);
    if (paused) await handle.pause(note);
    else await handle.unpause(note);
  }
}
