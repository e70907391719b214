import { stockholmWallClockToInstant } from '../calendar/stockholm-time';

/**
 * The ledningsgrupp's meeting calendar (DL-18, issue 7 "a configurable meeting calendar"): each
 * meeting gets a report at 07:00 Stockholm time on its day. Pure: used by the api (validation, the
 * Temporal Schedule update) and by the worker's schedule CLI, which may not import each other.
 */
export interface MeetingCalendarEntry {
  readonly date: string;
  readonly time?: string;
  readonly title?: string;
}

export interface MeetingCalendarError {
  readonly field: string;
  readonly code: 'INVALID_DATE' | 'INVALID_TIME' | 'DUPLICATE_DATE';
  readonly message: string;
}

export const MEETING_CALENDAR_MAX_ENTRIES = 200;
export const MEETING_REPORT_HOUR = 7;
export const REPORT_SCHEDULE_TIME_ZONE = 'Europe/Stockholm';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

function calendarDateParts(date: string): [number, number, number] | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return [year, month, day];
}

/** What class-validator cannot see: real calendar dates and times, and one meeting per day. */
export function meetingCalendarErrors(meetings: readonly MeetingCalendarEntry[]): MeetingCalendarError[] {
  const errors: MeetingCalendarError[] = [];
  const seen = new Map<string, number>();
  meetings.forEach((meeting, index) => {
    if (!calendarDateParts(meeting.date)) {
      errors.push({
        field: `meetings[${index}].date`,
        code: 'INVALID_DATE',
        message: `Datumet ${meeting.date} finns inte (förväntat YYYY-MM-DD, år 2000–2100).`,
      });
    } else {
      const first = seen.get(meeting.date);
      if (first !== undefined) {
        errors.push({
          field: `meetings[${index}].date`,
          code: 'DUPLICATE_DATE',
          message: `Datumet ${meeting.date} finns redan i kalendern (rad ${first + 1}); ett möte per dag.`,
        });
      } else seen.set(meeting.date, index);
    }
    if (meeting.time !== undefined) {
      const t = TIME.exec(meeting.time);
      if (!t || Number(t[1]) > 23 || Number(t[2]) > 59)
        errors.push({
          field: `meetings[${index}].time`,
          code: 'INVALID_TIME',
          message: `Tiden ${meeting.time} är ogiltig (förväntat TT:MM, 00:00–23:59).`,
        });
    }
  });
  return errors;
}

/** The calendar in date order, titles trimmed (empty titles dropped). */
export function normaliseMeetingCalendar(meetings: readonly MeetingCalendarEntry[]): MeetingCalendarEntry[] {
  return [...meetings]
    .map((m) => {
      const title = m.title?.trim();
      return { date: m.date, ...(m.time ? { time: m.time } : {}), ...(title ? { title } : {}) };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;
export type ScheduleMonth = (typeof MONTHS)[number];

/** Structurally a Temporal `ScheduleSpec` (calendar form), without depending on the client library. */
export interface MeetingScheduleSpec {
  readonly calendars: {
    readonly year?: number;
    readonly month?: ScheduleMonth;
    readonly dayOfMonth?: number;
    readonly dayOfWeek?: 'THURSDAY';
    readonly hour: number;
    readonly minute?: number;
    readonly comment: string;
  }[];
  readonly timezone: string;
}

/** One calendar spec per meeting date at 07:00 Stockholm; no dates means every Thursday (the default). */
export function meetingReportScheduleSpec(dates: readonly string[]): MeetingScheduleSpec {
  if (dates.length === 0)
    return {
      calendars: [
        {
          dayOfWeek: 'THURSDAY',
          hour: MEETING_REPORT_HOUR,
          comment: 'Ledningsgruppens möte (standard: torsdagar)',
        },
      ],
      timezone: REPORT_SCHEDULE_TIME_ZONE,
    };
  return {
    calendars: [...new Set(dates)].sort().map((date) => {
      const parts = calendarDateParts(date);
      if (!parts) throw new RangeError(`Ogiltigt mötesdatum: "${date}" (förväntat YYYY-MM-DD)`);
      const [year, month, day] = parts;
      return {
        year,
        month: MONTHS[month - 1]!,
        dayOfMonth: day,
        hour: MEETING_REPORT_HOUR,
        minute: 0,
        comment: `Ledningsgruppens möte ${date}`,
      };
    }),
    timezone: REPORT_SCHEDULE_TIME_ZONE,
  };
}

/** The instants of the meetings' reports (07:00 Stockholm, summer time included), for the workflow's "since the previous meeting". */
export function meetingReportInstants(dates: readonly string[]): string[] {
  return [...new Set(dates)].sort().map((date) => {
    const parts = calendarDateParts(date);
    if (!parts) throw new RangeError(`Ogiltigt mötesdatum: "${date}" (förväntat YYYY-MM-DD)`);
    const [year, month, day] = parts;
    return stockholmWallClockToInstant({ year, month, day, hour: MEETING_REPORT_HOUR }).toISOString();
  });
}

/** A report schedule's id: `kvalitet-report-meeting-report` for the meeting report. */
export function reportScheduleId(prefix: string, kind: string): string {
  return `${prefix}-${kind.replace(/_/g, '-')}`;
}
