import { Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CaseAccessLogPageDto } from '../audit/audit.dto';
import { CurrentUser } from '../auth/auth.decorators';
import { DetailRoute } from '../common/http/resource-routes.decorator';
import { CaseAccessLogService } from './case-access-log.service';
import { CASE_ID_PARAM } from './cases.controller';
import { PageQueryDto } from './dto/case-list.dto';

@ApiTags('loggkontroll')
@ApiBearerAuth()
@Controller('cases')
export class CaseAccessLogController {
  constructor(private readonly log: CaseAccessLogService) {}

  @DetailRoute(
    {
      summary:
        'Ärendets åtkomstlogg: vem läste det, när, hur och varför (kvalitetssamordnare, dataskyddsombud, SAS/MAS på sina ärendetyper)',
      idParam: CASE_ID_PARAM,
      response: { type: CaseAccessLogPageDto },
    },
    ':id/access-log',
  )
  list(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<CaseAccessLogPageDto> {
    return this.log.list(user, id, query.page ?? 1, query.pageSize ?? 50);
  }
}
