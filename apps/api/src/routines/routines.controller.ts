import { Body, Controller, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  canReadRoutines,
  mayLinkCasesToRoutines,
  mayManageUnitRegisters,
  routineCommandAccess,
} from '../access/access-policy';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import {
  REGISTER_ID_PARAM,
  RegisterCommand,
  RegisterCreate,
  RegisterDetail,
  type RegisterItem,
} from './register-support/register-routes.decorator';
import {
  AdoptRoutineVersionDto,
  ChangeRoutineOwnerDto,
  LinkRoutineCaseDto,
  RegisterRoutineDto,
  RepealRoutineDto,
  RequestRoutineReviewDto,
  RoutineChangesDto,
  RoutineChangesQueryDto,
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

  // Declared before `:id` so that `changes` is not read as an id.
  @Authorize(canReadRoutines)
  @ReadRoute(
    {
      summary:
        'Årets ändringar: varje fastställelse, revidering och upphävande med beslutsdatum inom perioden (AUD-19)',
      response: { type: RoutineChangesDto },
    },
    'changes',
  )
  changes(@Query() query: RoutineChangesQueryDto): Promise<RoutineChangesDto> {
    return this.routines.changes(query);
  }

  @RegisterDetail({
    rule: canReadRoutines,
    summary: 'Ett dokument med alla versioner, beslut, revideringsuppgifter och kopplade ärenden',
    type: RoutineDto,
  })
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<RoutineDto> {
    return this.routines.get(user, id);
  }

  @Authorize(mayLinkCasesToRoutines)
  @Post(':id/case-links')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Koppla ett ärende till processen eller rutinen (PR-8): ärendets utredare, enhetens chef eller kvalitet',
  })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiCreatedResponse({ type: RoutineDto, description: 'Dokumentet med kopplingen' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  linkCase(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: LinkRoutineCaseDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RoutineDto> {
    return this.routines.linkCase(user, id, body, info);
  }

  @Authorize(mayLinkCasesToRoutines)
  @Post(':id/review-requests')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Begär översyn: ett kopplat ärende visar att dokumentet inte är ändamålsenligt; ägaren får en uppgift (PR-8)',
  })
  @ApiParam(REGISTER_ID_PARAM)
  @ApiCreatedResponse({ type: RoutineDto, description: 'Dokumentet med den begärda översynen' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  requestReview(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RequestRoutineReviewDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RoutineDto> {
    return this.routines.requestReview(user, id, body, info);
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
