import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
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
import { mayHandleImprovements, mayProposeImprovement, maySpreadLessons } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor, IDEMPOTENCY_KEY_HEADER_DOC } from '../idempotency/idempotency.interceptor';
import {
  CreateImprovementActionDto,
  FollowUpEffectDto,
  ImplementImprovementDto,
  ReplanImprovementDto,
} from './dto/improvement-command.dto';
import { ImprovementDto, ImprovementListDto, ImprovementListQueryDto } from './dto/improvement.dto';
import { ImprovementAccess, ImprovementAccessGuard, LoadedImprovementParam } from './improvement-access';
import { ImprovementService, type LoadedImprovement } from './improvement.service';

const ID_PARAM = { name: 'id', description: 'Id', schema: { type: 'string', format: 'uuid' } } as const;

// Keeps every rule import used whichever rules this controller needs.
void [mayHandleImprovements, mayProposeImprovement, maySpreadLessons];

@ApiTags('förbättringsarbete')
@ApiBearerAuth()
@Controller('improvement-actions')
@UseGuards(ImprovementAccessGuard)
export class ImprovementActionsController {
  constructor(private readonly service: ImprovementService) {}

  @Post()
  @HttpCode(201)
  @Authorize(mayHandleImprovements)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({
    summary: 'Förbättringsåtgärd mot orsaker som en utredning eller riskanalys har funnit',
    operationId: 'action_create',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({
    type: ImprovementDto,
    headers: { Location: { description: 'Adressen', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateImprovementActionDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImprovementDto> {
    const view = await this.service.createAction(user, body, info);
    response.setHeader('Location', `/api/v1/improvement-actions/${view.id}`);
    return view;
  }

  @Get()
  @Authorize(mayHandleImprovements)
  @ApiOperation({ summary: 'Förbättringsåtgärder inom dina enheter', operationId: 'action_list' })
  @ApiOkResponse({ type: ImprovementListDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() query: ImprovementListQueryDto): Promise<ImprovementListDto> {
    return this.service.list(user, 'action', query);
  }

  @Get(':id')
  @Authorize(mayHandleImprovements)
  @ImprovementAccess('action', 'read')
  @ApiOperation({
    summary: 'En förbättringsåtgärd med källor, plan och effektuppföljning (läsningen loggas)',
    operationId: 'action_get',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(400, 401, 403, 404)
  detail(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.detail(user, loaded, info) as Promise<ImprovementDto>;
  }

  @Post(':id/replan')
  @HttpCode(200)
  @Authorize(mayHandleImprovements)
  @ImprovementAccess('action', 'handle')
  @ApiOperation({
    summary: 'Ny plan efter att uppföljningen visat att åtgärden inte gav effekt',
    operationId: 'action_replan',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  replan(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: ReplanImprovementDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'replan', body, info) as Promise<ImprovementDto>;
  }

  @Post(':id/implement')
  @HttpCode(200)
  @Authorize(mayHandleImprovements)
  @ImprovementAccess('action', 'handle_or_owner')
  @ApiOperation({
    summary: 'Markera åtgärden som genomförd; effekten ska följas upp',
    operationId: 'action_implement',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  implement(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: ImplementImprovementDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'implement', body, info) as Promise<ImprovementDto>;
  }

  @Post(':id/follow-up-effect')
  @HttpCode(200)
  @Authorize(mayHandleImprovements)
  @ImprovementAccess('action', 'handle')
  @ApiOperation({
    summary: 'Följ upp effekten (gav åtgärden avsedd effekt?)',
    operationId: 'action_followUpEffect',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  followUpEffect(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: FollowUpEffectDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'follow-up-effect', body, info) as Promise<ImprovementDto>;
  }
}
