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
  AssessImprovementDto,
  FollowUpEffectDto,
  ImplementImprovementDto,
  ProposeImprovementDto,
  ReadFeedbackDto,
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
@Controller('improvement-proposals')
@UseGuards(ImprovementAccessGuard)
export class ImprovementProposalsController {
  constructor(private readonly service: ImprovementService) {}

  @Post()
  @HttpCode(201)
  @Authorize(mayProposeImprovement)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({
    summary: 'Lämna ett förbättringsförslag (alla medarbetare); enhetschefen får en uppgift att bedöma det',
    operationId: 'proposal_create',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({
    type: ImprovementDto,
    headers: { Location: { description: 'Adressen', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async propose(
    @CurrentUser() user: Principal,
    @Body() body: ProposeImprovementDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImprovementDto> {
    const view = await this.service.propose(user, body, info);
    response.setHeader('Location', `/api/v1/improvement-proposals/${view.id}`);
    return view;
  }

  @Get()
  @Authorize(mayProposeImprovement)
  @ApiOperation({
    summary: 'Förbättringsförslag: dina egna och de du handlägger',
    operationId: 'proposal_list',
  })
  @ApiOkResponse({ type: ImprovementListDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() query: ImprovementListQueryDto): Promise<ImprovementListDto> {
    return this.service.list(user, 'proposal', query);
  }

  @Get(':id')
  @Authorize(mayProposeImprovement)
  @ImprovementAccess('proposal', 'read')
  @ApiOperation({
    summary: 'Ett förbättringsförslag med återkoppling, plan och uppföljning (läsningen loggas)',
    operationId: 'proposal_get',
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

  @Post(':id/assess')
  @HttpCode(200)
  @Authorize(mayHandleImprovements)
  @ImprovementAccess('proposal', 'handle')
  @ApiOperation({
    summary: 'Bedöm förslaget: anta (med plan) eller avslå, med återkoppling till förslagsställaren',
    operationId: 'proposal_assess',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  assess(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: AssessImprovementDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'assess', body, info) as Promise<ImprovementDto>;
  }

  @Post(':id/replan')
  @HttpCode(200)
  @Authorize(mayHandleImprovements)
  @ImprovementAccess('proposal', 'handle')
  @ApiOperation({
    summary: 'Ny plan efter att uppföljningen visat att åtgärden inte gav effekt',
    operationId: 'proposal_replan',
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
  @ImprovementAccess('proposal', 'handle_or_owner')
  @ApiOperation({
    summary: 'Markera åtgärden som genomförd; effekten ska följas upp',
    operationId: 'proposal_implement',
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
  @ImprovementAccess('proposal', 'handle')
  @ApiOperation({
    summary: 'Följ upp effekten (gav åtgärden avsedd effekt?)',
    operationId: 'proposal_followUpEffect',
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

  @Post(':id/read-feedback')
  @HttpCode(200)
  @Authorize(mayProposeImprovement)
  @ImprovementAccess('proposal', 'proposer')
  @ApiOperation({
    summary: 'Förslagsställaren kvitterar återkopplingen',
    operationId: 'proposal_readFeedback',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  readFeedback(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: ReadFeedbackDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'read-feedback', body, info) as Promise<ImprovementDto>;
  }
}
