import { Body, Controller, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { mayHandleImprovements } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import {
  CreateImprovementActionDto,
  FollowUpEffectDto,
  ImplementImprovementDto,
  ReplanImprovementDto,
} from './dto/improvement-command.dto';
import { ImprovementDto, ImprovementListDto, ImprovementListQueryDto } from './dto/improvement.dto';
import { ImprovementAccessGuard, LoadedImprovementParam } from './improvement-access';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import { CreateImprovement, ImprovementCommand, ImprovementDetail } from './improvement-command.decorator';
import { ImprovementService, type LoadedImprovement } from './improvement.service';

@ApiTags('förbättringsarbete')
@ApiBearerAuth()
@Controller('improvement-actions')
@UseGuards(ImprovementAccessGuard)
export class ImprovementActionsController {
  constructor(private readonly service: ImprovementService) {}

  @CreateImprovement({
    rule: mayHandleImprovements,
    summary: 'Förbättringsåtgärd mot orsaker som en utredning eller riskanalys har funnit',
    operationId: 'action_create',
  })
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateImprovementActionDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() improvementId: string | undefined,
  ): Promise<ImprovementDto> {
    const view = await this.service.createAction(user, body, info, improvementId);
    response.setHeader('Location', `/api/v1/improvement-actions/${view.id}`);
    return view;
  }

  @Authorize(mayHandleImprovements)
  @ReadRoute({
    summary: 'Förbättringsåtgärder inom dina enheter',
    operationId: 'action_list',
    response: { type: ImprovementListDto },
  })
  list(@CurrentUser() user: Principal, @Query() query: ImprovementListQueryDto): Promise<ImprovementListDto> {
    return this.service.list(user, 'action', query);
  }

  @ImprovementDetail('action', {
    rule: mayHandleImprovements,
    summary: 'En förbättringsåtgärd med källor, plan och effektuppföljning (läsningen loggas)',
    operationId: 'action_get',
  })
  detail(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.detail(user, loaded, info) as Promise<ImprovementDto>;
  }

  @ImprovementCommand(':id/replan', {
    rule: mayHandleImprovements,
    kind: 'action',
    right: 'handle',
    summary: 'Ny plan efter att uppföljningen visat att åtgärden inte gav effekt',
    operationId: 'action_replan',
  })
  replan(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: ReplanImprovementDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'replan', body, info) as Promise<ImprovementDto>;
  }

  @ImprovementCommand(':id/implement', {
    rule: mayHandleImprovements,
    kind: 'action',
    right: 'handle_or_owner',
    summary: 'Markera åtgärden som genomförd; effekten ska följas upp',
    operationId: 'action_implement',
  })
  implement(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: ImplementImprovementDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'implement', body, info) as Promise<ImprovementDto>;
  }

  @ImprovementCommand(':id/follow-up-effect', {
    rule: mayHandleImprovements,
    kind: 'action',
    right: 'handle',
    summary: 'Följ upp effekten (gav åtgärden avsedd effekt?)',
    operationId: 'action_followUpEffect',
  })
  followUpEffect(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: FollowUpEffectDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'follow-up-effect', body, info) as Promise<ImprovementDto>;
  }
}
