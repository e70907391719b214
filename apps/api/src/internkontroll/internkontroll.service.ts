import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { INTERNKONTROLL_AGGREGATE } from '@kvalitet/domain';
import type { InternkontrollCommand, InternkontrollEvent, InternkontrollState } from '@kvalitet/domain';
import { EventStore, LsCommandService, VersionConflictError } from '@kvalitet/persistence';
import { canManageBoardRegisters } from '../access/access-policy';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce, createdUnder } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { nameUuid } from '../routines/register-support/name-uuid';
import { requireUuid } from '../routines/register-support/require-uuid';
import { listRegister } from '../routines/register-support/register-list';
import { toLsTaskDto } from '../routines/register-support/ls-task.dto';
import type { InternkontrollPlanDto, InternkontrollPlanPageDto } from './internkontroll.dto';
import { PersonChecks } from '../users/person-checks';

type PlanCommand = Exclude<InternkontrollCommand, { type: 'create' | 'advance-duties' }>;

function toInternkontrollPlanDto(state: InternkontrollState): InternkontrollPlanDto {
  return {
    id: state.id,
    year: state.year,
    stage: state.stage,
    risks: state.risks.map((r) => ({ ...r })),
    controls: state.controls.map((c) => ({ ...c, result: c.result ? { ...c.result } : null })),
    planDecision: state.planDecision ? { ...state.planDecision } : null,
    report: state.report ? { ...state.report, decision: { ...state.report.decision } } : null,
    tasks: state.tasks.map(toLsTaskDto),
    version: state.version,
  };
}

/** The board's yearly internkontroll plan (IK-1 … IK-3): one per year. */
@Injectable()
export class InternkontrollService {
  readonly plans: LsCommandService<InternkontrollState, InternkontrollCommand, InternkontrollEvent>;

  constructor(
    store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly people: PersonChecks,
  ) {
    this.plans = new LsCommandService(INTERNKONTROLL_AGGREGATE, store);
  }

  async create(
    user: Principal,
    year: number,
    info: RequestInfo,
    idempotentId?: string,
  ): Promise<InternkontrollPlanDto> {
    const planId = nameUuid(`internkontroll/forvaltning/${year}`);
    const { state } = await createOnce({
      idempotentId,
      create: () =>
        this.plans.execute(
          planId,
          { type: 'create', actor: user, data: { planId, year } },
          { expectedVersion: 0, ...createdUnder(idempotentId), requestId: info.requestId },
        ),
      load: () => this.plans.load(planId),
    }).catch((error: unknown) => {
      if (error instanceof VersionConflictError)
        throw new ApiProblem('ALREADY_EXISTS', 'Det finns redan en internkontrollplan för året.');
      throw error;
    });
    return toInternkontrollPlanDto(state);
  }

  async list(page = 1, pageSize = 50): Promise<InternkontrollPlanPageDto> {
    const { items, total } = await listRegister<InternkontrollState>(this.dataSource, {
      aggregateType: INTERNKONTROLL_AGGREGATE.aggregateType,
      page,
      pageSize,
    });
    return { items: items.map(toInternkontrollPlanDto), total, page, pageSize };
  }

  private async load(id: string): Promise<InternkontrollState> {
    const { state } = await this.plans.load(requireUuid(id, 'Planen'));
    if (!state) throw ApiProblem.notFound('Internkontrollplanen finns inte.');
    return state;
  }

  async get(id: string): Promise<InternkontrollPlanDto> {
    return toInternkontrollPlanDto(await this.load(id));
  }

  /** Kvalitet and the förvaltningschef run the cycle; a control's responsible person records its result. */
  async command(
    user: Principal,
    id: string,
    command: PlanCommand,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ): Promise<InternkontrollPlanDto> {
    const state = await this.load(id);
    const responsible =
      command.type === 'record-control-result' &&
      state.controls.some((c) => c.controlId === command.data.controlId && c.responsible === user.username);
    if (!canManageBoardRegisters(user) && !responsible)
      throw ApiProblem.forbidden('Du får inte ändra internkontrollplanen.');
    if (command.type === 'add-control')
      await this.people.known(command.data.responsible, user, 'responsible');
    const result = await this.plans.execute(state.id, command, {
      expectedVersion,
      requestId: info.requestId,
    });
    return toInternkontrollPlanDto(result.state);
  }

  newId(): string {
    return randomUUID();
  }
}
