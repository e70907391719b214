import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  canManageBoardRegisters,
  canReadInternkontroll,
  internkontrollResultAccess,
} from '../access/access-policy';
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
  AddInternkontrollControlDto,
  AddInternkontrollRiskDto,
  CreateInternkontrollPlanDto,
  InternkontrollListQueryDto,
  InternkontrollPlanDto,
  InternkontrollPlanPageDto,
  NamndDecisionDto,
  RecordInternkontrollResultDto,
  ReportInternkontrollDto,
  SelectInternkontrollRiskDto,
} from './internkontroll.dto';
import { InternkontrollService } from './internkontroll.service';

const PLAN: RegisterItem = ['internkontroll', 'Planen', internkontrollResultAccess];

@ApiTags('internkontroll')
@ApiBearerAuth()
@Controller('internkontroll/plans')
export class InternkontrollController {
  constructor(private readonly service: InternkontrollService) {}

  @RegisterCreate({
    rule: canManageBoardRegisters,
    summary: 'Påbörja årets internkontrollplan (riskanalys → urval → nämndens beslut → kontroller → rapport)',
    type: InternkontrollPlanDto,
    location: 'Planens adress',
    problems: [400, 401, 403, 409, 413, 415, 422],
  })
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateInternkontrollPlanDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<InternkontrollPlanDto> {
    const plan = await this.service.create(user, body.year, info, idempotentId);
    response.setHeader('Location', `/api/v1/internkontroll/plans/${plan.id}`);
    return plan;
  }

  @Authorize(canReadInternkontroll)
  @ReadRoute({ summary: 'Internkontrollplanerna', response: { type: InternkontrollPlanPageDto } })
  list(@Query() query: InternkontrollListQueryDto): Promise<InternkontrollPlanPageDto> {
    return this.service.list(query.page, query.pageSize);
  }

  @RegisterDetail({
    rule: canReadInternkontroll,
    summary: 'En internkontrollplan',
    type: InternkontrollPlanDto,
  })
  get(@Param('id') id: string): Promise<InternkontrollPlanDto> {
    return this.service.get(id);
  }

  @RegisterCommand(':id/risks', {
    rule: canManageBoardRegisters,
    summary: 'Lägg till en risk från riskanalysen (4×4-matrisen; mycket höga risker föreslås till planen)',
    type: InternkontrollPlanDto,
  })
  addRisk(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddInternkontrollRiskDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    const { expectedVersion, ...data } = body;
    return this.service.command(
      user,
      id,
      { type: 'add-risk', actor: user, data: { riskId: this.service.newId(), ...data } },
      expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/select-risk', {
    rule: canManageBoardRegisters,
    summary: 'Välj en risk till planen, eller välj bort den, med motivering (riskbaserat urval)',
    type: InternkontrollPlanDto,
  })
  select(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: SelectInternkontrollRiskDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'select-risk',
        actor: user,
        data: { riskId: body.riskId.toLowerCase(), selected: body.selected, rationale: body.rationale },
      },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/controls', {
    rule: canManageBoardRegisters,
    summary: 'Lägg till en kontroll för en vald risk',
    type: InternkontrollPlanDto,
  })
  addControl(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddInternkontrollControlDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    const { expectedVersion, ...data } = body;
    return this.service.command(
      user,
      id,
      {
        type: 'add-control',
        actor: user,
        data: { controlId: this.service.newId(), ...data, riskId: data.riskId.toLowerCase() },
      },
      expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/adopt', {
    rule: canManageBoardRegisters,
    summary: 'Registrera nämndens beslut om planen (IK-3)',
    type: InternkontrollPlanDto,
  })
  adopt(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: NamndDecisionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      { type: 'adopt-plan', actor: user, data: { decision: { ...body.decision } } },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/control-results', {
    rule: canReadInternkontroll,
    summary: 'Registrera en kontrolls resultat (kvalitet, förvaltningschef eller kontrollens ansvarige)',
    type: InternkontrollPlanDto,
    item: PLAN,
  })
  result(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RecordInternkontrollResultDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'record-control-result',
        actor: user,
        data: {
          controlId: body.controlId.toLowerCase(),
          outcome: body.outcome,
          summary: body.summary,
          actions: body.actions ?? '',
        },
      },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand(':id/report', {
    rule: canManageBoardRegisters,
    summary: 'Rapportera utfallet till nämnden med utvärdering (IK-2, DL-25)',
    type: InternkontrollPlanDto,
  })
  report(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: ReportInternkontrollDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'report',
        actor: user,
        data: { decision: { ...body.decision }, summary: body.summary, evaluation: body.evaluation },
      },
      body.expectedVersion,
      info,
    );
  }
}
