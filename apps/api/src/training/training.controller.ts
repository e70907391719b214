import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { mayManageUnitRegisters, mayReadTraining, trainingAccess } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import {
  RegisterCommand,
  RegisterCreate,
  RegisterDetail,
  type RegisterItem,
} from '../routines/register-support/register-routes.decorator';
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

const RECORD: RegisterItem = ['training', 'Posten', trainingAccess];

@ApiTags('utbildning lex Sarah')
@ApiBearerAuth()
@Controller('training/records')
export class TrainingController {
  constructor(private readonly service: TrainingService) {}

  @RegisterCreate({
    rule: mayManageUnitRegisters,
    summary: 'Registrera en nyanställd; information om lex Sarah ska ges inom två veckor (DL-29)',
    type: TrainingRecordDto,
    location: 'Postens adress',
    problems: [400, 401, 403, 409, 413, 415, 422],
  })
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

  @Authorize(mayReadTraining)
  @ReadRoute({
    summary: 'Vem som har informerats om lex Sarah och när nästa gång är',
    response: { type: TrainingRecordPageDto },
  })
  list(@CurrentUser() user: Principal, @Query() query: TrainingListQueryDto): Promise<TrainingRecordPageDto> {
    return this.service.list(user, query);
  }

  @RegisterDetail({
    rule: mayReadTraining,
    summary: 'En persons informationshistorik',
    type: TrainingRecordDto,
    item: RECORD,
  })
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<TrainingRecordDto> {
    return this.service.get(user, id);
  }

  @RegisterCommand(':id/informed', {
    rule: mayManageUnitRegisters,
    summary: 'Registrera att personen har informerats om lex Sarah; nästa gång om ett år',
    type: TrainingRecordDto,
    item: RECORD,
  })
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

  @RegisterCommand(':id/move', {
    rule: mayManageUnitRegisters,
    summary: 'Flytta personen till en annan enhet',
    type: TrainingRecordDto,
    item: RECORD,
  })
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

  @RegisterCommand(':id/leave', {
    rule: mayManageUnitRegisters,
    summary: 'Personen har slutat; inga fler påminnelser',
    type: TrainingRecordDto,
    item: RECORD,
  })
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
