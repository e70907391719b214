import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { meetingCalendarErrors, normaliseMeetingCalendar } from '@kvalitet/domain';
import { MeetingCalendarRepository } from '@kvalitet/persistence';
import { canChangeMeetingCalendar, canReadMeetingCalendar } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { ReadRoute, ReplaceRoute } from '../common/http/resource-routes.decorator';
import {
  MeetingCalendarDocumentDto,
  MeetingCalendarDto,
  SavedMeetingCalendarDto,
} from './meeting-calendar.dto';
import { MeetingScheduleSync } from './meeting-schedule-sync';

@ApiTags('möteskalender')
@ApiBearerAuth()
@Controller('meeting-calendar')
export class MeetingCalendarController {
  constructor(
    private readonly calendars: MeetingCalendarRepository,
    private readonly schedule: MeetingScheduleSync,
  ) {}

  @Authorize(canReadMeetingCalendar)
  @ReadRoute({
    summary: 'Ledningsgruppens möteskalender (mötesrapporten tas fram 07:00 varje mötesdag)',
    response: { type: MeetingCalendarDto },
  })
  current(): Promise<MeetingCalendarDto> {
    return this.calendars.current();
  }

  @Authorize(canChangeMeetingCalendar)
  @ReplaceRoute({
    summary: 'Ny version av möteskalendern (kvalitetssamordnare); schemat för mötesrapporten följer med',
    body: { type: MeetingCalendarDocumentDto },
    response: {
      type: SavedMeetingCalendarDto,
      description: 'Den nya versionen och vad som hände med schemat',
    },
  })
  async change(
    @CurrentUser() user: Principal,
    @Body() body: MeetingCalendarDocumentDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<SavedMeetingCalendarDto> {
    const errors = meetingCalendarErrors(body.meetings);
    if (errors.length > 0)
      throw ApiProblem.validation(errors.map((e) => ({ field: e.field, code: e.code, message: e.message })));
    const saved = await this.calendars.change(normaliseMeetingCalendar(body.meetings), user.username, {
      ...(body.version === undefined ? {} : { expectedVersion: body.version }),
      requestId: info.requestId,
    });
    const schedule = await this.schedule.apply(saved.meetings.map((m) => m.date));
    return { ...saved, schedule };
  }
}
