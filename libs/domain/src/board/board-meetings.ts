import { addDaysToLocalDate, formatLocalDate, isoWeekdayOf, type LocalDate } from '../calendar/local-date';
import { stockholmDateOf } from '../calendar/stockholm-time';
import type { MeetingCalendarEntry } from '../reports/meeting-calendar';

/**
 * The nämnd's meeting calendar (DL-6, api.md v1.1 `GET/PUT /api/v1/board-meetings`): shaped like the
 * ledningsgrupp's meeting calendar, so it shares its entry type, validation (`meetingCalendarErrors`)
 * and normalisation (`normaliseMeetingCalendar`). The `board_information` deadline falls at the
 * nämnd's next meeting after a report to IVO.
 */
export type BoardMeeting = MeetingCalendarEntry;

export interface BoardMeetingCalendar {
  /** 1 = the demo calendar (nothing saved yet); each save adds one, like the delegation register. */
  readonly version: number;
  readonly meetings: readonly BoardMeeting[];
}

export const BOARD_MEETING_TITLE = 'Socialnämndens sammanträde';
const BOARD_MEETING_TIME = '13:00';
/** The nämnd does not meet in July (the demo calendar, api.md v1.1). */
const MONTHS_WITHOUT_MEETING: ReadonlySet<number> = new Set([7]);
const WEDNESDAY = 3;

/** The third Wednesday of a month: the 15th–21st, "a Wednesday mid-month". */
function thirdWednesday(year: number, month: number): LocalDate {
  let date = formatLocalDate({ year, month, day: 15 });
  while (isoWeekdayOf(date) !== WEDNESDAY) date = addDaysToLocalDate(date, 1);
  return date;
}

/**
 * The demo calendar: the nämnd meets at 13:00 on the third Wednesday of every month but July, from
 * 2026 through the year after `today`'s (so the demo has a next meeting whenever it is run).
 * Earlier years never change when a year is added: a deadline computed from the demo stays right.
 */
export function demoBoardMeetings(today: Date): BoardMeeting[] {
  const lastYear = Math.max(2027, Number(stockholmDateOf(today).slice(0, 4)) + 1);
  const meetings: BoardMeeting[] = [];
  for (let year = 2026; year <= lastYear; year++)
    for (let month = 1; month <= 12; month++)
      if (!MONTHS_WITHOUT_MEETING.has(month))
        meetings.push({
          date: thirdWednesday(year, month),
          time: BOARD_MEETING_TIME,
          title: BOARD_MEETING_TITLE,
        });
  return meetings;
}

/** A nämnd meeting with its date, as the `board_information` deadline needs it. */
export type NextBoardMeeting = BoardMeeting & { readonly date: LocalDate };

/**
 * The nämnd's next meeting after `instant` (DL-6, api.md v1.1 `board_information`: "the nämnd's next
 * meeting after the report"): the first meeting on a Europe/Stockholm date strictly after the date of
 * `instant`. A meeting the same day does not count: its agenda and papers were sent out days before,
 * so a report made that day is brought to the following meeting. Null when the calendar has no later
 * meeting. The calendar need not be sorted.
 */
export function nextBoardMeetingAfter(
  meetings: readonly BoardMeeting[],
  instant: Date,
): NextBoardMeeting | null {
  const day = stockholmDateOf(instant);
  let next: BoardMeeting | null = null;
  for (const meeting of meetings)
    if (meeting.date > day && (next === null || meeting.date < next.date)) next = meeting;
  return next === null ? null : { ...next };
}
