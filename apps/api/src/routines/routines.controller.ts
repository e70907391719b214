import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { canReadRoutines, mayManageUnitRegisters, routineCommandAccess } from '../access/access-policy';
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
} from './register-support/register-routes.decorator';
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

const ROUTINE: RegisterItem = ['routine', 'Dokumentet', routineCommandAccess];

@ApiTags('processer och rutiner')
@ApiBearerAuth()
@Controller('routines')
export class RoutinesController {
  constructor(private readonly routines: RoutinesService) {}

  @RegisterCreate({
    rule: mayManageUnitRegisters,
    summary: 'Registrera en process (nivå 1–3) eller rutin (nivå 2–3) med ägare och revideringsintervall',
    type: RoutineDto,
    location: 'Dokumentets adress',
    problems: [400, 401, 403, 413, 415, 422],
  })
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

  @Authorize(canReadRoutines)
  @ReadRoute({ summary: 'Process- och rutinregistret (alla användare)', response: { type: RoutinePageDto } })
  list(@Query() query: RoutineListQueryDto): Promise<RoutinePageDto> {
    return this.routines.list(query);
  }

  @RegisterDetail({
    rule: canReadRoutines,
    summary: 'Ett dokument med alla versioner, beslut och revideringsuppgifter',
    type: RoutineDto,
  })
  get(@Param('id') id: string): Promise<RoutineDto> {
    return this.routines.get(id);
  }

  @RegisterCommand(':id/adopt-version', {
    rule: mayManageUnitRegisters,
    summary: 'Fastställ en ny version (revision) med beslutet; nästa revideringsdatum räknas fram',
    type: RoutineDto,
    item: ROUTINE,
  })
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

  @RegisterCommand(':id/change-owner', {
    rule: mayManageUnitRegisters,
    summary: 'Byt ägare (processägare/dokumentägare) och administratör',
    type: RoutineDto,
    item: ROUTINE,
  })
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

  @RegisterCommand(':id/repeal', {
    rule: mayManageUnitRegisters,
    summary: 'Upphäv dokumentet med beslut och skäl (versionerna sparas)',
    type: RoutineDto,
    item: ROUTINE,
  })
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
