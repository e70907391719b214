import { demoBoardMeetings, type BoardMeeting, type BoardMeetingCalendar } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import type { MeetingCalendarChangedData } from './meeting-calendar-repository';
import { changeStampOf, SettingRepository } from './setting-repository';

/**
 * The nämnd's meeting calendar (DL-6, api.md v1.1 `GET/PUT /api/v1/board-meetings`): a stream of its
 * own under the `policy` aggregate type, its saves carrying the whole calendar like the ledningsgrupp's.
 */
export const BOARD_MEETINGS_ID = '00000000-0000-4000-8000-0000000b0a2d';

export const BOARD_MEETINGS_CHANGED = 'BoardMeetingsChanged';

export type BoardMeetingsChangedData = MeetingCalendarChangedData;

export interface SavedBoardMeetingCalendar extends BoardMeetingCalendar {
  readonly meetings: BoardMeeting[];
  readonly changedAt?: string;
  readonly changedBy?: string;
}

/**
 * Version 1 is the demo calendar (nothing saved yet: the third Wednesday of each month but July);
 * each save adds one, like the delegation register. `current()` is what the writer of a case's
 * implied work reads (lazily, like the policy) to set the `board_information` deadline.
 */
export class BoardMeetingRepository extends SettingRepository<
  SavedBoardMeetingCalendar,
  readonly BoardMeeting[],
  BoardMeetingsChangedData
> {
  constructor(
    store: EventStore,
    calendarId: string = BOARD_MEETINGS_ID,
    private readonly today: () => Date = () => new Date(),
  ) {
    super(store, calendarId, BOARD_MEETINGS_CHANGED, 'board-meetings');
  }

  protected settingAfter(changes: readonly EventEnvelope[]): SavedBoardMeetingCalendar {
    const last = changes[changes.length - 1];
    if (!last) return { version: 1, meetings: demoBoardMeetings(this.today()) };
    const data = last.data as unknown as BoardMeetingsChangedData;
    return { version: changes.length + 1, meetings: data.meetings, ...changeStampOf(last) };
  }

  protected dataOf(meetings: readonly BoardMeeting[], calendarVersion: number): BoardMeetingsChangedData {
    return { calendarVersion, meetings: [...meetings] };
  }
}
