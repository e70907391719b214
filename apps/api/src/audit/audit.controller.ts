import { Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { canReadAccessLog } from '../access/access-policy';
import { Authorize } from '../auth/auth.decorators';
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
