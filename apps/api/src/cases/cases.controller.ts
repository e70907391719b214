import { Body, Controller, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../access/principal';
import { AttachmentsService } from '../attachments/attachments.service';
import { CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { CreateRoute, DetailRoute, ReadRoute } from '../common/http/resource-routes.decorator';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import { CaseAccess, CaseAccessGuard, LoadedCaseParam } from './case-access.guard';
import type { LoadedCase } from './case-access.service';
import { CasesService } from './cases.service';
import { CaseDto, CaseEventDto } from './dto/case.dto';
import { CaseListDto, CaseListQueryDto } from './dto/case-list.dto';
import { CaseReadQueryDto } from './dto/case-read.dto';
import { ReportCaseDto } from './dto/report-case.dto';
import { ReportedCaseDto } from './dto/reported-case.dto';

export const CASE_ID_PARAM = {
  name: 'id',
  description: 'Ärendets id',
  schema: { type: 'string', format: 'uuid' },
} as const;

@ApiTags('ärenden')
@ApiBearerAuth()
@Controller('cases')
@UseGuards(CaseAccessGuard)
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly attachments: AttachmentsService,
  ) {}

  @CreateRoute({
    summary: 'Rapportera ett ärende (alla ärendetyper)',
    response: {
      type: ReportedCaseDto,
      description: 'Ärendet är registrerat; Location pekar på det',
      headers: { Location: { description: 'Ärendets adress', schema: { type: 'string' } } },
    },
    problems: [400, 401, 413, 415, 422],
  })
  async report(
    @CurrentUser() user: Principal,
    @Body() body: ReportCaseDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() caseId: string | undefined,
  ): Promise<ReportedCaseDto> {
    await this.attachments.checkPending(user, body.attachmentIds, caseId);
    const view = await this.cases.report(user, body, info, caseId);
    await this.attachments.claim(user, body.attachmentIds, view.id);
    response.setHeader('Location', `/api/v1/cases/${view.id}`);
    return view;
  }

  @ReadRoute({
    summary: 'Ärendelistan, begränsad till det du får se: utan fritext och namn; en sökning med q loggas',
    response: { type: CaseListDto },
  })
  list(
    @CurrentUser() user: Principal,
    @Query() query: CaseListQueryDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseListDto> {
    return this.cases.list(user, query, info);
  }

  @DetailRoute({
    summary:
      'Ett ärende med frister, uppgifter, åtgärder och version (läsningen loggas); skyddade personuppgifter: fritexten bara med ?reason=',
    idParam: CASE_ID_PARAM,
    response: { type: CaseDto },
  })
  @CaseAccess('read')
  detail(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Query() query: CaseReadQueryDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseDto> {
    return this.cases.detail(user, loaded, info, query.reason);
  }

  @DetailRoute(
    {
      summary: 'Ärendets händelsehistorik (läsningen loggas)',
      idParam: CASE_ID_PARAM,
      response: { type: [CaseEventDto] },
    },
    ':id/events',
  )
  @CaseAccess('read')
  events(
    @CurrentUser() user: Principal,
    @LoadedCaseParam() loaded: LoadedCase,
    @Query() query: CaseReadQueryDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<CaseEventDto[]> {
    return this.cases.events(user, loaded, info, query.reason);
  }
}
