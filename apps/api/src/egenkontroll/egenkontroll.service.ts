import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EGENKONTROLL_AGGREGATE } from '@kvalitet/domain';
import type {
  EgenkontrollCommand,
  EgenkontrollEvent,
  EgenkontrollPlanState,
  Finding,
  PlannedControl,
} from '@kvalitet/domain';
import {
  CaseCommandService,
  CommandRefusedError,
  EventStore,
  LsCommandService,
  VersionConflictError,
} from '@kvalitet/persistence';
import {
  BOARD_WIDE_READERS,
  boardUnitsOf,
  canManageUnitRegister,
  canReadEgenkontroll,
  canRecordEgenkontroll,
} from '../access/access-policy';
import type { Principal } from '../access/principal';
import type { RequestInfo } from '../common/http/request-info';
import { ApiProblem } from '../common/problem/api-problem';
import { createOnce, createdUnder } from '../idempotency/create-once';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { ORGANISATION } from '../org/organisation.instance';
import { nameUuid } from '../routines/register-support/name-uuid';
import { requireUuid } from '../routines/register-support/require-uuid';
import { listRegister } from '../routines/register-support/register-list';
import type {
  CreateEgenkontrollPlanDto,
  EgenkontrollListQueryDto,
  EgenkontrollPlanDto,
  EgenkontrollPlanPageDto,
  PlannedControlInputDto,
  RecordControlResultDto,
} from './egenkontroll.dto';
import { toEgenkontrollPlanDto } from './egenkontroll-view';
import { PersonChecks } from '../users/person-checks';

type PlanCommand = Exclude<EgenkontrollCommand, { type: 'create-plan' | 'advance-duties' }>;

const notFound = () =>
  ApiProblem.notFound('Egenkontrollplanen finns inte, eller så har du inte behörighet att se den.');

function toControl(input: PlannedControlInputDto): PlannedControl {
  return {
    controlId: randomUUID(),
    kind: input.kind,
    title: input.title.trim(),
    method: input.method.trim(),
    sampleRule: input.sampleRule?.trim() ?? '',
    frequency: input.frequency,
    responsible: input.responsible,
  };
}

/** Yearly egenkontroll plans per unit (EK-1 … EK-5). Findings reported as deviations go through the case service like any report. */
@Injectable()
export class EgenkontrollService {
  readonly plans: LsCommandService<EgenkontrollPlanState, EgenkontrollCommand, EgenkontrollEvent>;

  constructor(
    store: EventStore,
    private readonly cases: CaseCommandService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly people: PersonChecks,
  ) {
    this.plans = new LsCommandService(EGENKONTROLL_AGGREGATE, store);
  }

  async create(
    user: Principal,
    dto: CreateEgenkontrollPlanDto,
    info: RequestInfo,
    idempotentId?: string,
  ): Promise<EgenkontrollPlanDto> {
    if (!canManageUnitRegister(user, dto.unitId, ORGANISATION))
      throw ApiProblem.forbidden('Du får inte göra egenkontrollplaner för den enheten.');
    for (const [index, control] of dto.controls.entries())
      await this.people.unitWorker(control.responsible, dto.unitId, user, `controls[${index}].responsible`);
    const planId = nameUuid(`egenkontroll/${dto.unitId}/${dto.year}`);
    const { state } = await createOnce({
      idempotentId,
      create: () =>
        this.plans.execute(
          planId,
          {
            type: 'create-plan',
            actor: user,
            data: { planId, unitId: dto.unitId, year: dto.year, controls: dto.controls.map(toControl) },
          },
          { expectedVersion: 0, ...createdUnder(idempotentId), requestId: info.requestId },
        ),
      load: () => this.plans.load(planId),
    }).catch((error: unknown) => {
      if (error instanceof VersionConflictError)
        throw new ApiProblem('ALREADY_EXISTS', 'Enheten har redan en egenkontrollplan för året.');
      throw error;
    });
    return toEgenkontrollPlanDto(state, new Date());
  }

