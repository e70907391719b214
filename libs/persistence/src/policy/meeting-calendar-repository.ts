import type { MeetingCalendarEntry } from '@kvalitet/domain';
import type { EventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';
import { retryOnVersionConflict } from '../aggregates/aggregate-command-service';

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
    return (await this.read()).calendar;
  }

  /**
   * The calendar and the version of its stream. The stream is shared with the risk policy
   * (ORGANISATION_RISK_POLICY_ID has the same id), so a save expects the stream's version, not the
   * number of calendar changes.
   */
  private async read(): Promise<{ calendar: MeetingCalendar; streamVersion: number }> {
    const stream = await this.store.load(this.calendarId);
    const streamVersion = stream.length === 0 ? 0 : stream[stream.length - 1]!.version;
    const events = stream.filter((e) => e.type === MEETING_CALENDAR_CHANGED);
    const last = events[events.length - 1];
    if (!last) return { calendar: { version: 0, meetings: [] }, streamVersion };
    const data = last.data as unknown as MeetingCalendarChangedData;
    return {
      calendar: {
        version: events.length,
        meetings: data.meetings,
        changedAt: new Date(last.occurredAt).toISOString(),
        ...(typeof last.metadata.actor === 'string' ? { changedBy: last.metadata.actor } : {}),
      },
      streamVersion,
    };
  }

  /** Saves a new version; with `expectedVersion` a stale view is a VersionConflictError (409). */
  async change(
    meetings: readonly MeetingCalendarEntry[],
    actor: string,
    options: { expectedVersion?: number; requestId?: string } = {},
  ): Promise<MeetingCalendar> {
    return retryOnVersionConflict(
      async () => {
        const { calendar: current, streamVersion } = await this.read();
        if (options.expectedVersion !== undefined && options.expectedVersion !== current.version)
          throw new VersionConflictError(this.calendarId, options.expectedVersion);
        const next: MeetingCalendarChangedData = {
          calendarVersion: current.version + 1,
          meetings: [...meetings],
        };
        await this.store.append({
          aggregateType: 'policy',
          aggregateId: this.calendarId,
          expectedVersion: streamVersion,
          metadata: {
            actor,
            correlationId: options.requestId ?? `meeting-calendar-${next.calendarVersion}`,
            ...(options.requestId ? { requestId: options.requestId } : {}),
          },
          events: [{ type: MEETING_CALENDAR_CHANGED, data: next as unknown as Record<string, unknown> }],
        });
        return this.current();
      },
      { expectedVersion: options.expectedVersion },
    );
  }
}
