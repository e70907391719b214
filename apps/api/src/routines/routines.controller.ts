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
import { canReadRoutines, mayManageUnitRegisters, routineCommandAccess } from '../access/access-policy';
import { RegisterItemAccess } from './register-support/register-access.guard';

import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor, IDEMPOTENCY_KEY_HEADER_DOC } from '../idempotency/idempotency.interceptor';
import { IdempotentId, RecoverableCreate } from '../idempotency/idempotent-create.decorator';
import {
  AdoptRoutineVersionDto,
  ChangeRoutineOwnerDto,
  RegisterRoutineDto,
  RepealRoutineDto,
  RoutineDto,
  RoutineListQueryDto,
  RoutinePageDto,
} from './routine.dto';
import { RoutinesService } from './routines.service';

export const REGISTER_ID_PARAM = {
  name: 'id',
  description: 'Id (UUID)',
  schema: { type: 'string', format: 'uuid' },
} as const;

@ApiTags('processer och rutiner')
@ApiBearerAuth()
@Controller('routines')
export class RoutinesController {
  constructor(private readonly routines: RoutinesService) {}

  @Post()
  @HttpCode(201)
  @Authorize(mayManageUnitRegisters)
  @UseInterceptors(IdempotencyInterceptor)
  @RecoverableCreate()
  @ApiOperation({
    summary: 'Registrera en process (nivå 1–3) eller rutin (nivå 2–3) med ägare och revideringsintervall',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({
    type: RoutineDto,
    headers: { Location: { description: 'Dokumentets adress', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 413, 415, 422)
  async register(
    @CurrentUser() user: Principal,
    @Body() body: RegisterRoutineDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() routineId: string | undefined,
  ): Promise<RoutineDto> {
    const routine = await this.routines.register(user, body, info, routineId);
    response.setHeader('Location', `/api/v1/routines/${routine.id}`);
    return routine;
  }

  @Get()
  @Authorize(canReadRoutines)
  @ApiOperation({ summary: 'Process- och rutinregistret (alla användare)' })
  @ApiOkResponse({ type: RoutinePageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: RoutineListQueryDto): Promise<RoutinePageDto> {
    return this.routines.list(query);
  }

  @Get(':id')
  @Authorize(canReadRoutines)
  @ApiOperation({ summary: 'Ett dokument med alla versioner, beslut och revideringsuppgifter' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: RoutineDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id') id: string): Promise<RoutineDto> {
    return this.routines.get(id);
  }

  @Post(':id/adopt-version')
  @HttpCode(200)
  @Authorize(mayManageUnitRegisters)
  @ApiOperation({
    summary: 'Fastställ en ny version (revision) med beslutet; nästa revideringsdatum räknas fram',
  })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: RoutineDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('routine', 'Dokumentet', routineCommandAccess)
  adopt(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AdoptRoutineVersionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RoutineDto> {
    const { expectedVersion, ...data } = body;
    return this.routines.command(
      user,
      id,
      { type: 'adopt-version', actor: user, data: { ...data, decision: { ...data.decision } } },
      expectedVersion,
      info,
    );
  }

  @Post(':id/change-owner')
  @HttpCode(200)
  @Authorize(mayManageUnitRegisters)
  @ApiOperation({ summary: 'Byt ägare (processägare/dokumentägare) och administratör' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: RoutineDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('routine', 'Dokumentet', routineCommandAccess)
  changeOwner(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: ChangeRoutineOwnerDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RoutineDto> {
    const { expectedVersion, ...data } = body;
    return this.routines.command(
      user,
      id,
      { type: 'change-owner', actor: user, data },
      expectedVersion,
      info,
    );
  }

  @Post(':id/repeal')
  @HttpCode(200)
  @Authorize(mayManageUnitRegisters)
  @ApiOperation({ summary: 'Upphäv dokumentet med beslut och skäl (versionerna sparas)' })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiOkResponse({ type: RoutineDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  @RegisterItemAccess('routine', 'Dokumentet', routineCommandAccess)
  repeal(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RepealRoutineDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RoutineDto> {
    const { expectedVersion, ...data } = body;
    return this.routines.command(
      user,
      id,
      { type: 'repeal', actor: user, data: { reason: data.reason, decision: { ...data.decision } } },
      expectedVersion,
      info,
    );
  }
}
