import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EGENKONTROLL_KINDS, EGENKONTROLL_KIND_LABELS } from '@kvalitet/domain';
import {
  egenkontrollManageAccess,
  egenkontrollReadAccess,
  egenkontrollRecordAccess,
  mayManageUnitRegisters,
  mayReadEgenkontroll,
  mayRecordEgenkontroll,
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
  AddControlDto,
  AdoptPlanDto,
  CatalogueEntryDto,
  CompleteControlActionDto,
  CreateEgenkontrollPlanDto,
  EgenkontrollListQueryDto,
  EgenkontrollPlanDto,
  EgenkontrollPlanPageDto,
  RecordControlResultDto,
} from './egenkontroll.dto';
import { EgenkontrollService } from './egenkontroll.service';

const PLAN_READ: RegisterItem = ['egenkontroll', 'Planen', egenkontrollReadAccess];
const PLAN_MANAGE: RegisterItem = ['egenkontroll', 'Planen', egenkontrollManageAccess];
const PLAN_RECORD: RegisterItem = ['egenkontroll', 'Planen', egenkontrollRecordAccess];

@ApiTags('egenkontroll')
@ApiBearerAuth()
@Controller('egenkontroll')
export class EgenkontrollController {
  constructor(private readonly service: EgenkontrollService) {}

  @Authorize(mayReadEgenkontroll)
  @ReadRoute(
    { summary: 'Katalogen över kontrolltyper (EK-2)', response: { type: [CatalogueEntryDto] } },
    'catalogue',
  )
  catalogue(): CatalogueEntryDto[] {
    return EGENKONTROLL_KINDS.map((kind) => ({ kind, label: EGENKONTROLL_KIND_LABELS[kind] }));
  }

  @RegisterCreate({
    path: 'plans',
    rule: mayManageUnitRegisters,
    summary:
      'Enhetens årliga egenkontrollplan: kontroller, frekvens, ansvarig (EK-1, EK-3); en per enhet och år',
    type: EgenkontrollPlanDto,
    location: 'Planens adress',
    problems: [400, 401, 403, 409, 413, 415, 422],
  })
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateEgenkontrollPlanDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<EgenkontrollPlanDto> {
    const plan = await this.service.create(user, body, info, idempotentId);
    response.setHeader('Location', `/api/v1/egenkontroll/plans/${plan.id}`);
    return plan;
  }

  @Authorize(mayReadEgenkontroll)
  @ReadRoute(
    {
      summary:
        'Egenkontrollplaner du får se (SAS, MAS, kvalitet, förvaltningschef: alla; chefer: sina enheter)',
      response: { type: EgenkontrollPlanPageDto },
    },
    'plans',
  )
  list(
    @CurrentUser() user: Principal,
    @Query() query: EgenkontrollListQueryDto,
  ): Promise<EgenkontrollPlanPageDto> {
    return this.service.list(user, query);
  }

  @RegisterDetail({
    path: 'plans/:id',
    rule: mayReadEgenkontroll,
    summary: 'En plan med kontroller, tillfällen (gjorda, kommande, saknade), resultat och uppgifter',
    type: EgenkontrollPlanDto,
    item: PLAN_READ,
  })
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<EgenkontrollPlanDto> {
    return this.service.get(user, id);
  }

  @RegisterCommand('plans/:id/controls', {
    rule: mayManageUnitRegisters,
    summary: 'Lägg till en kontroll i planen',
    type: EgenkontrollPlanDto,
    item: PLAN_MANAGE,
  })
  addControl(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AddControlDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    return this.service.addControl(user, id, body.control, body.expectedVersion, info);
  }

  @RegisterCommand('plans/:id/adopt', {
    rule: mayManageUnitRegisters,
    summary: 'Fastställ planen; varje kontrolltillfälle blir en uppgift med frist',
    type: EgenkontrollPlanDto,
    item: PLAN_MANAGE,
  })
  adopt(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: AdoptPlanDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      { type: 'adopt-plan', actor: user, data: {} },
      body.expectedVersion,
      info,
    );
  }

  @RegisterCommand('plans/:id/results', {
    rule: mayRecordEgenkontroll,
    summary:
      'Registrera ett genomfört kontrolltillfälle: resultat, analys, fynd (avvikelse → ärende, åtgärd) eller uttryckligen inga åtgärder (EK-3)',
    type: EgenkontrollPlanDto,
    item: PLAN_RECORD,
  })
  record(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RecordControlResultDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    return this.service.recordResult(user, id, body, info);
  }

  @RegisterCommand('plans/:id/complete-action', {
    rule: mayRecordEgenkontroll,
    summary: 'Markera en åtgärd efter ett fynd som genomförd',
    type: EgenkontrollPlanDto,
    item: PLAN_RECORD,
  })
  completeAction(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: CompleteControlActionDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    return this.service.command(
      user,
      id,
      {
        type: 'complete-action',
        actor: user,
        data: { actionId: body.actionId.toLowerCase(), note: body.note },
      },
      body.expectedVersion,
      info,
      'record',
    );
  }
}
