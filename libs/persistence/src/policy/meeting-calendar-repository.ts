import type { MeetingCalendarEntry } from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { changeStampOf, SettingsStream, type SettingChangeOptions } from './settings-stream';

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

/** Versioned like the deadline policy: every save is an event carrying the whole calendar. */
export class MeetingCalendarRepository {
  private readonly stream: SettingsStream;

  constructor(store: EventStore, calendarId: string = MEETING_CALENDAR_ID) {
    this.stream = new SettingsStream(store, calendarId, MEETING_CALENDAR_CHANGED, 'meeting-calendar');
  }

  async current(): Promise<MeetingCalendar> {
    return (await this.read()).current;
  }

  /**
   * The calendar and the version of its stream. The stream is shared with the risk policy
   * (ORGANISATION_RISK_POLICY_ID has the same id), so a save expects the stream's version, not the
   * number of calendar changes.
   */
  private async read(): Promise<{ current: MeetingCalendar; streamVersion: number }> {
    const { changes, streamVersion } = await this.stream.load();
    const last = changes[changes.length - 1];
    if (!last) return { current: { version: 0, meetings: [] }, streamVersion };
    const data = last.data as unknown as MeetingCalendarChangedData;
    return {
      current: { version: changes.length, meetings: data.meetings, ...changeStampOf(last) },
      streamVersion,
    };
  }

  /** Saves a new version; with `expectedVersion` a stale view is a VersionConflictError (409). */
  async change(
    meetings: readonly MeetingCalendarEntry[],
    actor: string,
    options: SettingChangeOptions = {},
  ): Promise<MeetingCalendar> {
    await this.stream.save(actor, options, {
      read: () => this.read(),
      dataOfVersion: (calendarVersion): MeetingCalendarChangedData => ({
        calendarVersion,
        meetings: [...meetings],
      }),
    });
    return this.current();
  }
}
