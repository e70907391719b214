import { Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { boardUnitsOf, canReadAccessLog } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ORGANISATION } from '../org/organisation.instance';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import { AccessLogService } from './access-log.service';
import { AccessLogPageDto, AccessLogQueryDto } from './audit.dto';

@ApiTags('loggkontroll')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly log: AccessLogService) {}

  @Authorize(canReadAccessLog)
  @ReadRoute(
    {
      summary: 'Vem läste vilket ärende och vem sökte efter vad i ärendelistan, när (kvalitetssamordnare)',
      response: { type: AccessLogPageDto },
    },
    'access-log',
  )
  async accessLog(
    @CurrentUser() user: Principal,
    @Query() query: AccessLogQueryDto,
  ): Promise<AccessLogPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    // kvalitet reviews the log of the boards it serves: another board's reads are that board's (DATA-3).
    const serves = ORGANISATION.boardsOf(user);
    const board =
      ORGANISATION.boards.length > 1 && serves.length < ORGANISATION.boards.length
        ? {
            unitIds: boardUnitsOf(user, ORGANISATION),
            usernames: ORGANISATION.users
              .filter((u) => u.boardIds.some((id) => serves.includes(id)))
              .map((u) => u.username),
          }
        : undefined;
    const { items, total } = await this.log.list(
      {
        caseId: query.caseId,
        ...(query.caseNumber === undefined ? {} : { caseNumber: query.caseNumber }),
        username: query.username,
        kind: query.kind,
        ...(board ? { board } : {}),
      },
      page,
      pageSize,
    );
    return { items, total, page, pageSize };
  }
}
