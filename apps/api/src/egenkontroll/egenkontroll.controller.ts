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
import { EGENKONTROLL_KINDS, EGENKONTROLL_KIND_LABELS } from '@kvalitet/domain';
import {
  egenkontrollManageAccess,
  egenkontrollReadAccess,
  egenkontrollRecordAccess,
  mayManageUnitRegisters,
  mayReadEgenkontroll,
  mayRecordEgenkontroll,
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
  AddControlDto,
  AdoptPlanDto,
  CatalogueEntryDto,
  CompleteControlActionDto,
  CreateEgenkontrollPlanDto,
  EgenkontrollListQueryDto,
  EgenkontrollPlanDto,
  EgenkontrollPlanPageDto,
  RecordControlResultDto,
} from './egenkontroll.dto';
import { EgenkontrollService } from './egenkontroll.service';

@ApiTags('egenkontroll')
@ApiBearerAuth()
@Controller('egenkontroll')
export class EgenkontrollController {
  constructor(private readonly service: EgenkontrollService) {}

  @Get('catalogue')
  @Authorize(mayReadEgenkontroll)
  @ApiOperation({ summary: 'Katalogen över kontrolltyper (EK-2)' })
  @ApiOkResponse({ type: [CatalogueEntryDto] })
  @ApiProblems(400, 401, 403)
  catalogue(): CatalogueEntryDto[] {
    return EGENKONTROLL_KINDS.map((kind) => ({ kind, label: EGENKONTROLL_KIND_LABELS[kind] }));
  }

  @Post('plans')
  @HttpCode(201)
  @Authorize(mayManageUnitRegisters)
  @UseInterceptors(IdempotencyInterceptor)
  @RecoverableCreate()
  @ApiOperation({
    summary:
      'Enhetens årliga egenkontrollplan: kontroller, frekvens, ansvarig (EK-1, EK-3); en per enhet och år',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({
    type: EgenkontrollPlanDto,
    headers: { Location: { description: 'Planens adress', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateEgenkontrollPlanDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<EgenkontrollPlanDto> {
    const plan = await this.service.create(user, body, info, idempotentId);
    response.setHeader('Location', `/api/v1/egenkontroll/plans/${plan.id}`);
    return plan;
  }

  @Get('plans')
  @Authorize(mayReadEgenkontroll)
  @ApiOperation({
    summary:
      'Egenkontrollplaner du får se (SAS, MAS, kvalitet, förvaltningschef: alla; chefer: sina enheter)',
  })
  @ApiOkResponse({ type: EgenkontrollPlanPageDto })
  @ApiProblems(400, 401, 403)
  list(
    @CurrentUser() user: Principal,
    @Query() query: EgenkontrollListQueryDto,
  ): Promise<EgenkontrollPlanPageDto> {
    return this.service.list(user, query);
  }

  @Get('plans/:id')
  @Authorize(mayReadEgenkontroll)
  @ApiOperation({
    summary: 'En plan med kontroller, tillfällen (gjorda, kommande, saknade), resultat och uppgifter',
  })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: EgenkontrollPlanDto })
  @ApiProblems(400, 401, 403, 404)
  @RegisterItemAccess('egenkontroll', 'Planen', egenkontrollReadAccess)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<EgenkontrollPlanDto> {
    return this.service.get(user, id);
  }

  @Post('plans/:id/controls')
  @HttpCode(200)
  @Authorize(mayManageUnitRegisters)
  @ApiOperation({ summary: 'Lägg till en kontroll i planen' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: EgenkontrollPlanDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('egenkontroll', 'Planen', egenkontrollManageAccess)
  addControl(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddControlDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    return this.service.addControl(user, id, body.control, body.expectedVersion, info);
  }

  @Post('plans/:id/adopt')
  @HttpCode(200)
  @Authorize(mayManageUnitRegisters)
  @ApiOperation({ summary: 'Fastställ planen; varje kontrolltillfälle blir en uppgift med frist' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: EgenkontrollPlanDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('egenkontroll', 'Planen', egenkontrollManageAccess)
  adopt(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AdoptPlanDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      { type: 'adopt-plan', actor: user, data: {} },
      body.expectedVersion,
      info,
    );
  }

  @Post('plans/:id/results')
  @HttpCode(200)
  @Authorize(mayRecordEgenkontroll)
  @ApiOperation({
    summary:
      'Registrera ett genomfört kontrolltillfälle: resultat, analys, fynd (avvikelse → ärende, åtgärd) eller uttryckligen inga åtgärder (EK-3)',
  })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: EgenkontrollPlanDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('egenkontroll', 'Planen', egenkontrollRecordAccess)
  record(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RecordControlResultDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    return this.service.recordResult(user, id, body, info);
  }

  @Post('plans/:id/complete-action')
  @HttpCode(200)
  @Authorize(mayRecordEgenkontroll)
  @ApiOperation({ summary: 'Markera en åtgärd efter ett fynd som genomförd' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: EgenkontrollPlanDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('egenkontroll', 'Planen', egenkontrollRecordAccess)
  completeAction(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: CompleteControlActionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'complete-action',
        actor: user,
        data: { actionId: body.actionId.toLowerCase(), note: body.note },
      },
      body.expectedVersion,
      info,
      'record',
    );
  }
}
