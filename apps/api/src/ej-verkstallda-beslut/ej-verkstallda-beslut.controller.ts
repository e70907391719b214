import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { canManageBoardRegisters, canReadInternkontroll } from '../access/access-policy';
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
  EjVerkstalltBeslutDto,
  EjVerkstalltBeslutListQueryDto,
  EjVerkstalltBeslutPageDto,
  RecordEjVerkstalltStatusDto,
  RegisterEjVerkstalltBeslutDto,
} from './ej-verkstallda-beslut.dto';
import { EjVerkstalldaBeslutService } from './ej-verkstallda-beslut.service';

/**
 * Ej verkställda beslut (AUD-25, DL-21): registered by kvalitet or the förvaltningschef with no
 * person in them; the kvalitetsberättelse and the annual report count them (ADR 0037).
 */
@ApiTags('ej verkställda beslut')
@ApiBearerAuth()
@Controller('ej-verkstallda-beslut')
export class EjVerkstalldaBeslutController {
  constructor(private readonly service: EjVerkstalldaBeslutService) {}

  @RegisterCreate({
    rule: canManageBoardRegisters,
    summary: 'Registrera ett beslut som inte verkställts inom tre månader (inga personuppgifter)',
    type: EjVerkstalltBeslutDto,
    location: 'Beslutets adress',
    problems: [400, 401, 403, 413, 415, 422],
  })
  async register(
    @CurrentUser() user: Principal,
    @Body() body: RegisterEjVerkstalltBeslutDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() idempotentId: string | undefined,
  ): Promise<EjVerkstalltBeslutDto> {
    const beslut = await this.service.register(user, body, info, idempotentId);
    response.setHeader('Location', `/api/v1/ej-verkstallda-beslut/${beslut.id}`);
    return beslut;
  }

  @Authorize(canReadInternkontroll)
  @ReadRoute({ summary: 'Ej verkställda beslut', response: { type: EjVerkstalltBeslutPageDto } })
  list(@Query() query: EjVerkstalltBeslutListQueryDto): Promise<EjVerkstalltBeslutPageDto> {
    return this.service.list(query.page, query.pageSize);
  }

  @RegisterDetail({
    rule: canReadInternkontroll,
    summary: 'Ett ej verkställt beslut',
    type: EjVerkstalltBeslutDto,
  })
  get(@Param('id') id: string): Promise<EjVerkstalltBeslutDto> {
    return this.service.get(id);
  }

  @RegisterCommand(':id/status', {
    rule: canManageBoardRegisters,
    summary: 'Registrera rapport till IVO, verkställighet eller skäl',
    type: EjVerkstalltBeslutDto,
  })
  recordStatus(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: RecordEjVerkstalltStatusDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<EjVerkstalltBeslutDto> {
    const { expectedVersion, ...data } = body;
    return this.service.recordStatus(user, id, data, expectedVersion, info);
  }
}
