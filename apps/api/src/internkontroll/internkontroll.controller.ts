import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  canManageBoardRegisters,
  canReadInternkontroll,
  internkontrollResultAccess,
} from '../access/access-policy';
import { RegisterItemAccess } from '../routines/register-support/register-access.guard';

import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor, IDEMPOTENCY_KEY_HEADER_DOC } from '../idempotency/idempotency.interceptor';
import { IdempotentId, RecoverableCreate } from '../idempotency/idempotent-create.decorator';
import { REGISTER_ID_PARAM } from '../routines/routines.controller';
import {
  AddInternkontrollControlDto,
  AddInternkontrollRiskDto,
  CreateInternkontrollPlanDto,
  InternkontrollListQueryDto,
  InternkontrollPlanDto,
  InternkontrollPlanPageDto,
  NamndDecisionDto,
  RecordInternkontrollResultDto,
  ReportInternkontrollDto,
  SelectInternkontrollRiskDto,
} from './internkontroll.dto';
import { InternkontrollService } from './internkontroll.service';

const COMMAND_PROBLEMS = [400, 401, 403, 404, 409, 413, 415] as const;

@ApiTags('internkontroll')
@ApiBearerAuth()
@Controller('internkontroll/plans')
export class InternkontrollController {
  constructor(private readonly service: InternkontrollService) {}

  @Post()
  @HttpCode(201)
  @Authorize(canManageBoardRegisters)
  @UseInterceptors(IdempotencyInterceptor)
  @RecoverableCreate()
  @ApiOperation({
    summary: 'Påbörja årets internkontrollplan (riskanalys → urval → nämndens beslut → kontroller → rapport)',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({
    type: InternkontrollPlanDto,
    headers: { Location: { description: 'Planens adress', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateInternkontrollPlanDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<InternkontrollPlanDto> {
    const plan = await this.service.create(user, body.year, info, idempotentId);
    response.setHeader('Location', `/api/v1/internkontroll/plans/${plan.id}`);
    return plan;
  }

  @Get()
  @Authorize(canReadInternkontroll)
  @ApiOperation({ summary: 'Internkontrollplanerna' })
  @ApiOkResponse({ type: InternkontrollPlanPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: InternkontrollListQueryDto): Promise<InternkontrollPlanPageDto> {
    return this.service.list(query.page, query.pageSize);
  }

  @Get(':id')
  @Authorize(canReadInternkontroll)
  @ApiOperation({ summary: 'En internkontrollplan' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: InternkontrollPlanDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id') id: string): Promise<InternkontrollPlanDto> {
    return this.service.get(id);
  }

  @Post(':id/risks')
  @HttpCode(200)
  @Authorize(canManageBoardRegisters)
  @ApiOperation({
    summary: 'Lägg till en risk från riskanalysen (4×4-matrisen; mycket höga risker föreslås till planen)',
  })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: InternkontrollPlanDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  addRisk(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddInternkontrollRiskDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    const { expectedVersion, ...data } = body;
    return this.service.command(
      user,
      id,
      { type: 'add-risk', actor: user, data: { riskId: this.service.newId(), ...data } },
      expectedVersion,
      info,
    );
  }

  @Post(':id/select-risk')
  @HttpCode(200)
  @Authorize(canManageBoardRegisters)
  @ApiOperation({
    summary: 'Välj en risk till planen, eller välj bort den, med motivering (riskbaserat urval)',
  })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: InternkontrollPlanDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  select(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: SelectInternkontrollRiskDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'select-risk',
        actor: user,
        data: { riskId: body.riskId.toLowerCase(), selected: body.selected, rationale: body.rationale },
      },
      body.expectedVersion,
      info,
    );
  }

  @Post(':id/controls')
  @HttpCode(200)
  @Authorize(canManageBoardRegisters)
  @ApiOperation({ summary: 'Lägg till en kontroll för en vald risk' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: InternkontrollPlanDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  addControl(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddInternkontrollControlDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    const { expectedVersion, ...data } = body;
    return this.service.command(
      user,
      id,
      {
        type: 'add-control',
        actor: user,
        data: { controlId: this.service.newId(), ...data, riskId: data.riskId.toLowerCase() },
      },
      expectedVersion,
      info,
    );
  }

  @Post(':id/adopt')
  @HttpCode(200)
  @Authorize(canManageBoardRegisters)
  @ApiOperation({ summary: 'Registrera nämndens beslut om planen (IK-3)' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: InternkontrollPlanDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  adopt(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: NamndDecisionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      { type: 'adopt-plan', actor: user, data: { decision: { ...body.decision } } },
      body.expectedVersion,
      info,
    );
  }

  @Post(':id/control-results')
  @HttpCode(200)
  @Authorize(canReadInternkontroll)
  @ApiOperation({
    summary: 'Registrera en kontrolls resultat (kvalitet, förvaltningschef eller kontrollens ansvarige)',
  })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: InternkontrollPlanDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  @RegisterItemAccess('internkontroll', 'Planen', internkontrollResultAccess)
  result(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RecordInternkontrollResultDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'record-control-result',
        actor: user,
        data: {
          controlId: body.controlId.toLowerCase(),
          outcome: body.outcome,
          summary: body.summary,
          actions: body.actions ?? '',
        },
      },
      body.expectedVersion,
      info,
    );
  }

  @Post(':id/report')
  @HttpCode(200)
  @Authorize(canManageBoardRegisters)
  @ApiOperation({ summary: 'Rapportera utfallet till nämnden med utvärdering (IK-2, DL-25)' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: InternkontrollPlanDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  report(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: ReportInternkontrollDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'report',
        actor: user,
        data: { decision: { ...body.decision }, summary: body.summary, evaluation: body.evaluation },
      },
      body.expectedVersion,
      info,
    );
  }
}
