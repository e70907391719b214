import type { MeetingCalendarEntry } from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';

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
  constructor(
    private readonly store: EventStore,
    private readonly calendarId: string = MEETING_CALENDAR_ID,
  ) {}

  async current(): Promise<MeetingCalendar> {
    const events = (await this.store.load(this.calendarId)).filter((e) => e.type === MEETING_CALENDAR_CHANGED);
    const last = events[events.length - 1];
    if (!last) return { version: 0, meetings: [] };
    const data = last.data as unknown as MeetingCalendarChangedData;
    return {
      version: events.length,
      meetings: data.meetings,
      changedAt: new Date(last.occurredAt).toISOString(),
      ...(typeof last.metadata.actor === 'string' ? { changedBy: last.metadata.actor } : {}),
    };
  }

  /** Saves a new version; with `expectedVersion` a stale view is a VersionConflictError (409). */
  async change(
    meetings: readonly MeetingCalendarEntry[],
    actor: string,
    options: { expectedVersion?: number; requestId?: string } = {},
  ): Promise<MeetingCalendar> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.current();
      if (options.expectedVersion !== undefined && options.expectedVersion !== current.version)
        throw new VersionConflictError(this.calendarId, options.expectedVersion);
      const next: MeetingCalendarChangedData = { calendarVersion: current.version + 1, meetings: [...meetings] };
      try {
        await this.store.append({
          aggregateType: 'policy',
          aggregateId: this.calendarId,
          expectedVersion: current.version,
          metadata: {
            actor,
            correlationId: options.requestId ?? `meeting-calendar-${next.calendarVersion}`,
            ...(options.requestId ? { requestId: options.requestId } : {}),
          },
          events: [{ type: MEETING_CALENDAR_CHANGED, data: next as unknown as Record<string, unknown> }],
        });
        return this.current();
      } catch (error) {
        if (!(error instanceof VersionConflictError) || options.expectedVersion !== undefined || attempt >= 3) throw error;
      }
    }
  }
}
