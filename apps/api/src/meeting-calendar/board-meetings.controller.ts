import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { meetingCalendarErrors, normaliseMeetingCalendar } from '@kvalitet/domain';
import { BoardMeetingRepository } from '@kvalitet/persistence';
import { canChangeBoardMeetings, canReadBoardMeetings } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { ReadRoute, ReplaceRoute } from '../common/http/resource-routes.decorator';
import { BoardMeetingsDocumentDto, BoardMeetingsDto } from './meeting-calendar.dto';

/** The nämnd's meeting calendar (DL-6, api.md v1.1): the ledningsgrupp's calendar without a schedule. */
@ApiTags('möteskalender')
@ApiBearerAuth()
@Controller('board-meetings')
export class BoardMeetingsController {
  constructor(private readonly calendars: BoardMeetingRepository) {}

  @Authorize(canReadBoardMeetings)
  @ReadRoute({
    summary: 'Nämndens sammanträden (fristen för att informera nämnden faller på nästa sammanträde)',
    response: { type: BoardMeetingsDto },
  })
  current(): Promise<BoardMeetingsDto> {
    return this.calendars.current();
  }

  @Authorize(canChangeBoardMeetings)
  @ReplaceRoute({
    summary: 'Ny version av nämndens sammanträdeskalender (kvalitetssamordnare)',
    body: { type: BoardMeetingsDocumentDto },
    response: { type: BoardMeetingsDto, description: 'Den nya versionen' },
  })
  change(
    @CurrentUser() user: Principal,
    @Body() body: BoardMeetingsDocumentDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<BoardMeetingsDto> {
    const errors = meetingCalendarErrors(body.meetings);
    if (errors.length > 0)
      throw ApiProblem.validation(errors.map((e) => ({ field: e.field, code: e.code, message: e.message })));
    return this.calendars.change(normaliseMeetingCalendar(body.meetings), user.username, {
      ...(body.version === undefined ? {} : { expectedVersion: body.version }),
      requestId: info.requestId,
    });
  }
}
