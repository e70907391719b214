import { Body, Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canChangeClassifications, canReadClassifications } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReplaceRoute } from '../common/http/resource-routes.decorator';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { ClassificationsDocumentDto, ClassificationsDto } from './classifications.dto';
import { ClassificationsService } from './classifications.service';

@ApiTags('klassificering')
@ApiBearerAuth()
@Controller('classifications')
export class ClassificationsController {
  constructor(private readonly classifications: ClassificationsService) {}

  @Get()
  @Authorize(canReadClassifications)
  @ApiOperation({ summary: 'Listorna över kategorier och lagrum som ärenden klassificeras med' })
  @ApiOkResponse({ type: ClassificationsDto })
  @ApiProblems(401, 403)
  current(): Promise<ClassificationsDto> {
    return this.classifications.current() as Promise<ClassificationsDto>;
  }

  @Authorize(canChangeClassifications)
  @ReplaceRoute({
    summary:
      'Ny version av listorna (kvalitetssamordnare); gäller nya klassificeringar, statistiken visar benämningarna',
    body: { type: ClassificationsDocumentDto },
    response: { type: ClassificationsDto, description: 'Den nya versionen' },
  })
  change(
    @CurrentUser() user: Principal,
    @Body() body: ClassificationsDocumentDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ClassificationsDto> {
    return this.classifications.change(user, body, info) as Promise<ClassificationsDto>;
  }
}
