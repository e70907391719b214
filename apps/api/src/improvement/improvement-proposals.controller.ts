import { Body, Controller, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { mayHandleImprovements, mayProposeImprovement } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import {
  AssessImprovementDto,
  FollowUpEffectDto,
  ImplementImprovementDto,
  ProposeImprovementDto,
  ReadFeedbackDto,
  ReplanImprovementDto,
} from './dto/improvement-command.dto';
import { ImprovementDto, ImprovementListDto, ImprovementListQueryDto } from './dto/improvement.dto';
import { ImprovementAccessGuard, LoadedImprovementParam } from './improvement-access';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import { CreateImprovement, ImprovementCommand, ImprovementDetail } from './improvement-command.decorator';
import { ImprovementService, type LoadedImprovement } from './improvement.service';

@ApiTags('förbättringsarbete')
@ApiBearerAuth()
@Controller('improvement-proposals')
@UseGuards(ImprovementAccessGuard)
export class ImprovementProposalsController {
  constructor(private readonly service: ImprovementService) {}

  @CreateImprovement({
    rule: mayProposeImprovement,
    summary: 'Lämna ett förbättringsförslag (alla medarbetare); enhetschefen får en uppgift att bedöma det',
    operationId: 'proposal_create',
  })
  async propose(
    @CurrentUser() user: Principal,
    @Body() body: ProposeImprovementDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() improvementId: string | undefined,
  ): Promise<ImprovementDto> {
    const view = await this.service.propose(user, body, info, improvementId);
    response.setHeader('Location', `/api/v1/improvement-proposals/${view.id}`);
    return view;
  }

  @Authorize(mayProposeImprovement)
  @ReadRoute({
    summary: 'Förbättringsförslag: dina egna och de du handlägger',
    operationId: 'proposal_list',
    response: { type: ImprovementListDto },
  })
  list(@CurrentUser() user: Principal, @Query() query: ImprovementListQueryDto): Promise<ImprovementListDto> {
    return this.service.list(user, 'proposal', query);
  }

  @ImprovementDetail('proposal', {
    rule: mayProposeImprovement,
    summary: 'Ett förbättringsförslag med återkoppling, plan och uppföljning (läsningen loggas)',
    operationId: 'proposal_get',
  })
  detail(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.detail(user, loaded, info) as Promise<ImprovementDto>;
  }

  @ImprovementCommand(':id/assess', {
    rule: mayHandleImprovements,
    kind: 'proposal',
    right: 'handle',
    summary: 'Bedöm förslaget: anta (med plan) eller avslå, med återkoppling till förslagsställaren',
    operationId: 'proposal_assess',
  })
  assess(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: AssessImprovementDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'assess', body, info) as Promise<ImprovementDto>;
  }

  @ImprovementCommand(':id/replan', {
    rule: mayHandleImprovements,
    kind: 'proposal',
    right: 'handle',
    summary: 'Ny plan efter att uppföljningen visat att åtgärden inte gav effekt',
    operationId: 'proposal_replan',
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
    kind: 'proposal',
    right: 'handle_or_owner',
    summary: 'Markera åtgärden som genomförd; effekten ska följas upp',
    operationId: 'proposal_implement',
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
    kind: 'proposal',
    right: 'handle',
    summary: 'Följ upp effekten (gav åtgärden avsedd effekt?)',
    operationId: 'proposal_followUpEffect',
  })
  followUpEffect(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: FollowUpEffectDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'follow-up-effect', body, info) as Promise<ImprovementDto>;
  }

  @ImprovementCommand(':id/read-feedback', {
    rule: mayProposeImprovement,
    kind: 'proposal',
    right: 'proposer',
    summary: 'Förslagsställaren kvitterar återkopplingen',
    operationId: 'proposal_readFeedback',
  })
  readFeedback(
    @CurrentUser() user: Principal,
    @LoadedImprovementParam() loaded: LoadedImprovement,
    @Body() body: ReadFeedbackDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<ImprovementDto> {
    return this.service.execute(user, loaded, 'read-feedback', body, info) as Promise<ImprovementDto>;
  }
}
