import type { MeetingCalendarEntry } from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import type { EventStore } from '../event-store/event-store';
import { changeStampOf, SettingRepository } from './setting-repository';

/**
 * The ledningsgrupp's meeting calendar: a stream of its own under the `policy` aggregate type (the
 * organisation's settings; no new topic), beside the deadline policy stream.
 */
export const MEETING_CALENDAR_ID = '00000000-0000-4000-8000-00000000a002';

export const MEETING_CALENDAR_CHANGED = 'MeetingCalendarChanged';

export interface MeetingCalendarChangedData {
  /** The calendar version this change creates (= 1 + the aggregate version of the event). */
  calendarVersion: number;
  meetings: MeetingCalendarEntry[];
}

export interface MeetingCalendar {
  /** 0 until the calendar is first saved (then the schedule CLI falls back to LEDNINGSGRUPP_MEETINGS). */
  version: number;
  meetings: MeetingCalendarEntry[];
  changedAt?: string;
  changedBy?: string;
}

/**
 * Versioned like the deadline policy: every save is an event carrying the whole calendar. The stream
 * is shared with the risk policy (ORGANISATION_RISK_POLICY_ID has the same id).
 */
export class MeetingCalendarRepository extends SettingRepository<
  MeetingCalendar,
  readonly MeetingCalendarEntry[],
  MeetingCalendarChangedData
> {
  constructor(store: EventStore, calendarId: string = MEETING_CALENDAR_ID) {
    super(store, calendarId, MEETING_CALENDAR_CHANGED, 'meeting-calendar');
  }

  protected settingAfter(changes: readonly EventEnvelope[]): MeetingCalendar {
    const last = changes[changes.length - 1];
    if (!last) return { version: 0, meetings: [] };
    const data = last.data as unknown as MeetingCalendarChangedData;
    return { version: changes.length, meetings: data.meetings, ...changeStampOf(last) };
  }

  protected dataOf(
    meetings: readonly MeetingCalendarEntry[],
    calendarVersion: number,
  ): MeetingCalendarChangedData {
    return { calendarVersion, meetings: [...meetings] };
  }
}
