import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  APPOINTMENT_AGGREGATE,
  APPOINTMENT_ROLES,
  APPOINTMENT_ROLE_LABELS,
  ROUTINE_AGGREGATE,
  decideAppointment,
  delegationDecisionOf,
  endDelegation,
  isAppointmentViewInForce,
  missingAppointments,
  oneAppointmentRegister,
  stockholmDateOf,
  storedAppointmentView,
} from '@kvalitet/domain';
import type {
  AppointData,
  AppointmentCommand,
  AppointmentEvent,
  AppointmentState,
  AppointmentView,
  DelegationItem,
} from '@kvalitet/domain';
import {
  CommandRefusedError,
  DelegationRegisterRepository,
  EventStore,
  LsCommandService,
  VersionConflictError,
} from '@kvalitet/persistence';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { ORGANISATION } from '../org/organisation.instance';
import { createOnce } from '../idempotency/create-once';
import { requireUuid } from '../routines/register-support/require-uuid';
import { toLsTaskDto } from '../routines/register-support/ls-task.dto';
import type {
  AppointDto,
  AppointmentAlertsDto,
  AppointmentDto,
  AppointmentListQueryDto,
  AppointmentPageDto,
} from './appointment.dto';
import { PersonChecks } from '../users/person-checks';

/** `state` for a stored appointment (its tasks and version); a row of the register has the register's version. */
function toAppointmentDto(
  view: AppointmentView,
  now: Date,
  stored: { state?: AppointmentState; registerVersion?: number },
): AppointmentDto {
  return {
    id: view.id,
    role: view.role,
    roleLabel: APPOINTMENT_ROLE_LABELS[view.role],
    holder: view.holder,
    holderRole: view.holderRole,
    holderName: view.holderRole === null ? (ORGANISATION.findUser(view.holder)?.name ?? null) : null,
    source: view.source,
    scope: { ...view.scope },
    decision: { ...view.decision },
    validFrom: view.validFrom,
    validTo: view.validTo,
    delegationReference: view.delegationReference,
    status: view.status,
    inForce: isAppointmentViewInForce(view, stockholmDateOf(now)),
    ended: view.ended ? { ...view.ended } : null,
    tasks: stored.state ? stored.state.tasks.map(toLsTaskDto) : [],
    version: stored.state ? stored.state.version : (stored.registerVersion ?? 1),
  };
}

const storedDto = (state: AppointmentState, now: Date) =>
  toAppointmentDto(storedAppointmentView(state), now, { state });

const ROLE_ORDER = new Map<string, number>(APPOINTMENT_ROLES.map((role, i) => [role, i]));

/** Appointments with the decisions that made them (R-15, AUD-5, AUD-6, PR-2) and the alert of roles nobody holds. */
@Injectable()
export class AppointmentsService {
  readonly appointments: LsCommandService<AppointmentState, AppointmentCommand, AppointmentEvent>;
  private readonly routines: LsCommandService<never, never, never>;

  constructor(
    store: EventStore,
    private readonly delegations: DelegationRegisterRepository,
    private readonly people: PersonChecks,
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
    if (dto.unitId) await this.people.unitWorker(dto.holder, dto.unitId, user, 'holder');
    else await this.people.known(dto.holder, user, 'holder');
    const id = appointmentId ?? randomUUID();
    const data = appointDataOf(dto, id);
    if (dto.role === 'delegat' && delegationDecisionOf(data.scope.decisionType) !== null)
      return this.appointDelegate(user, data, info);
    const { state } = await createOnce({
      idempotentId: appointmentId,
      load: (taken) => this.appointments.load(taken),
      create: () =>
        this.appointments.execute(
          id,
          {
            type: 'appoint',
            actor: user,
            data,
          },
          { expectedVersion: 0, requestId: info.requestId },
        ),
    });
    return storedDto(state, new Date());
  }

