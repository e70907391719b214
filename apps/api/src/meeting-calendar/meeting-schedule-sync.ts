import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type Client, ScheduleNotFoundError } from '@temporalio/client';
import { meetingReportInstants, meetingReportScheduleSpec, reportScheduleId } from '@kvalitet/domain';
import type { ApiConfig } from '../config/api-config.schema';
import { TEMPORAL_CLIENT } from '../infrastructure/infrastructure.tokens';

const UPDATE_TIMEOUT_MS = 5_000;

export interface ScheduleSync {
  scheduleId: string;
  updated: boolean;
  message: string;
}

/**
 * Puts a saved calendar into the meeting-report Temporal Schedule (spec + the workflow's meeting
 * dates), keeping everything else of the schedule (paused, note, policies) as the schedule CLI made
 * it. Never throws: the calendar is saved first, and the CLI's `ensure` at the next start reads it
 * again (ADR 0006), so a failure here is reported, not fatal.
 */
@Injectable()
export class MeetingScheduleSync {
  private readonly logger = new Logger('MeetingScheduleSync');
  private readonly scheduleId: string;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    config: ConfigService<ApiConfig, true>,
  ) {
    this.scheduleId = reportScheduleId(
      config.get('REPORT_SCHEDULE_PREFIX', { infer: true }),
      'meeting_report',
    );
  }

  async apply(dates: readonly string[]): Promise<ScheduleSync> {
    const spec = meetingReportScheduleSpec(dates);
    const args = [
      dates.length > 0
        ? { kind: 'meeting_report', meetingDates: meetingReportInstants(dates) }
        : { kind: 'meeting_report' },
    ];
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.client.schedule.getHandle(this.scheduleId).update((previous) => ({
          ...previous,
          spec,
          action: { ...previous.action, args },
        })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`ingen svar från Temporal inom ${UPDATE_TIMEOUT_MS / 1000} s`)),
            UPDATE_TIMEOUT_MS,
          );
        }),
      ]);
      return {
        scheduleId: this.scheduleId,
        updated: true,
        message: 'Schemat för mötesrapporten följer nu kalendern.',
      };
    } catch (error) {
      if (error instanceof ScheduleNotFoundError)
        return {
          scheduleId: this.scheduleId,
          updated: false,
          message:
            'Schemat för mötesrapporten finns inte ännu; det skapas med den sparade kalendern vid nästa start.',
        };
      this.logger.warn(
        `mötesrapportens schema kunde inte uppdateras: ${error instanceof Error ? error.message : String(error)}`,
      );
      return {
        scheduleId: this.scheduleId,
        updated: false,
        message:
          'Kalendern är sparad, men schemat för mötesrapporten kunde inte uppdateras nu; det uppdateras vid nästa start.',
      };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}
