import { formatIsoWeek, isoWeekOf, isoWeekRange } from '../calendar/iso-week';
import { quarterRange, tertialRange, yearRange, type Quarter, type Tertial } from '../calendar/period-range';
import { stockholmLocalParts } from '../calendar/stockholm-time';

/** The scheduled reports (DL-17 … DL-24). */
export const SCHEDULED_REPORT_KINDS = [
  'weekly_digest',
  'meeting_report',
  'quarterly_statistics',
  'tertial_report',
  'annual_report',
  'patientsakerhetsberattelse',
  'kvalitetsberattelse',
  'ledningssystem_review',
] as const;

export type ScheduledReportKind = (typeof SCHEDULED_REPORT_KINDS)[number];

export function isScheduledReportKind(value: unknown): value is ScheduledReportKind {
  return typeof value === 'string' && (SCHEDULED_REPORT_KINDS as readonly string[]).includes(value);
}

/** The period one run reports on; `key` identifies it (a re-run of the same key replaces, never duplicates). */
export interface ReportPeriod {
  readonly kind: ScheduledReportKind;
  readonly key: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

function period(
  kind: ScheduledReportKind,
  id: string,
  label: string,
  range: { from: Date; to: Date },
): ReportPeriod {
  return { kind, key: `${kind}:${id}`, label, from: range.from.toISOString(), to: range.to.toISOString() };
}

/**
 * The period a run reports on, from when it was scheduled to fire (Temporal's scheduled time, so a
 * caught-up run reports the period it was meant for, not the day it finally ran):
 * - weekly digest: the ISO week before;
 * - quarterly / tertial: the quarter / tertial that has just ended;
 * - annual, berättelser, ledningssystem review: the previous calendar year;
 * - meeting report: from the previous meeting (`previousMeetingAt`, default a week back) to this one.
 */
export function reportPeriodFor(
  kind: ScheduledReportKind,
  scheduledAt: Date,
  options: { previousMeetingAt?: Date } = {},
): ReportPeriod {
  const local = stockholmLocalParts(scheduledAt);
  switch (kind) {
    case 'weekly_digest': {
      const lastWeek = isoWeekOf(new Date(isoWeekRange(isoWeekOf(scheduledAt)).from.getTime() - 1));
      const id = formatIsoWeek(lastWeek);
      return period(kind, id, `vecka ${lastWeek.week} ${lastWeek.year}`, isoWeekRange(lastWeek));
    }
    case 'quarterly_statistics': {
      const index = Math.floor((local.month - 1) / 3); // the current quarter, 0-based
      const year = index === 0 ? local.year - 1 : local.year;
      const quarter = (index === 0 ? 4 : index) as Quarter;
      return period(kind, `${year}-Q${quarter}`, `kvartal ${quarter} ${year}`, quarterRange(year, quarter));
    }
    case 'tertial_report': {
      const index = Math.floor((local.month - 1) / 4);
      const year = index === 0 ? local.year - 1 : local.year;
      const tertial = (index === 0 ? 3 : index) as Tertial;
      return period(kind, `${year}-T${tertial}`, `tertial ${tertial} ${year}`, tertialRange(year, tertial));
    }
    case 'meeting_report': {
      const previous = options.previousMeetingAt ?? new Date(scheduledAt.getTime() - 7 * 86_400_000);
      return period(kind, local.date, `möte ${local.date}`, { from: previous, to: scheduledAt });
    }
    case 'annual_report':
    case 'patientsakerhetsberattelse':
    case 'kvalitetsberattelse':
    case 'ledningssystem_review':
      return period(kind, String(local.year - 1), String(local.year - 1), yearRange(local.year - 1));
  }
}