  async list(user: Principal, query: EgenkontrollListQueryDto): Promise<EgenkontrollPlanPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const boardWide = user.roles.some((r) => BOARD_WIDE_READERS.includes(r));
    const requested = query.unitId ? ORGANISATION.scopeOf([query.unitId]) : null;
    const boardUnits = boardUnitsOf(user, ORGANISATION);
    const visible = boardWide
      ? (requested ?? boardUnits).filter((u) => boardUnits.includes(u))
      : (requested ?? ORGANISATION.scopeOf(user.unitIds)).filter((u) =>
          ORGANISATION.isWithin(u, user.unitIds),
        );
    const { items, total } = await listRegister<EgenkontrollPlanState>(this.dataSource, {
      aggregateType: EGENKONTROLL_AGGREGATE.aggregateType,
      unitIds: visible,
      extra: query.year === undefined ? [] : [{ sql: `(state->>'year')::int = $1`, params: [query.year] }],
      page,
      pageSize,
    });
    const now = new Date();
    return { items: items.map((s) => toEgenkontrollPlanDto(s, now)), total, page, pageSize };
  }

  async get(user: Principal, id: string): Promise<EgenkontrollPlanDto> {
    const state = await this.loadVisible(user, id);
    return toEgenkontrollPlanDto(state, new Date());
  }

  private async loadVisible(user: Principal, id: string): Promise<EgenkontrollPlanState> {
    const { state } = await this.plans.load(requireUuid(id, 'Planen'));
    if (!state || !canReadEgenkontroll(user, state.unitId, ORGANISATION)) throw notFound();
    return state;
  }

  async command(
    user: Principal,
    id: string,
    command: PlanCommand,
    expectedVersion: number | undefined,
    info: RequestInfo,
    right: 'manage' | 'record' = 'manage',
  ): Promise<EgenkontrollPlanDto> {
    const state = await this.loadVisible(user, id);
    const allowed =
      right === 'manage'
        ? canManageUnitRegister(user, state.unitId, ORGANISATION)
        : canRecordEgenkontroll(user, state.unitId, ORGANISATION);
    if (!allowed) throw ApiProblem.forbidden('Du får inte ändra den här egenkontrollplanen.');
    const result = await this.plans.execute(state.id, command, {
      expectedVersion,
      requestId: info.requestId,
    });
    return toEgenkontrollPlanDto(result.state, new Date());
  }

  async addControl(
    user: Principal,
    id: string,
    control: PlannedControlInputDto,
    expectedVersion: number | undefined,
    info: RequestInfo,
  ) {
    const state = await this.loadVisible(user, id);
    if (canManageUnitRegister(user, state.unitId, ORGANISATION))
      await this.people.unitWorker(control.responsible, state.unitId, user, 'control.responsible');
    return this.command(
      user,
      id,
      { type: 'add-control', actor: user, data: { control: toControl(control) } },
      expectedVersion,
      info,
    );
  }

  /**
   * EK-3: the result is checked by the decider first (with placeholders for the cases), then each
   * finding to be reported as a deviation becomes a case through the case service, then the result
   * is recorded with their case numbers — so a refused result reports no case.
   */
  async recordResult(
    user: Principal,
    id: string,
    dto: RecordControlResultDto,
    info: RequestInfo,
  ): Promise<EgenkontrollPlanDto> {
    const { state, events } = await this.plans.load(requireUuid(id, 'Planen'));
    if (!state || !canReadEgenkontroll(user, state.unitId, ORGANISATION)) throw notFound();
    if (!canRecordEgenkontroll(user, state.unitId, ORGANISATION))
      throw ApiProblem.forbidden('Du får inte registrera resultat i den här planen.');
    for (const [index, finding] of (dto.findings ?? []).entries())
      if (finding.handling === 'action' && finding.action)
        await this.people.unitWorker(
          finding.action.owner,
          state.unitId,
          user,
          `findings[${index}].action.owner`,
        );
    const findings: Finding[] = (dto.findings ?? []).map((f) => ({
      findingId: randomUUID(),
      description: f.description.trim(),
      handling: f.handling,
      caseId: f.handling === 'deviation' ? 'pending' : null,
      caseNumber: null,
      action:
        f.handling === 'action' && f.action
          ? {
              actionId: randomUUID(),
              title: f.action.title.trim(),
              owner: f.action.owner,
              dueDate: f.action.dueDate,
              completedAt: null,
              completionNote: null,
            }
          : null,
    }));
    const data = {
      controlId: dto.controlId.toLowerCase(),
      occurrence: dto.occurrence,
      result: dto.result,
      analysis: dto.analysis,
      findings,
      noActions: dto.noActions ?? false,
    };
    const dryRun = EGENKONTROLL_AGGREGATE.decide(
      { type: 'record-result', actor: user, data },
      state,
      new Date(),
    );
    if (!dryRun.ok) throw new CommandRefusedError(dryRun.refusal);
    if (dto.expectedVersion !== undefined && this.plans.isStale(events, state, dto.expectedVersion))
      throw new VersionConflictError(state.id, dto.expectedVersion);
    const control = state.controls.find((c) => c.controlId === data.controlId)!;
    for (const finding of findings.filter((f) => f.handling === 'deviation')) {
      const reported = await this.cases.report(
        {
          type: 'deviation',
          unitId: state.unitId,
          occurredAt: new Date().toISOString(),
          description: `Egenkontroll ${data.occurrence}, ${control.title}: ${finding.description}`,
          channel: 'staff_form',
          reporter: { username: user.username, name: user.name },
        },
        { username: user.username, roles: [...user.roles] },
        { ...(info.requestId ? { requestId: info.requestId } : {}) },
      );
      Object.assign(finding, { caseId: reported.state.id, caseNumber: reported.state.caseNumber });
    }
    const result = await this.plans.execute(
      state.id,
      { type: 'record-result', actor: user, data },
      { requestId: info.requestId },
    );
    return toEgenkontrollPlanDto(result.state, new Date());
  }
}
