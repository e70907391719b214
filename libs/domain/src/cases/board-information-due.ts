import { nextBoardMeetingAfter } from '../board/board-meetings';
import type { BoardMeeting } from '../board/board-meetings';
import { addDaysToLocalDate } from '../calendar/local-date';
import { stockholmDateOf, stockholmStartOfDay } from '../calendar/stockholm-time';

/** Days to the fallback due date when the nämnd's calendar has no later meeting (kvalitet must add it). */
export const BOARD_INFORMATION_FALLBACK_DAYS = 30;

/**
 * When the nämnd must have been informed of an IVO notification made at `reportedAt`: by the end of
 * the Stockholm day of its next meeting (DL-6 "på kommande sammanträde"). A calendar without a later
 * meeting still gives a date — the end of the day 30 days on — so the step is never without a
 * deadline; the case page shows it like any other.
 */
export function boardInformationDueAt(meetings: readonly BoardMeeting[], reportedAt: Date): Date {
  const meeting = nextBoardMeetingAfter(meetings, reportedAt);
  const day =
    meeting?.date ?? addDaysToLocalDate(stockholmDateOf(reportedAt), BOARD_INFORMATION_FALLBACK_DAYS);
  return stockholmStartOfDay(addDaysToLocalDate(day, 1));
}
