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
import { mayManageUnitRegisters, mayReadTraining, trainingAccess } from '../access/access-policy';
import { RegisterItemAccess } from '../routines/register-support/register-access.guard';

import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor, IDEMPOTENCY_KEY_HEADER_DOC } from '../idempotency/idempotency.interceptor';
import { IdempotentId, RecoverableCreate } from '../idempotency/idempotent-create.decorator';
import { REGISTER_ID_PARAM } from '../routines/routines.controller';
import {
  MoveEmployeeDto,
  RecordInformationDto,
  RecordLeavingDto,
  RegisterEmployeeDto,
  TrainingListQueryDto,
  TrainingRecordDto,
  TrainingRecordPageDto,
} from './training.dto';
import { TrainingService } from './training.service';

@ApiTags('utbildning lex Sarah')
@ApiBearerAuth()
@Controller('training/records')
export class TrainingController {
  constructor(private readonly service: TrainingService) {}

  @Post()
  @HttpCode(201)
  @Authorize(mayManageUnitRegisters)
  @UseInterceptors(IdempotencyInterceptor)
  @RecoverableCreate()
  @ApiOperation({
    summary: 'Registrera en nyanställd; information om lex Sarah ska ges inom två veckor (DL-29)',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({
    type: TrainingRecordDto,
    headers: { Location: { description: 'Postens adress', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  async register(
    @CurrentUser() user: Principal,
    @Body() body: RegisterEmployeeDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<TrainingRecordDto> {
    const record = await this.service.register(user, body, info, idempotentId);
    response.setHeader('Location', `/api/v1/training/records/${record.id}`);
    return record;
  }

  @Get()
  @Authorize(mayReadTraining)
  @ApiOperation({ summary: 'Vem som har informerats om lex Sarah och när nästa gång är' })
  @ApiOkResponse({ type: TrainingRecordPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() query: TrainingListQueryDto): Promise<TrainingRecordPageDto> {
    return this.service.list(user, query);
  }

  @Get(':id')
  @Authorize(mayReadTraining)
  @ApiOperation({ summary: 'En persons informationshistorik' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: TrainingRecordDto })
  @ApiProblems(400, 401, 403, 404)
  @RegisterItemAccess('training', 'Posten', trainingAccess)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<TrainingRecordDto> {
    return this.service.get(user, id);
  }

  @Post(':id/informed')
  @HttpCode(200)
  @Authorize(mayManageUnitRegisters)
  @ApiOperation({ summary: 'Registrera att personen har informerats om lex Sarah; nästa gång om ett år' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: TrainingRecordDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('training', 'Posten', trainingAccess)
  informed(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RecordInformationDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<TrainingRecordDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'record-information',
        actor: user,
        data: { informedOn: body.informedOn, method: body.method, acknowledged: body.acknowledged ?? false },
      },
      body.expectedVersion,
      info,
    );
  }

  @Post(':id/move')
  @HttpCode(200)
  @Authorize(mayManageUnitRegisters)
  @ApiOperation({ summary: 'Flytta personen till en annan enhet' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: TrainingRecordDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('training', 'Posten', trainingAccess)
  move(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: MoveEmployeeDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<TrainingRecordDto> {
    return this.service.command(
      user,
      id,
      { type: 'move-unit', actor: user, data: { unitId: body.unitId } },
      body.expectedVersion,
      info,
    );
  }

  @Post(':id/leave')
  @HttpCode(200)
  @Authorize(mayManageUnitRegisters)
  @ApiOperation({ summary: 'Personen har slutat; inga fler påminnelser' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: TrainingRecordDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('training', 'Posten', trainingAccess)
  leave(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RecordLeavingDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<TrainingRecordDto> {
    return this.service.command(
      user,
      id,
      { type: 'record-leaving', actor: user, data: { leftOn: body.leftOn } },
      body.expectedVersion,
      info,
    );
  }
}
