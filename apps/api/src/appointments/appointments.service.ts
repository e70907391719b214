import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  APPOINTMENT_AGGREGATE,
  APPOINTMENT_ROLE_LABELS,
  ROUTINE_AGGREGATE,
  isAppointmentActive,
  missingAppointments,
  stockholmDateOf,
} from '@kvalitet/domain';
import type { AppointmentCommand, AppointmentEvent, AppointmentState } from '@kvalitet/domain';
import { EventStore, LsCommandService } from '@kvalitet/persistence';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { requireUuid } from '../routines/register-support/require-uuid';
import { listRegister } from '../routines/register-support/register-list';
import { toLsTaskDto } from '../routines/register-support/ls-task.dto';
import type {
  AppointDto,
  AppointmentAlertsDto,
  AppointmentDto,
  AppointmentListQueryDto,
  AppointmentPageDto,
} from './appointment.dto';

function toAppointmentDto(state: AppointmentState, now: Date): AppointmentDto {
  return {
    id: state.id,
    role: state.role,
    roleLabel: APPOINTMENT_ROLE_LABELS[state.role],
    holder: state.holder,
    scope: { ...state.scope },
    decision: { ...state.decision },
    validFrom: state.validFrom,
    validTo: state.validTo,
    delegationReference: state.delegationReference,
    status: state.status,
    inForce: isAppointmentActive(state, stockholmDateOf(now)),
    ended: state.ended ? { ...state.ended } : null,
    tasks: state.tasks.map(toLsTaskDto),
    version: state.version,
  };
}

/** Appointments with the decisions that made them (R-15, AUD-5, AUD-6, PR-2) and the alert of roles nobody holds. */
@Injectable()
export class AppointmentsService {
  readonly appointments: LsCommandService<AppointmentState, AppointmentCommand, AppointmentEvent>;
  private readonly routines: LsCommandService<never, never, never>;

  constructor(
    store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    this.appointments = new LsCommandService(APPOINTMENT_AGGREGATE, store);
    this.routines = new LsCommandService(ROUTINE_AGGREGATE as never, store);
  }

  async appoint(
    user: Principal,
    dto: AppointDto,
    info: RequestInfo,
    appointmentId?: string,
  ): Promise<AppointmentDto> {
    if (dto.processId) {
      const process = (await this.routines.load(dto.processId.toLowerCase())).state as {
        kind?: string;
      } | null;
      if (!process || process.kind !== 'process')
        throw ApiProblem.validation([
          { field: 'processId', code: 'UNKNOWN_PROCESS', message: 'Processen finns inte i registret.' },
        ]);
    }
    const id = appointmentId ?? randomUUID();
    const { state } = await createOnce({
      idempotentId: appointmentId,
      load: (taken) => this.appointments.load(taken),
      create: () =>
        this.appointments.execute(
          id,
          {
            type: 'appoint',
            actor: user,
            data: {
              appointmentId: id,
              role: dto.role,
              holder: dto.holder,
              scope: {
                unitId: dto.unitId ?? 'forvaltning',
                processId: dto.processId?.toLowerCase() ?? null,
                decisionType: dto.decisionType ?? null,
              },
              decision: { ...dto.decision },
              validFrom: dto.validFrom,
              validTo: dto.validTo ?? null,
              delegationReference: dto.delegationReference?.trim() || null,
            },
          },
          { expectedVersion: 0, requestId: info.requestId },
        ),
    });
    return toAppointmentDto(state, new Date());
  }

  async list(query: AppointmentListQueryDto): Promise<AppointmentPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await listRegister<AppointmentState>(this.dataSource, {
      aggregateType: APPOINTMENT_AGGREGATE.aggregateType,
      ...(query.status ? { status: query.status } : {}),
      extra: query.role ? [{ sql: `state->>'role' = $1`, params: [query.role] }] : [],
      page,
      pageSize,
    });
    const now = new Date();
    return { items: items.map((s) => toAppointmentDto(s, now)), total, page, pageSize };
  }

  async get(id: string): Promise<AppointmentDto> {
    const { state } = await this.appointments.load(requireUuid(id, 'Förordnandet'));
    if (!state) throw ApiProblem.notFound('Förordnandet finns inte.');
    return toAppointmentDto(state, new Date());
  }

  async end(
    user: Principal,
    id: string,
    data: { on: string; reason: string },
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<AppointmentDto> {
    const appointmentId = requireUuid(id, 'Förordnandet');
    const { state } = await this.appointments.load(appointmentId);
    if (!state) throw ApiProblem.notFound('Förordnandet finns inte.');
    const result = await this.appointments.execute(
      appointmentId,
      { type: 'end', actor: user, data },
      { expectedVersion, requestId: info.requestId },
    );
    return toAppointmentDto(result.state, new Date());
  }

  /** Read from the event store (the register is small), so an appointment just made counts at once. */
  async alerts(on?: string): Promise<AppointmentAlertsDto> {
    const day = on ?? stockholmDateOf(new Date());
    const missing = missingAppointments(await this.appointments.all(), day);
    return {
      on: day,
      missing: missing.map((m) => ({
        key: m.requirement.key,
        role: m.requirement.role,
        unitId: m.requirement.unitId,
        decisionType: m.requirement.decisionType ?? null,
        appointedBy: m.requirement.appointedBy ?? null,
        message: m.message,
      })),
    };
  }
}