  /**
   * A delegate for a decision of the delegation register is a row of it (ADR 0034): checked by the
   * appointment's decider, then added to the register as a new version. A repeated request (same id)
   * answers the row it made; a concurrent save of the register is retried on the new version.
   */
  private async appointDelegate(
    user: Principal,
    data: AppointData,
    info: RequestInfo,
  ): Promise<AppointmentDto> {
    const checked = decideAppointment({ type: 'appoint', actor: user, data }, null, new Date());
    if (!checked.ok) throw new CommandRefusedError(checked.refusal);
    const row: DelegationItem = {
      id: data.appointmentId,
      decision: delegationDecisionOf(data.scope.decisionType)!,
      username: data.holder,
      validFrom: data.validFrom,
      validTo: data.validTo,
      boardDecision: data.decision.reference,
      decidedBy: data.decision.decidedBy,
      decidedOn: data.decision.decidedOn,
      ...(data.delegationReference ? { delegationReference: data.delegationReference } : {}),
    };
    for (let attempt = 1; ; attempt++) {
      const register = await this.delegations.current();
      if (!register.items.some((item) => item.id === row.id))
        try {
          await this.delegations.change([...register.items, row], user.username, {
            expectedVersion: register.version,
            requestId: info.requestId,
          });
        } catch (error) {
          if (error instanceof VersionConflictError && attempt < 3) continue;
          throw error;
        }
      return this.get(row.id!);
    }
  }

  /**
   * Both stores, read from the event store (the registers are small), so a write through either api
   * shows at once: the appointments, then the delegation register's rows (ADR 0034).
   */
  private async everyAppointment(): Promise<{
    dtos: AppointmentDto[];
    views: AppointmentView[];
  }> {
    const [stored, register] = await Promise.all([this.appointments.all(), this.delegations.current()]);
    const states = new Map(stored.map((s) => [s.id, s]));
    const views = oneAppointmentRegister(stored, register.items);
    const now = new Date();
    const dtos = views.map((view) =>
      toAppointmentDto(view, now, {
        ...(states.has(view.id) ? { state: states.get(view.id)! } : {}),
        registerVersion: register.version,
      }),
    );
    return { dtos, views };
  }

  async list(query: AppointmentListQueryDto): Promise<AppointmentPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { dtos } = await this.everyAppointment();
    const matching = dtos
      .filter((a) => (query.role ? a.role === query.role : true))
      .filter((a) => (query.status ? a.status === query.status : true))
      .sort(
        (a, b) =>
          ROLE_ORDER.get(a.role)! - ROLE_ORDER.get(b.role)! ||
          (a.scope.decisionType ?? '').localeCompare(b.scope.decisionType ?? '') ||
          b.validFrom.localeCompare(a.validFrom) ||
          a.holder.localeCompare(b.holder),
      );
    return {
      items: matching.slice((page - 1) * pageSize, page * pageSize),
      total: matching.length,
      page,
      pageSize,
    };
  }

  async get(id: string): Promise<AppointmentDto> {
    const appointmentId = requireUuid(id, 'Förordnandet');
    const { state } = await this.appointments.load(appointmentId);
    if (state) return storedDto(state, new Date());
    const { dtos } = await this.everyAppointment();
    const row = dtos.find((a) => a.id === appointmentId);
    if (!row) throw ApiProblem.notFound('Förordnandet finns inte.');
    return row;
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
    if (!state) return this.endDelegate(user, appointmentId, data, expectedVersion, info);
    const result = await this.appointments.execute(
      appointmentId,
      { type: 'end', actor: user, data },
      { expectedVersion, requestId: info.requestId },
    );
    return storedDto(result.state, new Date());
  }

  /** Ending a delegate ends its row of the register: its window closes on the end day, the row stays (ADR 0034). */
  private async endDelegate(
    user: Principal,
    id: string,
    data: { on: string; reason: string },
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<AppointmentDto> {
    const register = await this.delegations.current();
    if (!register.items.some((item) => item.id === id)) throw ApiProblem.notFound('Förordnandet finns inte.');
    const ended = endDelegation(register.items, id, { ...data, by: user.username });
    if (!ended.ok) throw new CommandRefusedError(ended.refusal);
    await this.delegations.change(ended.items, user.username, {
      expectedVersion: expectedVersion ?? register.version,
      requestId: info.requestId,
    });
    return this.get(id);
  }

  /** Read from the event store (the register is small), so an appointment just made counts at once. */
  async alerts(on?: string): Promise<AppointmentAlertsDto> {
    const day = on ?? stockholmDateOf(new Date());
    const missing = missingAppointments((await this.everyAppointment()).views, day);
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

function appointDataOf(dto: AppointDto, id: string): AppointData {
  return {
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
  };
}
