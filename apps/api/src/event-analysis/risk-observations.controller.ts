import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../access/principal';
import { Authorize, CurrentUser } from '../auth/auth.decorators';
import { ReqInfo, type RequestInfo } from '../common/http/request-info';
import { ReadRoute } from '../common/http/resource-routes.decorator';
import { IdempotentId } from '../idempotency/idempotent-create.decorator';
import {
  RegisterCommand,
  RegisterCreate,
  RegisterDetail,
} from '../routines/register-support/register-routes.decorator';
import {
  ReportRiskObservationDto,
  RiskObservationDto,
  RiskObservationListQueryDto,
  RiskObservationPageDto,
  TriageRiskObservationDto,
} from './risk-observations.dto';
import { RiskObservationsService } from './risk-observations.service';
import { riskObservationTriageAccess } from './event-analysis-access';
import type { ItemRule } from '../routines/register-support/register-access.guard';

/** Everyone who works somewhere may report a risk they noticed (CT-14); what they may read is decided per item. */
const anyoneAtWork = (principal: Principal) => principal.unitIds.length > 0 || principal.roles.length > 0;

@ApiTags('riskobservationer')
@ApiBearerAuth()
@Controller('risk-observations')
export class RiskObservationsController {
  constructor(private readonly service: RiskObservationsService) {}

  @RegisterCreate({
    rule: anyoneAtWork,
    summary: 'Rapportera en risk du har upptäckt; enhetens chef tar ställning till den (CT-14, RA-12)',
    type: RiskObservationDto,
    location: 'Observationens adress',
    problems: [400, 401, 403, 409, 413, 415, 422],
  })
  async report(
    @CurrentUser() user: Principal,
    @Body() body: ReportRiskObservationDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<RiskObservationDto> {
    const observation = await this.service.report(user, body, info, idempotentId);
    response.setHeader('Location', `/api/v1/risk-observations/${observation.id}`);
    return observation;
  }

  @Authorize(anyoneAtWork)
  @ReadRoute({
    summary: 'Dina egna riskobservationer och de du ska ta ställning till; ohanterade först',
    response: { type: RiskObservationPageDto },
  })
  list(
    @CurrentUser() user: Principal,
    @Query() query: RiskObservationListQueryDto,
  ): Promise<RiskObservationPageDto> {
    return this.service.list(user, query);
  }

  @RegisterDetail({
    rule: anyoneAtWork,
    summary: 'En riskobservation och vad den ledde till (IMP-8)',
    type: RiskObservationDto,
  })
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<RiskObservationDto> {
    return this.service.get(user, id);
  }

  @RegisterCommand(':id/triage', {
    rule: anyoneAtWork,
    summary: 'Ta ställning: riskanalys, förbättringsåtgärd eller ingen åtgärd med motivering (RA-12)',
    type: RiskObservationDto,
    item: ['risk_observation', 'Riskobservationen', riskObservationTriageAccess as ItemRule],
  })
  triage(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: TriageRiskObservationDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<RiskObservationDto> {
    return this.service.triage(user, id, body, info);
  }
}
