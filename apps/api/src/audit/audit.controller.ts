import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canReadAccessLog } from '../access/access-policy';
import { Authorize } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { AccessLogService } from './access-log.service';
import { AccessLogPageDto, AccessLogQueryDto } from './audit.dto';

@ApiTags('loggkontroll')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly log: AccessLogService) {}

  @Get('access-log')
  @Authorize(canReadAccessLog)
  @ApiOperation({
    summary: 'Vem läste vilket ärende och vem sökte efter vad i ärendelistan, när (kvalitetssamordnare)',
  })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ApiProblems(400, 401, 403)
  async accessLog(@Query() query: AccessLogQueryDto): Promise<AccessLogPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.log.list(
      { caseId: query.caseId, username: query.username, kind: query.kind },
      page,
      pageSize,
    );
    return { items, total, page, pageSize };
  }
}
