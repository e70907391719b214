import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { canManageBoardRegisters, canReadAppointments } from '../access/access-policy';
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
  AlertsQueryDto,
  AppointDto,
  AppointmentAlertsDto,
  AppointmentDto,
  AppointmentListQueryDto,
  AppointmentPageDto,
  EndAppointmentDto,
} from './appointment.dto';
import { AppointmentsService } from './appointments.service';

@ApiTags('förordnanden')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly service: AppointmentsService) {}

  @RegisterCreate({
    rule: canManageBoardRegisters,
    summary: 'Förordna SAS, MAS, MAR, verksamhetschef HSL, processägare eller delegat, med beslutet (R-15)',
    type: AppointmentDto,
    location: 'Förordnandets adress',
    problems: [400, 401, 403, 413, 415, 422],
  })
  async appoint(
    @CurrentUser() user: Principal,
    @Body() body: AppointDto,
    @ReqInfo() info: RequestInfo,
    @Res({ passthrough: true }) response: Response,
    @IdempotentId() appointmentId: string | undefined,
  ): Promise<AppointmentDto> {
    const appointment = await this.service.appoint(user, body, info, appointmentId);
    response.setHeader('Location', `/api/v1/appointments/${appointment.id}`);
    return appointment;
  }

  @Authorize(canReadAppointments)
  @ReadRoute({
    summary: 'Förordnanden (vem är SAS, MAS, …, och genom vilket beslut)',
    response: { type: AppointmentPageDto },
  })
  list(@Query() query: AppointmentListQueryDto): Promise<AppointmentPageDto> {
    return this.service.list(query);
  }

  @Authorize(canReadAppointments)
  @ReadRoute(
    {
      summary: 'Roller som en livscykel kräver men som ingen har ett gällande förordnande för (AUD-5, AUD-6)',
      response: { type: AppointmentAlertsDto },
    },
    'alerts',
  )
  alerts(@Query() query: AlertsQueryDto): Promise<AppointmentAlertsDto> {
    return this.service.alerts(query.on);
  }

  @RegisterDetail({
    rule: canReadAppointments,
    summary: 'Ett förordnande',
    type: AppointmentDto,
  })
  get(@Param('id') id: string): Promise<AppointmentDto> {
    return this.service.get(id);
  }

  @RegisterCommand(':id/end', {
    rule: canManageBoardRegisters,
    summary: 'Avsluta ett förordnande',
    type: AppointmentDto,
  })
  end(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: EndAppointmentDto,
    @ReqInfo() info: RequestInfo,
  ): Promise<AppointmentDto> {
    return this.service.end(user, id, { on: body.on, reason: body.reason }, body.expectedVersion, info);
  }
}
